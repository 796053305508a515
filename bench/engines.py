"""Engine micro-benchmarks: median time per call of the reading engines.

Run from the project root:  .venv/bin/python bench/engines.py  [--repeat N]

Each case is timed with ``timeit``: the number of calls per sample is chosen so one sample takes
about 0.2 s (``Timer.autorange``), then ``--repeat`` samples are taken and the median per-call
time is printed, with the spread (min–max) so an unsteady machine shows.
"""

from __future__ import annotations

import argparse
import itertools
import os
import platform
import statistics
import sys
import timeit
from collections.abc import Callable
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from oracle.engines.compose import (
    ReadingProfile,
    compose_daily,
    compose_multi_user,
    compose_name,
    compose_question,
    compose_time_reading,
)
from oracle.engines.fc60 import encode_fc60
from oracle.engines.multi_user import analyze
from oracle.services.sky import sky_block

MOMENT = datetime(2026, 2, 6, 1, 15, tzinfo=UTC)
# A new minute for every sky block timed (2026 has room for 500,000 of them).
SKY_MOMENTS = (MOMENT + timedelta(minutes=step) for step in itertools.count(1))
PROFILE = ReadingProfile("Alice Smith", date(1990, 5, 15), mother_name="Mary", tz="+03:30")
TEN_PEOPLE = [
    {"name": name, "birth_year": 1980 + i, "birth_month": i + 1, "birth_day": 2 * i + 1}
    for i, name in enumerate(
        ["Alice", "Bob", "Carol", "Dave", "Erin", "Frank", "Grace", "Heidi", "Ivan", "Judy"]
    )
]

CASES: list[tuple[str, Callable[[], object], float | None]] = [
    ("encode_fc60 (date + time + zone)", lambda: encode_fc60(2026, 2, 6, 1, 15, 0, 8, 0), None),
    ("time reading (compose_time_reading)", lambda: compose_time_reading(MOMENT), 1.0),
    (
        "time reading for a profile",
        lambda: compose_time_reading(MOMENT, profile=PROFILE),
        1.0,
    ),
    ("name reading (compose_name)", lambda: compose_name("Alice Smith"), None),
    (
        "question reading (compose_question)",
        lambda: compose_question("Will I see 444 again?", MOMENT),
        None,
    ),
    ("daily reading (compose_daily)", lambda: compose_daily(date(2026, 2, 6)), None),
    ("10-person analyze", lambda: analyze(TEN_PEOPLE), 20.0),
    (
        "10-person multi-user reading + interpretation",
        lambda: compose_multi_user(TEN_PEOPLE),
        None,
    ),
    # Added to every time, question and daily reading (ephemeris loaded once per process). Each
    # call is a minute later than the one before: the positions are kept per minute, so the same
    # moment again would time a cache hit, not what a new reading pays.
    ("sky block per reading (oracle.services.sky)", lambda: sky_block(next(SKY_MOMENTS)), 20.0),
    ("sky block, a minute already computed", lambda: sky_block(MOMENT), None),
]


def cpu_model() -> str:
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "unknown"


def measure(function: Callable[[], object], repeat: int) -> tuple[float, float, float]:
    """(median, min, max) seconds per call."""
    timer = timeit.Timer(function)
    number, elapsed = timer.autorange()
    number = max(1, int(number * 0.2 / max(elapsed, 1e-9)))
    samples = [total / number for total in timer.repeat(repeat=repeat, number=number)]
    return statistics.median(samples), min(samples), max(samples)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=15, help="samples per case (default 15)")
    args = parser.parse_args()

    print(f"Python {platform.python_version()} ({platform.python_implementation()})")
    print(f"{platform.system()} {platform.release()} {platform.machine()}")
    print(f"CPU: {cpu_model()} × {os.cpu_count()}")
    print(f"{args.repeat} samples of ~0.2 s per case; times are per call\n")
    print(f"{'case':<48} {'median':>10} {'min':>10} {'max':>10}  target")
    for name, function, target_ms in CASES:
        median, fastest, slowest = measure(function, args.repeat)
        verdict = ""
        if target_ms is not None:
            verdict = f"< {target_ms:g} ms " + ("ok" if median * 1000 < target_ms else "MISSED")
        print(
            f"{name:<48} {median * 1e6:>8.1f}µs {fastest * 1e6:>8.1f}µs {slowest * 1e6:>8.1f}µs"
            f"  {verdict}"
        )


if __name__ == "__main__":
    main()

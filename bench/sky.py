"""What the sky block costs (`oracle.services.sky`): once per process, once per year, per reading.

Run from the project root:  .venv/bin/python bench/sky.py  [--repeat N]   (or `make bench-sky`)

* loading the DE421 ephemeris and the time scale (once per process, in a fresh interpreter);
* the first block of a calendar year (searches that year's phase instants, then cached);
* a block of a year already searched (what a reading pays), and the birth signs of a profile.
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

COLD = (
    "import time; t = time.perf_counter(); from oracle.services import sky; sky.warm_up(); "
    "print(time.perf_counter() - t)"
)


def cold_load(repeat: int) -> list[float]:
    """Seconds to import the service and load the ephemeris, each in a new interpreter."""
    return [
        float(
            subprocess.run(
                [sys.executable, "-c", COLD], cwd=ROOT, capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(repeat)
    ]


def timed(function, count: int) -> list[float]:
    samples = []
    for index in range(count):
        start = time.perf_counter()
        function(index)
        samples.append(time.perf_counter() - start)
    return samples


def line(name: str, samples: list[float]) -> None:
    median = statistics.median(samples)
    print(
        f"{name:<52} {median * 1000:>9.2f} ms  (min {min(samples) * 1000:.2f}, "
        f"max {max(samples) * 1000:.2f}, n={len(samples)})"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200, help="blocks timed (default 200)")
    args = parser.parse_args()

    from oracle.services import sky

    line("ephemeris load, once per process (fresh interpreter)", cold_load(3))
    sky.warm_up()
    years = iter(range(1990, 2050))
    line(
        "first block of a year (phase search, then cached)",
        timed(lambda _i: sky.sky_block(datetime(next(years), 6, 1, tzinfo=UTC)), 10),
    )
    base = datetime(2026, 2, 6, 1, 15, tzinfo=UTC)
    sky.sky_block(base)
    line(
        "sky block of a reading (year cached)",
        timed(lambda i: sky.sky_block(base + timedelta(minutes=37 * i)), args.repeat),
    )
    line(
        "birth signs of a profile (3 positions)",
        timed(lambda i: sky.birth_signs(date(1990, 1, 1) + timedelta(days=i), UTC), 50),
    )


if __name__ == "__main__":
    main()

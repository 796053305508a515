"""Server time per page from the app's own histogram (`nps_http_request_duration_seconds` of
`/metrics`, every gunicorn worker added up in Prometheus' multiprocess mode): the time Django took
to answer, without the wait in the listen queue that wrk's latency includes. Prints, for each
path given, its view and the p95 of its GET 200 answers, interpolated within the histogram's
buckets as Prometheus' `histogram_quantile` does (the buckets around 50 ms: 25, 50, 100 ms).

    python bench/server_times.py METRICS_FILE PATH [PATH ...]
"""

import os
import re
import sys
from collections import defaultdict
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

import django

django.setup()

from django.urls import resolve  # noqa: E402

BUCKET = re.compile(
    r"^nps_http_request_duration_seconds_bucket\{(?P<labels>[^}]*)\} (?P<count>[0-9.e+]+)$"
)


def labels_of(text: str) -> dict[str, str]:
    return dict(re.findall(r'(\w+)="([^"]*)"', text))


def buckets_by_view(metrics: str) -> dict[str, list[tuple[float, float]]]:
    found: dict[str, list[tuple[float, float]]] = defaultdict(list)
    for line in metrics.splitlines():
        match = BUCKET.match(line)
        if not match:
            continue
        labels = labels_of(match["labels"])
        if labels.get("method") == "GET" and labels.get("status") == "200":
            bound = float("inf") if labels["le"] == "+Inf" else float(labels["le"])
            found[labels["view"]].append((bound, float(match["count"])))
    return {view: sorted(rows) for view, rows in found.items()}


def quantile(rows: list[tuple[float, float]], q: float) -> float | None:
    """The ``q`` quantile of cumulative buckets ``(upper bound, count)``, in seconds."""
    total = rows[-1][1] if rows else 0
    if not total:
        return None
    wanted, lower, below = q * total, 0.0, 0.0
    for bound, count in rows:
        if count >= wanted:
            if bound == float("inf"):
                return lower
            return lower + (bound - lower) * (wanted - below) / ((count - below) or 1)
        lower, below = bound, count
    return lower


def main() -> None:
    metrics = Path(sys.argv[1]).read_text()
    by_view = buckets_by_view(metrics)
    for path in sys.argv[2:]:
        match = resolve(path)
        view = match.view_name or match._func_path  # the label nps.core.requestlog gives
        rows = by_view.get(view, [])
        p95 = quantile(rows, 0.95)
        count = int(rows[-1][1]) if rows else 0
        shown = f"{p95 * 1000:.0f}" if p95 is not None else "-"
        print(f"{path}\t{view}\t{shown}\t{count}")


if __name__ == "__main__":
    main()

"""Added latency of the AI interpretation on a reading page.

Run from the project root:  .venv/bin/python bench/interpretation.py  [--repeat N]

Throw-away SQLite database and in-process cache (set DATABASE_URL / REDIS_URL for PostgreSQL and
Redis). The AI provider is the tests' fake Messages API server on 127.0.0.1 (no network), so the
"first call" figure is this machine's own overhead (SDK, HTTP, parsing, storing), not a real
model's seconds. Median server times of:

* without AI (no key): the reading made through the page (htmx POST), deterministic sections in
  place;
* with AI: the same POST (the page renders the lazy container, no AI call), then the section's
  own request — the first call (provider asked, answer stored encrypted) and later requests
  (the stored interpretation decrypted and rendered).
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
import uuid
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DEBUG", "1")
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")
os.environ.setdefault("LOG_LEVEL", "ERROR")
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
settings.NPS_RATE_LIMITS = dict.fromkeys(settings.NPS_RATE_LIMITS, "1000000/minute")

HTMX = {"HTTP_HX_REQUEST": "true"}


def median_ms(samples: list[float]) -> str:
    samples.sort()
    return (
        f"median {statistics.median(samples):6.1f} ms (min {samples[0]:.1f}, max {samples[-1]:.1f})"
    )


def post_reading(client: Client) -> tuple[float, int]:
    body = {"type": "time", "token": uuid.uuid4().hex, "date": "2026-03-20", "time": "09:30"}
    started = time.perf_counter()
    response = client.post("/oracle?type=time", body, **HTMX)
    elapsed = (time.perf_counter() - started) * 1000
    assert response.status_code == 200, response.status_code
    from oracle.models import Reading

    return elapsed, Reading.objects.latest("id").pk


def timed_get(client: Client, url: str) -> float:
    started = time.perf_counter()
    response = client.get(url, **HTMX)
    assert response.status_code == 200, response.status_code
    return (time.perf_counter() - started) * 1000


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=20)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from nps.accounts.models import User
    from oracle.services import ai
    from oracle.tests.fake_provider import FakeProvider
    from oracle.tests.test_views_interpretation import answer

    user = User.objects.create_user(username=f"bench-{uuid.uuid4().hex[:6]}", password="x" * 20)
    client = Client()
    client.force_login(user)

    settings.ANTHROPIC_API_KEY = ""
    without = [post_reading(client)[0] for _ in range(args.repeat)]

    provider = FakeProvider().start()
    provider.default = answer
    settings.ANTHROPIC_API_KEY = "sk-ant-bench"
    settings.ANTHROPIC_BASE_URL = provider.base_url
    ai._client()  # the SDK import, once per worker
    page, first, stored = [], [], []
    for _ in range(args.repeat):
        elapsed, reading_id = post_reading(client)
        page.append(elapsed)
        url = f"/oracle/readings/{reading_id}/interpretation"
        ai.cache.clear()  # a first call really reaches the provider
        first.append(timed_get(client, url))
        stored.extend(timed_get(client, url) for _ in range(3))
    provider.stop()

    print(f"reading page, no AI configured ........ {median_ms(without)}")
    print(f"reading page, AI configured (lazy) .... {median_ms(page)}")
    print(f"  + interpretation, first call ........ {median_ms(first)}  ({provider.calls} calls)")
    print(f"  + interpretation, stored ............ {median_ms(stored)}")


if __name__ == "__main__":
    main()

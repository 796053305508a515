"""Page weight and server time of the consultation page.

Run from the project root:  .venv/bin/python bench/pages.py  [--repeat N]

Uses a throw-away SQLite database and the in-process cache (set DATABASE_URL / REDIS_URL to measure
on PostgreSQL and Redis). For each reading type it prints the weight of what a first visit
transfers — the HTML of `/oracle?type=…` plus the CSS and JavaScript it links — raw and gzipped
(as a proxy or whitenoise would send them), then the median server time of a reading made through
the page (an htmx POST: form validation, the service, storing, rendering the result).
"""

from __future__ import annotations

import argparse
import gzip
import os
import re
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
if "DATABASE_URL" not in os.environ:
    os.environ["DATABASE_URL"] = f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3"

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.contrib.staticfiles import finders  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.test import Client  # noqa: E402

settings.ALLOWED_HOSTS = ["*"]
settings.NPS_RATE_LIMITS = dict.fromkeys(settings.NPS_RATE_LIMITS, "1000000/minute")

ASSET = re.compile(r'(?:href|src)="(/static/[^"]+\.(?:css|js))"')


def weight(client: Client, path: str) -> tuple[int, int, int, int]:
    html = client.get(path).content
    raw, packed = len(html), len(gzip.compress(html))
    assets_raw = assets_packed = 0
    for url in dict.fromkeys(ASSET.findall(html.decode())):
        found = finders.find(url.removeprefix(settings.STATIC_URL))
        data = Path(found).read_bytes()
        assets_raw += len(data)
        assets_packed += len(gzip.compress(data))
    return raw, packed, assets_raw, assets_packed


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--repeat", type=int, default=30)
    args = parser.parse_args()
    call_command("migrate", verbosity=0)
    from nps.accounts.models import User
    from oracle.models import Profile

    user = User.objects.create_user(username=f"bench-{uuid.uuid4().hex[:6]}", password="x" * 20)
    profile = Profile.objects.create(
        owner=user,
        name="Alice Smith",
        birthday="1990-05-15",
        mother_name="Mary",
        timezone="Asia/Tehran",
    )
    client = Client()
    client.force_login(user)

    print(f"{'page':28} {'HTML':>9} {'gzip':>8} {'CSS+JS':>9} {'gzip':>8} {'total gzip':>11}")
    for reading_type in ("time", "name", "question", "daily", "multi"):
        path = f"/oracle?type={reading_type}"
        raw, packed, assets_raw, assets_packed = weight(client, path)
        print(
            f"{path:28} {raw / 1024:8.1f}K {packed / 1024:7.1f}K {assets_raw / 1024:8.1f}K "
            f"{assets_packed / 1024:7.1f}K {(packed + assets_packed) / 1024:10.1f}K"
        )

    timings = []
    for _ in range(args.repeat):
        body = {
            "type": "time",
            "token": uuid.uuid4().hex,
            "profile": profile.pk,
            "date": "2026-03-20",
            "time": "09:30",
            "timezone": "Asia/Tehran",
        }
        started = time.perf_counter()
        response = client.post("/oracle?type=time", body, HTTP_HX_REQUEST="true")
        timings.append((time.perf_counter() - started) * 1000)
        assert response.status_code == 200, response.status_code
    timings.sort()
    print(
        f"time reading through the page (htmx POST, {args.repeat} runs): median "
        f"{statistics.median(timings):.1f} ms, min {timings[0]:.1f}, max {timings[-1]:.1f}"
    )


if __name__ == "__main__":
    main()

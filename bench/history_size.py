"""Cost of the pages and list endpoints as the account's history grows: 100 against 10,000 readings.

Run from the project root:  make bench-history-size  (or, with the environment of
bench/production_env.sh already set: .venv/bin/python bench/history_size.py [--requests N]
[--profile PATH] [--sizes 100,10000]).

One account per size, with readings of every kind spread over the last three years (several a
day at 10,000, so the streaks are long), a journal entry on every fifth (note, tags, some pinned,
outcomes on question readings) and feedback on every tenth. The readings are copied, with
`bulk_create`, from one reading of each kind made through the services; the search index is not
filled (no case searches). The tables are vacuumed and analysed after the fill (as autovacuum
would).

Each case — a page through Django's test client signed in, or its API twin with a bearer token,
in-process — is requested a few times per size to warm up, then ``--requests`` times per size,
the sizes in turn (the load of a shared machine weighs on both alike); the median wall and CPU
time (`time.process_time`: this process only, not PostgreSQL's) and the number of SQL queries of
one request are reported, and the tables are saved under bench/results/. ``--profile PATH``
prints cProfile's top functions for that case at each size.
"""

from __future__ import annotations

import argparse
import cProfile
import datetime as dt
import os
import pstats
import random
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

import django  # noqa: E402

django.setup()

from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.utils import timezone  # noqa: E402

from learning.models import ReadingFeedback  # noqa: E402
from nps.accounts.models import User  # noqa: E402
from nps.accounts.principal import principal_for_account  # noqa: E402
from nps.accounts.services import start_session  # noqa: E402
from oracle.models import Profile, Reading  # noqa: E402
from oracle.services import readings  # noqa: E402
from vault.models import EntryTag, JournalEntry, Outcome  # noqa: E402

YEARS_DAYS = 3 * 365
HOST = "127.0.0.1"
COPIED = [
    field.attname
    for field in Reading._meta.concrete_fields
    if field.attname not in ("id", "created_at", "deleted_at", "is_favorite")
]


def templates(account: User) -> list[Reading]:
    """One stored reading of each kind, made by the services (they are part of the history)."""
    principal = principal_for_account(account, auth_type="session")
    profile = Profile.objects.create(
        owner=account,
        name="Bench person",
        birthday=dt.date(1990, 5, 15),
        mother_name="Maryam",
        timezone="Asia/Tehran",
    )
    made = [
        readings.create_time_reading(
            principal=principal, datetime_text="2024-02-29T13:45:30+03:30", use_ai=False
        ),
        readings.create_question_reading(
            principal=principal, question="Will the new project go well?", use_ai=False
        ),
        readings.create_question_reading(
            principal=principal,
            question="Should I move to another city?",
            profile_id=profile.pk,
            use_ai=False,
        ),
        readings.create_name_reading(principal=principal, name="Sara Bench", use_ai=False),
        readings.create_multi_user_reading(
            principal=principal,
            users=[
                readings.MultiUserMember(
                    name=name, birth_year=1990 + offset, birth_month=3, birth_day=10 + offset
                )
                for offset, name in enumerate(("Hamzeh", "Sara", "Ali"))
            ],
            use_ai=False,
        ),
        readings.daily_reading(
            principal=principal,
            profile_id=profile.pk,
            timezone_name="Asia/Tehran",
            use_ai=False,
            store=True,
        ),
    ]
    ids = [result["reading_id"] for result in made]
    return list(Reading.objects.filter(pk__in=ids).order_by("pk"))


def fill(account: User, models: list[Reading], count: int, rng: random.Random) -> None:
    """Add ``count`` readings copied from ``models`` over the last three years, with journal
    entries and feedback."""
    now = timezone.now()
    rows = []
    for _ in range(count):
        model = rng.choice(models)
        moment = now - dt.timedelta(seconds=rng.uniform(0, YEARS_DAYS * 86400))
        rows.append(
            Reading(
                **{name: getattr(model, name) for name in COPIED},
                created_at=moment,
                is_favorite=rng.random() < 0.05,
            )
        )
    created = Reading.objects.bulk_create(rows, batch_size=1000)
    with_journal = [reading for index, reading in enumerate(created) if index % 5 == 0]
    journals = JournalEntry.objects.bulk_create(
        [
            JournalEntry(
                reading=reading,
                note=f"Bench note {index}: it came true in part.",
                pinned=index % 50 == 0,
                outcome=(
                    rng.choice(Outcome.values)
                    if reading.sign_type == "question" and index % 3 == 0
                    else None
                ),
                outcome_on=reading.created_at.date() if reading.sign_type == "question" else None,
            )
            for index, reading in enumerate(with_journal)
        ],
        batch_size=1000,
    )
    for journal in journals:
        if journal.outcome is None:
            journal.outcome_on = None
    JournalEntry.objects.bulk_update(journals, ["outcome_on"], batch_size=1000)
    EntryTag.objects.bulk_create(
        [
            EntryTag.of(journal, tag)
            for index, journal in enumerate(journals)
            for tag in ("work", f"tag{index % 7}")
        ],
        batch_size=2000,
    )
    ReadingFeedback.objects.bulk_create(
        [
            ReadingFeedback(
                reading=reading,
                user=account,
                rating=1 + index % 5,
                section_feedback={"advice": index % 2 == 0},
            )
            for index, reading in enumerate(created)
            if index % 10 == 0
        ],
        batch_size=1000,
    )


def cases(reading_id: int) -> list[tuple[str, str, str]]:
    """(name, kind, path): each page and its API twin."""
    return [
        ("dashboard `/`", "page", "/"),
        ("`GET /api/oracle/stats`", "api", "/api/oracle/stats"),
        ("`/history`", "page", "/history"),
        ("`GET /api/oracle/readings`", "api", "/api/oracle/readings"),
        ("`/vault`", "page", "/vault"),
        ("`GET /api/vault/entries`", "api", "/api/vault/entries"),
        ("`/learning`", "page", "/learning"),
        ("`GET /api/learning/stats`", "api", "/api/learning/stats"),
        ("`/readings/<id>`", "page", f"/readings/{reading_id}"),
        ("`GET /api/oracle/readings/<id>`", "api", f"/api/oracle/readings/{reading_id}"),
    ]


def measure(requests_by_size: dict, rounds: int, profile: bool) -> dict[int, dict]:
    """Warm each size's request up, count its queries, then time them in turn (one of each size
    per round, so the load of a shared machine weighs on every size alike)."""
    queries: dict[int, list] = {}
    for size, request in requests_by_size.items():
        for _ in range(5):
            response = request()
            assert response.status_code == 200, (size, response.status_code)
        queries[size] = []
        with connection.execute_wrapper(
            lambda execute, sql, *rest, log=queries[size]: log.append(sql) or execute(sql, *rest)
        ):
            request()
    walls = {size: [] for size in requests_by_size}
    cpus = {size: [] for size in requests_by_size}
    profilers = {size: cProfile.Profile() for size in requests_by_size} if profile else {}
    for _ in range(rounds):
        for size, request in requests_by_size.items():
            profiler = profilers.get(size)
            cpu, wall = time.process_time(), time.perf_counter()
            if profiler:
                profiler.enable()
            request()
            if profiler:
                profiler.disable()
            cpus[size].append((time.process_time() - cpu) * 1000)
            walls[size].append((time.perf_counter() - wall) * 1000)
    for size, profiler in profilers.items():
        print(f"--- {size:,} readings")
        pstats.Stats(profiler).strip_dirs().sort_stats("cumulative").print_stats(35)
    return {
        size: {
            "wall": statistics.median(walls[size]),
            "cpu": statistics.median(cpus[size]),
            "queries": len(queries[size]),
        }
        for size in requests_by_size
    }


def table(title: str, sizes: list[int], results: dict, key: str, unit: str) -> str:
    labels = " | ".join(f"{size:,} readings" for size in sizes)
    lines = [f"{title}", "", f"| case | {labels} | ratio |", "|---" * (len(sizes) + 2) + "|"]
    for name, figures in results.items():
        values = [figures[size][key] for size in sizes]
        shown = " | ".join(f"{value:.1f}{unit}" if unit else str(value) for value in values)
        ratio = values[-1] / values[0] if values[0] else float("nan")
        lines.append(f"| {name} | {shown} | {ratio:.2f}× |")
    return "\n".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=30)
    parser.add_argument("--sizes", default="100,10000")
    parser.add_argument("--profile", metavar="PATH", help="one case, e.g. /vault")
    args = parser.parse_args()
    sizes = [int(size) for size in args.sizes.split(",")]

    rng = random.Random(22)
    clients, reading_ids = {}, {}
    for size in sizes:
        started = time.perf_counter()
        account = User.objects.create_user(f"bench-size-{size}", "bench-password-0123")
        models = templates(account)
        fill(account, models, size - len(models), rng)
        page_client = Client(SERVER_NAME=HOST)
        page_client.force_login(account)
        token = start_session(account).access_token
        clients[size] = {
            "page": page_client,
            "api": Client(SERVER_NAME=HOST, HTTP_AUTHORIZATION=f"Bearer {token}"),
        }
        reading_ids[size] = models[1].pk
        print(f"{size:,} readings stored in {time.perf_counter() - started:.1f} s", flush=True)
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")  # what autovacuum does soon after a bulk load

    results: dict[str, dict[int, dict]] = {}
    for position, (name, kind, _path) in enumerate(cases(0)):
        paths = {size: cases(reading_ids[size])[position][2] for size in sizes}
        if args.profile and args.profile not in paths.values():
            continue
        requests_by_size = {
            size: (lambda c=clients[size][kind], p=paths[size]: c.get(p)) for size in sizes
        }
        results[name] = measure(requests_by_size, args.requests, bool(args.profile))
        shown = ", ".join(
            f"{size:,}: {f['wall']:.1f} ms wall, {f['cpu']:.1f} ms CPU, {f['queries']} queries"
            for size, f in results[name].items()
        )
        print(f"  {name}: {shown}", flush=True)

    load = subprocess.run(["uptime"], capture_output=True, text=True).stdout.strip()
    report = "\n\n".join(
        [
            f"Median of {args.requests} requests after 5 warm-up ones (the sizes in turn), "
            "in-process (Django test client), production settings, PostgreSQL + Redis. "
            f"`uptime`: {load}",
            table("Wall time per request", sizes, results, "wall", " ms"),
            table("CPU time per request (this process)", sizes, results, "cpu", " ms"),
            table("SQL queries per request", sizes, results, "queries", ""),
        ]
    )
    print()
    print(report)
    if not args.profile:
        out = ROOT / "bench" / "results"
        out.mkdir(exist_ok=True)
        stamp = dt.datetime.now(dt.UTC).strftime("%Y%m%dT%H%M%SZ")
        path = out / f"history-size-{stamp}.md"
        path.write_text(report + "\n")
        print(f"\nsaved to {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()

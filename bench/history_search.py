"""History search over one account's 10,000 readings: the keyed blind index against decrypting.

Run from the project root:  .venv/bin/python bench/history_search.py  [--readings N] [--repeat N]
(`make bench-history`). It uses a throw-away PostgreSQL database `nps_bench_history` on
127.0.0.1:5432 (user postgres; `BENCH_DATABASE_URL` to change, e.g. to a `sqlite:///` file for
the embedded database's fallback), migrates it, fills one account with N question readings
(encrypted like any other; a few hold the searched word; each with an interpretation of 60
words, so that a reading has about as many terms as a real one, 200–350) and another account
with N/5, analyses the tables (as autovacuum would), then times
`history.list_readings(search=…)` — the service the page and the API call — and,
for comparison, the former design: decrypt every row of the account and match in Python.
Prints the median and the spread of `--repeat` runs.
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DEBUG", "1")
DATABASE_URL = os.environ.get(
    "BENCH_DATABASE_URL", "postgres://postgres@127.0.0.1:5432/nps_bench_history"
)
os.environ["DATABASE_URL"] = DATABASE_URL
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

WORDS = str.split(
    "will my new job bring happiness should i move to another city when love arrive "
    "is this the right time for travel what does today hold family health money friend "
    "career dream house study change trust letter garden river mountain"
)


def create_database() -> None:
    if DATABASE_URL.startswith("sqlite:"):  # the embedded default's fallback (a scan)
        Path(DATABASE_URL.removeprefix("sqlite:///")).unlink(missing_ok=True)
        return
    import psycopg

    name = DATABASE_URL.rsplit("/", 1)[1]
    admin_url = DATABASE_URL.rsplit("/", 1)[0] + "/postgres"
    with psycopg.connect(admin_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}"')
        connection.execute(f'CREATE DATABASE "{name}"')


def vocabulary(rng: random.Random, size: int = 600) -> list[str]:
    """Made-up words of 4–11 letters: the interpretations' vocabulary."""
    syllables = str.split("ka lo mi ren sa tor vel an is um bra de fi go hu jen")
    return ["".join(rng.choice(syllables) for _ in range(rng.randint(2, 4))) for _ in range(size)]


def fill(owner, count: int, rng: random.Random, *, marked_every: int) -> None:
    import json

    from oracle.models import Reading, ReadingSearchIndex
    from oracle.services import search_index

    vocab = vocabulary(rng)
    rows = []
    for n in range(count):
        words = rng.sample(WORDS, 8)
        if marked_every and n % marked_every == 0:
            words.append("Zanzibar")
        interpretation = " ".join(rng.sample(vocab, 60))
        rows.append(
            Reading(
                owner=owner,
                sign_type="question",
                sign_value=rng.choice(("yes", "no", "maybe")),
                question=" ".join(words).capitalize() + "?",
                reading_result={"answer": "yes", "sign_number": 3, "confidence": 70},
                ai_interpretation=json.dumps({"interpretation": interpretation}),
            )
        )
    created = Reading.objects.bulk_create(rows, batch_size=1000)
    ReadingSearchIndex.objects.bulk_create(
        (
            ReadingSearchIndex(reading_id=reading.pk, terms=search_index.terms_of(reading))
            for reading in created
        ),
        batch_size=1000,
    )


def timed(function, repeat: int) -> tuple[float, float, float, object]:
    samples = []
    result = None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples), min(samples), max(samples), result


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--readings", type=int, default=10_000)
    parser.add_argument("--repeat", type=int, default=15)
    args = parser.parse_args()

    create_database()
    import django

    django.setup()
    from django.core.management import call_command

    call_command("migrate", verbosity=0)
    from nps.accounts.principal import principal_for_account
    from nps.accounts.tests.factories import UserFactory
    from oracle.models import Reading
    from oracle.services import history, sealing

    rng = random.Random(7)
    owner, other = UserFactory(), UserFactory()
    start = time.perf_counter()
    fill(owner, args.readings, rng, marked_every=100)
    fill(other, args.readings // 5, rng, marked_every=50)
    filled = time.perf_counter() - start
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute("ANALYZE")  # what autovacuum does soon after a bulk load
    principal = principal_for_account(owner, auth_type="jwt")

    def search(text: str):
        return lambda: history.list_readings(principal=principal, search=text, limit=20)

    def decrypt_all(text: str):
        needle = text.casefold()

        def run():
            rows = Reading.objects.filter(owner=owner).only(
                "id", "sign_type", "sign_value", "question", "ai_interpretation"
            )
            return [
                row.pk
                for row in rows.iterator(chunk_size=500)
                if any(needle in t.casefold() for t in sealing.search_texts(row))
            ]

        return run

    from oracle.models import ReadingSearchIndex

    sample = ReadingSearchIndex.objects.order_by("pk")[:200]
    per_reading = statistics.mean(len(row.terms) for row in sample)
    print(
        f"{args.readings} readings of the account (+{args.readings // 5} of another), "
        f"stored and indexed in {filled:.1f} s; {per_reading:.0f} terms per reading"
    )
    print("| search | matches | median | min | max |")
    print("|---|---|---|---|---|")
    cases = (
        ("blind index: rare word `zanzibar`", search("zanzibar"), lambda r: r.total),
        ("blind index: common word `job`", search("job"), lambda r: r.total),
        ("blind index: two words `job happi`", search("job happi"), lambda r: r.total),
        ("blind index: no match `xylophone`", search("xylophone"), lambda r: r.total),
        ("no search (first page)", search(""), lambda r: r.total),
        ("decrypt every row: `zanzibar`", decrypt_all("zanzibar"), len),
    )
    for label, function, matches in cases:
        median, low, high, result = timed(function, args.repeat if "decrypt" not in label else 3)
        print(f"| {label} | {matches(result)} | {median:.1f} ms | {low:.1f} ms | {high:.1f} ms |")

    from oracle.services import search_index

    start = time.perf_counter()
    rebuilt = search_index.rebuild()
    print(
        f"\n`search_index.rebuild()` (migration 0014, `manage.py index_readings`): {rebuilt} "
        f"readings in {time.perf_counter() - start:.1f} s"
    )


if __name__ == "__main__":
    main()

"""Import benchmark: records per second for a V4 database with 10,000 readings.

Run from the project root (PostgreSQL must answer; `make bench-imports` sets the URL):

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/nps_bench DEBUG=1 \
        .venv/bin/python bench/imports.py [--readings 10000] [--profiles 200]

It builds a throw-away V4 database (V4's schema, ENC4-encrypted questions, interpretations and
mothers' names, group readings with participants) and a throw-away NPS database (migrated), runs
`import_v4 --execute` into it, prints the time and the rate, and drops both databases.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")
os.environ.setdefault("DEBUG", "1")

import django

django.setup()

import psycopg  # noqa: E402
from django.db import connection  # noqa: E402

from imports.services.v4 import V4Importer  # noqa: E402
from imports.tests.legacy import V4Crypto, v4_database  # noqa: E402
from nps.accounts.models import User  # noqa: E402

KEY, SALT = "bench-key-0123456789", "bench-salt"


def fill(url: str, readings: int, profiles: int) -> None:
    crypto = V4Crypto(KEY, SALT)
    created = dt.datetime(2025, 1, 1, tzinfo=dt.UTC)
    with psycopg.connect(url) as conn:
        with conn.cursor().copy(
            "COPY oracle_users (name, birthday, mother_name, country, city, created_at) FROM STDIN"
        ) as copy:
            for i in range(profiles):
                birthday = dt.date(1950 + i % 50, 1 + i % 12, 1 + i % 28)
                copy.write_row(
                    (
                        f"Person {i}",
                        birthday,
                        crypto.encrypt(f"Mother {i}"),
                        "Iran",
                        "Tehran",
                        created,
                    )
                )
        columns = (
            "user_id, is_multi_user, primary_user_id, question, sign_type, sign_value, "
            "reading_result, ai_interpretation, created_at"
        )
        with conn.cursor().copy(f"COPY oracle_readings ({columns}) FROM STDIN") as copy:
            for i in range(readings):
                profile = 1 + i % profiles
                moment = created + dt.timedelta(minutes=i)
                if i % 10 == 9:
                    result = {"user_count": 2, "ai_interpretation": {"text": f"Group {i}"}}
                    copy.write_row(
                        (
                            None,
                            True,
                            profile,
                            "",
                            "multi_user",
                            "2-user analysis",
                            json.dumps(result),
                            crypto.encrypt(json.dumps({"text": f"Group {i}"})),
                            moment,
                        )
                    )
                    continue
                question = f"Question number {i} about work and family?"
                answer = "Seven seeks the inner road. " * 3
                result = {
                    "question": question,
                    "answer": "yes",
                    "sign_number": 7,
                    "interpretation": answer,
                    "confidence": 0.7,
                }
                copy.write_row(
                    (
                        profile,
                        False,
                        None,
                        crypto.encrypt(question),
                        "question",
                        "yes",
                        json.dumps(result),
                        crypto.encrypt(answer),
                        moment,
                    )
                )
        conn.execute(
            "INSERT INTO oracle_reading_users (reading_id, user_id, is_primary) "
            "SELECT id, primary_user_id, TRUE FROM oracle_readings WHERE is_multi_user "
            "UNION ALL SELECT id, 1 + (primary_user_id %% %s), FALSE FROM oracle_readings "
            "WHERE is_multi_user",
            (profiles,),
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--readings", type=int, default=10_000)
    parser.add_argument("--profiles", type=int, default=200)
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        print("bench/imports.py needs PostgreSQL: set DATABASE_URL.", file=sys.stderr)
        return 1
    test_db = connection.creation.create_test_db(verbosity=0, autoclobber=True, keepdb=False)
    try:
        with v4_database() as url:
            fill(url, args.readings, args.profiles)
            owner = User.objects.create_user("bench-owner", "bench-password-0123")
            started = time.perf_counter()
            report = V4Importer(
                database_url=url, encryption_key=KEY, salt=SALT, owner=owner, execute=True
            ).run()
            elapsed = time.perf_counter() - started
    finally:
        connection.creation.destroy_test_db(test_db, verbosity=0)
    records = report.imported
    print(f"python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} CPUs")
    print(
        f"V4 import: {args.readings} readings + {args.profiles} profiles "
        f"({records} records, {len(report.failures)} failed)"
    )
    print(
        f"  {elapsed:.1f} s  →  {records / elapsed:,.0f} records/s "
        f"({args.readings / elapsed:,.0f} readings/s including key derivation)"
    )
    return 0 if not report.failures else 1


if __name__ == "__main__":
    sys.exit(main())

"""Seed the account of bench/pages_vs_api.sh: 20 profiles and READINGS stored readings (time,
question, name and group readings, a third linked to a profile, every fifth with a journal note and
tags), through the same services the pages and the API call. Prints `READING_ID SHARE_TOKEN`: a
reading to open and the token of a share link to it.

    DJANGO_SETTINGS_MODULE=nps.settings .venv/bin/python bench/pages_seed.py [READINGS]
"""

import datetime as dt
import os
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "nps.settings")

import django

django.setup()

from nps.accounts.models import User  # noqa: E402
from nps.accounts.principal import principal_for_account  # noqa: E402
from oracle.models import Profile  # noqa: E402
from oracle.services import readings, sharing  # noqa: E402
from vault import services as vault  # noqa: E402

USERNAME = "bench"
PASSWORD = "bench-password-0123"  # noqa: S105 (a throw-away benchmark account)


def main(count: int) -> None:
    account = User.objects.create_user(USERNAME, PASSWORD, role="user")
    principal = principal_for_account(account, auth_type="session")
    profiles = [
        Profile.objects.create(
            owner=account,
            name=f"Bench person {index}",
            birthday=dt.date(1980 + index, 1 + index % 12, 1 + index),
            mother_name="Maryam",
            timezone="Asia/Tehran",
        )
        for index in range(20)
    ]
    start = dt.datetime(2024, 1, 1, 8, 0, tzinfo=dt.UTC)
    reading_ids = []
    for index in range(count):
        profile_id = profiles[index % 20].pk if index % 3 == 0 else None
        kind = index % 4
        if kind == 0:
            moment = start + dt.timedelta(days=index, minutes=7 * index)
            stored = readings.create_time_reading(
                principal=principal,
                datetime_text=moment.isoformat(),
                profile_id=profile_id,
                use_ai=False,
            )
        elif kind == 1:
            stored = readings.create_question_reading(
                principal=principal,
                question=f"Will project number {index} go well this season?",
                profile_id=profile_id,
                use_ai=False,
            )
        elif kind == 2:
            stored = readings.create_name_reading(
                principal=principal, name=f"Sara Bench {index}", profile_id=profile_id, use_ai=False
            )
        else:
            members = [
                readings.MultiUserMember(
                    name=name, birth_year=1990 + offset, birth_month=3, birth_day=10 + offset
                )
                for offset, name in enumerate(("Hamzeh", "Sara", "Ali"))
            ]
            stored = readings.create_multi_user_reading(
                principal=principal, users=members, use_ai=False
            )
        reading_ids.append(stored["reading_id"])
        if index % 5 == 0:
            vault.update_entry(
                principal=principal,
                reading_id=stored["reading_id"],
                note=f"Bench note {index}: it came true in part.",
                tags=["work", f"tag{index % 7}"],
                pinned=index % 10 == 0,
            )
    reading_id = reading_ids[0]
    link = sharing.create_share_link(principal=principal, reading_id=reading_id)
    print(reading_id, link.token)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 30)

"""A profile's mother's name never leaves the owner's own profile view.

Every reading type made for a profile with a marker mother's name is shared and exported; the
marker is in none of the answers: the public share page and its JSON, the reading API, every
export format, the account's data download (apart from the owner's own profile list), the daily
reading. Stored readings written before the fix are cleaned by a data migration.
"""

import datetime as dt
import importlib
import io
import json
import zipfile
from types import SimpleNamespace

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.urls import reverse
from pypdf import PdfReader

from nps.accounts.principal import principal_for_account
from oracle.models import Reading, SignType
from oracle.services import history, readings, search_index, sharing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

MARKER = "Quillomarta"
MARKER_FA = "پریماهچهر"


@pytest.fixture
def principal(user):
    return principal_for_account(user, auth_type="session")


@pytest.fixture
def profile(user):
    return ProfileFactory(
        owner=user,
        name="Hamzeh Rahimi",
        name_persian="حمزه رحیمی",
        mother_name=MARKER,
        mother_name_persian=MARKER_FA,
        birthday=dt.date(1990, 3, 21),
    )


def every_reading(principal, profile, language) -> list[int]:
    other = ProfileFactory(owner=principal.account, name="Sara Nouri", birthday=dt.date(1992, 7, 4))
    common = {"principal": principal, "use_ai": False, "language": language}
    return [
        readings.create_time_reading(profile_id=profile.pk, **common)["reading_id"],
        readings.create_question_reading(
            question="Will the garden bloom?", profile_id=profile.pk, **common
        )["reading_id"],
        readings.create_name_reading(name=profile.name, profile_id=profile.pk, **common)[
            "reading_id"
        ],
        readings.create_name_reading(name=profile.name_persian, profile_id=profile.pk, **common)[
            "reading_id"
        ],
        readings.create_multi_user_reading(
            users=[
                readings.MultiUserMember(
                    name=member.name,
                    birth_year=member.birthday.year,
                    birth_month=member.birthday.month,
                    birth_day=member.birthday.day,
                    profile_id=member.pk,
                )
                for member in (profile, other)
            ],
            **common,
        )["reading_id"],
    ]


def assert_private(content: bytes | str, where: str) -> None:
    text = content.decode() if isinstance(content, bytes) else content
    for marker in (MARKER, MARKER.upper(), MARKER_FA):
        assert marker not in text, f"the mother's name is in {where}"


def pdf_text(content: bytes) -> str:
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(content)).pages)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_no_answer_that_leaves_the_owner_carries_the_mothers_name(
    client, api_as, user, principal, profile, language
):
    api = api_as(account=user)
    reading_ids = every_reading(principal, profile, language)
    name_reading = Reading.objects.get(pk=reading_ids[2])
    # The reading of the profile's own name does have its mother's block, without the name.
    heading = {"en": "-- Mother's Influence --", "fa": "-- اثر نام مادر --"}[language]
    assert heading in name_reading.ai_interpretation
    client.force_login(user)
    for reading_id in reading_ids:
        detail = api.get(f"/api/oracle/readings/{reading_id}")
        assert detail.status_code == 200
        assert_private(detail.content, f"GET /api/oracle/readings/{reading_id}")
        for export_format in ("txt", "json", "pdf"):
            export = api.get(f"/api/oracle/readings/{reading_id}/export?format={export_format}")
            assert export.status_code == 200, export_format
            body = pdf_text(export.content) if export_format == "pdf" else export.content
            assert_private(body, f"the {export_format} export of reading {reading_id}")
        page = client.get(reverse("oracle:reading", args=[reading_id]))
        assert page.status_code == 200
        assert_private(page.content, f"the owner's page of reading {reading_id}")
        token = sharing.create_share_link(principal=principal, reading_id=reading_id).token
        shared_page = client.get(reverse("oracle:share", args=[token]))
        assert shared_page.status_code == 200
        assert_private(shared_page.content, f"the share page of reading {reading_id}")
        shared_json = api.get(f"/api/share/{token}")
        assert shared_json.status_code == 200
        assert_private(shared_json.content, f"the shared JSON of reading {reading_id}")
    listing = api.get("/api/oracle/readings?limit=50")
    assert listing.status_code == 200 and listing.json()["total"] >= len(reading_ids)
    assert_private(listing.content, "the readings list")
    daily = api.get(f"/api/oracle/daily?user_id={profile.pk}")
    assert daily.status_code == 200
    assert_private(daily.content, "the daily reading")
    download = client.get(reverse("oracle:my-data"))
    assert download.status_code == 200
    with zipfile.ZipFile(io.BytesIO(download.content)) as archive:
        for member in archive.namelist():
            if "profile" in member:
                continue  # the owner's own profiles, mother's name included, are theirs to keep
            assert_private(archive.read(member), f"my-data's {member}")


def test_data_migration_takes_the_mothers_name_out_of_stored_interpretations(
    user, principal, profile
):
    reading_id = readings.create_name_reading(
        name=profile.name, profile_id=profile.pk, principal=principal, use_ai=False
    )["reading_id"]
    reading = Reading.objects.get(pk=reading_id)
    # A reading stored before the fix: the heading named the mother.
    sealed = json.loads(reading.ai_interpretation)
    sealed["interpretation"] = sealed["interpretation"].replace(
        "-- Mother's Influence --", f"-- Mother's Influence ({MARKER}) --"
    )
    sealed["ai_interpretation"]["text"] = f"Your mother {MARKER} gave you strength."
    reading.ai_interpretation = json.dumps(sealed, ensure_ascii=False)
    reading.ai_interpretation_persian = f"-- اثر نام مادر ({MARKER_FA}) --\nمتن"
    reading.save()
    untouched = readings.create_question_reading(
        question="Is it (really) time?", principal=principal, use_ai=False
    )["reading_id"]
    before = Reading.objects.get(pk=untouched).ai_interpretation
    assert MARKER in Reading.objects.get(pk=reading_id).ai_interpretation

    # Run with the migration's own (historical) models, as `migrate` does.
    migration = importlib.import_module("oracle.migrations.0009_interpretations_without_mothers")
    state = MigrationExecutor(connection).loader.project_state(
        ("oracle", "0009_interpretations_without_mothers")
    )
    migration.remove_mothers_names(state.apps, SimpleNamespace(connection=connection))
    search_index.rebuild()  # as migration 0014 does after it

    cleaned = Reading.objects.get(pk=reading_id)
    assert_private(cleaned.ai_interpretation, "the cleaned interpretation")
    assert_private(cleaned.ai_interpretation_persian, "the cleaned Persian interpretation")
    assert "-- Mother's Influence --" in json.loads(cleaned.ai_interpretation)["interpretation"]
    assert "-- اثر نام مادر --" in cleaned.ai_interpretation_persian
    assert cleaned.sign_type == SignType.NAME
    assert Reading.objects.get(pk=untouched).ai_interpretation == before
    # The search terms follow: the mother's name no longer finds the reading.
    principal_found = history.readings_matching(Reading.objects.all(), MARKER)
    assert not principal_found.exists()
    assert history.readings_matching(Reading.objects.all(), "Pythagorean").filter(pk=reading_id)

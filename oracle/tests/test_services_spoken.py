"""A stored reading opened on a page of another language shows its engine texts in that language
(`oracle.services.spoken`), and a Latin list inside Persian prose stays in reading order."""

import datetime

import pytest
from django.urls import reverse
from django.utils import translation

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.models import Reading
from oracle.services import readings, sealing, spoken
from oracle.tests.factories import ProfileFactory
from oracle.tests.test_engines_persian import english_words

pytestmark = pytest.mark.django_db

TYPED = {"Hamzeh", "HAMZEH", "Sara", "SARA", "Zanzibar", "Will", "welcome"}


@pytest.fixture(autouse=True)
def no_ai(settings):
    settings.ANTHROPIC_API_KEY = ""


@pytest.fixture
def principal():
    return principal_for_account(UserFactory(role=Role.USER), auth_type="jwt")


@pytest.fixture
def hamzeh(principal):
    return ProfileFactory(
        owner=principal.account,
        name="Hamzeh",
        birthday=datetime.date(1990, 3, 21),
        mother_name="Fatemeh",
        timezone="Asia/Tehran",
    )


def english_made(principal, profile) -> list[int]:
    """One reading of every kind, made on an English page, for the profile and without one."""
    made = []
    for profile_id in (profile.pk, None):
        made += [
            readings.create_time_reading(
                principal=principal, datetime_text="2024-02-29T13:45:30Z", profile_id=profile_id
            ),
            readings.create_question_reading(
                principal=principal, question="Will Zanzibar welcome me?", profile_id=profile_id
            ),
            readings.create_question_reading(
                principal=principal, question="Will I?", profile_id=profile_id
            ),
            readings.create_name_reading(principal=principal, name="Hamzeh", profile_id=profile_id),
            readings.daily_reading(
                principal=principal, date_text="2024-03-01", profile_id=profile_id, store=True
            ),
        ]
    made.append(
        readings.create_multi_user_reading(
            principal=principal,
            users=[
                readings.MultiUserMember("Hamzeh", 1990, 3, 21),
                readings.MultiUserMember("Sara", 1995, 7, 14),
            ],
        )
    )
    return [result["reading_id"] for result in made]


def test_an_english_reading_opened_in_persian_has_no_english_sentence_left(principal, hamzeh):
    for reading_id in english_made(principal, hamzeh):
        reading = Reading.objects.get(pk=reading_id)
        stored = sealing.reading_response(reading)
        assert english_words(stored, TYPED), "the English reading is full of English"
        with translation.override("fa"):
            shown = spoken.for_page(reading, stored)
        prose = {
            key: value for key, value in shown.items() if key not in ("sky", "method", "best_hours")
        }
        assert not english_words(prose, TYPED), reading.sign_type
        assert shown["language"] == "fa"
        # the numbers, the keys and what was asked are the stored ones
        for key in ("sign_number", "answer", "destiny_number", "day_number", "question", "name"):
            assert shown.get(key) == stored.get(key)


def test_a_persian_reading_opened_in_english_is_english_again(principal, hamzeh):
    made = readings.create_question_reading(
        principal=principal, question="Is 7 my number?", profile_id=hamzeh.pk, language="fa"
    )
    reading = Reading.objects.get(pk=made["reading_id"])
    stored = sealing.reading_response(reading)
    with translation.override("en"):
        shown = spoken.for_page(reading, stored)
    assert "language" not in shown
    english = readings.create_question_reading(
        principal=principal, question="Is 7 my number?", profile_id=hamzeh.pk
    )
    assert shown["sign_meaning"] == english["sign_meaning"]
    assert shown["interpretation"].split("\n")[0] == english["interpretation"].split("\n")[0]


def test_a_reading_whose_numbers_no_longer_match_keeps_its_texts(principal, hamzeh):
    made = readings.create_time_reading(
        principal=principal, datetime_text="2024-02-29T13:45:30Z", profile_id=hamzeh.pk
    )
    hamzeh.birthday = datetime.date(1971, 1, 2)  # another life path since
    hamzeh.save()
    reading = Reading.objects.get(pk=made["reading_id"])
    stored = sealing.reading_response(reading)
    with translation.override("fa"):
        assert spoken.for_page(reading, stored) == stored


def test_the_persian_reading_page_shows_an_english_question_reading_in_persian(
    client, principal, hamzeh
):
    made = readings.create_question_reading(principal=principal, question="Will I?")
    client.force_login(principal.account)
    client.cookies["nps_language"] = "fa"

    html = client.get(reverse("oracle:reading", args=[made["reading_id"]])).content.decode()

    english = made["advice"].split(".")[0]
    assert english and english not in html
    with translation.override("fa"):
        shown = spoken.for_page(Reading.objects.get(pk=made["reading_id"]), made)
    assert shown["advice"].split("\n")[0][:20] in html


def test_a_latin_list_inside_persian_prose_is_one_isolate():
    from oracle.templatetags.consult import prose

    with translation.override("fa"):
        shown = prose("اعضای گروه Sam Roe, Jo Park and Ali Naz هستند.")
    assert '<bdi dir="ltr">Sam Roe, Jo Park and Ali Naz</bdi>' in shown

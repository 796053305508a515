"""The readings service: sealing texts away from clear columns and putting responses back."""

import datetime
import json

import pytest

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core import audit
from oracle.api.shapes import reading_item
from oracle.models import Reading, ReadingParticipant
from oracle.services import ai, history, readings, sealing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_ai(settings):
    """No test here may reach the real AI provider, whatever the environment says."""
    settings.ANTHROPIC_API_KEY = ""


def as_json(value):
    return json.loads(json.dumps(value))


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


def make_all(principal, profile) -> list[dict]:
    return [
        readings.create_time_reading(
            principal=principal, datetime_text="2024-02-29T13:45:30Z", profile_id=profile.pk
        ),
        readings.create_question_reading(
            principal=principal, question="Will Zanzibar welcome me?", profile_id=profile.pk
        ),
        readings.create_name_reading(principal=principal, name="Hamzeh", profile_id=profile.pk),
        readings.create_multi_user_reading(
            principal=principal,
            users=[
                readings.MultiUserMember("Hamzeh", 1990, 3, 21, profile.pk),
                readings.MultiUserMember("Sara", 1995, 7, 14),
            ],
        ),
    ]


def test_reading_response_rebuilds_every_kind_exactly(principal, hamzeh):
    for made in make_all(principal, hamzeh):
        stored = Reading.objects.get(pk=made["reading_id"])
        rebuilt = sealing.reading_response(stored)
        assert as_json(rebuilt) == as_json(made)
        assert list(rebuilt)[: len(sealing.V4_KEYS[stored.sign_type])] == list(
            sealing.V4_KEYS[stored.sign_type]
        )


@pytest.mark.parametrize(
    ("index", "gone"),
    [
        (0, [("summary",), ("person",), ("ai_interpretation",), ("numerology", "interpretation")]),
        (1, [("question",), ("interpretation",), ("advice",), ("person",)]),
        (2, [("name",), ("letters",), ("interpretation",), ("person",)]),
        (3, [("ai_interpretation",)]),
    ],
)
def test_sealed_parts_are_not_in_the_clear_result(principal, hamzeh, index, gone):
    made = make_all(principal, hamzeh)[index]
    stored = Reading.objects.get(pk=made["reading_id"]).reading_result
    for path in gone:
        parent = stored
        for key in path[:-1]:
            parent = parent[key]
        assert path[-1] not in parent
    assert "reading_id" not in stored


def test_everything_happens_in_one_transaction(principal, monkeypatch):
    def broken_audit(*args, **kwargs):
        raise RuntimeError("audit store down")

    monkeypatch.setattr(audit, "record", broken_audit)
    users = [readings.MultiUserMember("A", 1990, 1, 1), readings.MultiUserMember("B", 1991, 1, 1)]
    with pytest.raises(RuntimeError):
        readings.create_multi_user_reading(principal=principal, users=users)
    assert (Reading.objects.count(), ReadingParticipant.objects.count()) == (0, 0)


def test_v4_row_with_plain_text_interpretation_is_returned_as_stored(principal):
    row = Reading.objects.create(
        owner=principal.account,
        question="What does today hold for me?",
        sign_type="question",
        sign_value="yes",
        reading_result={"question": "What does today hold for me?", "answer": "yes"},
        ai_interpretation="A plain V4 interpretation.",
    )
    assert sealing.reading_response(row) == {
        "question": "What does today hold for me?",
        "answer": "yes",
        "reading_id": row.pk,
    }
    item = reading_item(row, principal=principal)
    assert item["ai_interpretation"] == "A plain V4 interpretation."
    page = history.list_readings(principal=principal, search="plain v4")
    assert page.readings == [row]


def test_undecryptable_interpretation_still_gives_the_clear_part(principal):
    made = readings.create_question_reading(principal=principal, question="Is it so?")
    row = Reading.objects.get(pk=made["reading_id"])
    row.ai_interpretation = None  # what the field reads when the key has changed
    rebuilt = sealing.reading_response(row)
    assert rebuilt["question"] == "Is it so?"
    assert rebuilt["answer"] == made["answer"]
    assert "interpretation" not in rebuilt
    assert reading_item(row, principal=principal)["ai_interpretation"] is None


def test_uncountable_mother_name_is_left_out(principal):
    profile = ProfileFactory(owner=principal.account, name="Hamzeh", mother_name="42")
    assert readings.reading_profile(profile).mother_name is None
    profile.mother_name = "Fatemeh"
    assert readings.reading_profile(profile).mother_name == "Fatemeh"


def test_profile_whose_name_its_system_cannot_count_is_refused(principal):
    profile = ProfileFactory(owner=principal.account, name="Hamzeh", numerology_system="abjad")
    with pytest.raises(readings.UnusableProfile) as raised:
        readings.reading_profile(profile)
    assert raised.value.path == ("user_id",)
    profile.name_persian = "حمزه"
    assert readings.reading_profile(profile).name_for_numbers() == "حمزه"


def test_duplicate_group_member_is_refused_with_its_place(principal, hamzeh):
    users = [
        readings.MultiUserMember("Hamzeh", 1990, 3, 21, hamzeh.pk),
        readings.MultiUserMember("Again", 1990, 3, 21, hamzeh.pk),
    ]
    with pytest.raises(readings.ProfileReferenceError) as raised:
        readings.create_multi_user_reading(principal=principal, users=users)
    assert raised.value.path == ("users", 1, "user_id")
    assert Reading.objects.count() == 0


def test_use_ai_false_never_calls_the_ai(principal, monkeypatch):
    def must_not_be_called(*args, **kwargs):
        raise AssertionError("the AI was called")

    monkeypatch.setattr(ai, "is_available", lambda: True)
    monkeypatch.setattr(ai, "generate", must_not_be_called)
    made = readings.create_question_reading(principal=principal, question="Q?", use_ai=False)
    assert made["ai_interpretation"]["ai_generated"] is False


def test_search_finds_ai_text(principal, monkeypatch):
    monkeypatch.setattr(ai, "is_available", lambda: True)
    monkeypatch.setattr(
        ai, "generate", lambda prompt, **kwargs: '{"message": "Seek the QUETZAL feather."}'
    )
    made = readings.create_name_reading(principal=principal, name="Sara")
    page = history.list_readings(principal=principal, search="quetzal")
    assert [reading.pk for reading in page.readings] == [made["reading_id"]]
    assert page.total == 1


def test_daily_date_only_ignores_the_zone_but_a_moment_does_not(principal):
    day = readings.daily_reading(
        principal=principal, date_text="2024-01-01", timezone_name="+14:00"
    )
    moment = readings.daily_reading(
        principal=principal, date_text="2024-01-01T12:00:00Z", timezone_name="+14:00"
    )
    assert (day["date"], moment["date"]) == ("2024-01-01", "2024-01-02")
    assert Reading.objects.count() == 0


def test_question_category_is_kept_in_the_stored_result_and_leaves_the_answer_alone(principal):
    plain = readings.create_question_reading(principal=principal, question="Is it time?")
    tagged = readings.create_question_reading(
        principal=principal, question="Is it time?", category="career"
    )
    assert "category" not in plain
    assert tagged["category"] == "career"
    stored = Reading.objects.get(pk=tagged["reading_id"])
    assert sealing.reading_response(stored)["category"] == "career"


def test_group_best_hours_use_each_members_zone_and_the_primary_persons_day(user):
    import datetime as dt

    from oracle.services.readings import group_best_hours

    tokyo = ProfileFactory(owner=user, timezone="Asia/Tokyo")
    # 23:30 UTC on 1 December is already 2 December in Tokyo.
    now = dt.datetime(2026, 12, 1, 23, 30, tzinfo=dt.UTC)
    hours = group_best_hours([tokyo, None], tokyo, now=now)
    assert hours["day"] == "2026-12-02" and hours["zone"] == "Asia/Tokyo"
    for entry in hours["hours"]:
        tokyo_time, utc_time = entry["local_times"]
        assert (int(tokyo_time[:2]) - int(utc_time[:2])) % 24 == 9
    assert group_best_hours([None, None], None, now=now)["day"] == "2026-12-01"


def test_waking_hours_keep_the_advisors_order_and_may_run_past_midnight():
    hours = [{"hour": hour, "score": 0.5, "quality": "good"} for hour in (0, 23, 7, 21, 22, 6)]
    assert [entry["hour"] for entry in readings.waking_hours(hours)] == [7, 21]
    night_shift = readings.waking_hours(hours, (22, 6))
    assert [entry["hour"] for entry in night_shift] == [0, 23, 22]

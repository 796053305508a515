"""The journal service: notes (encrypted, searchable), tags, pins, filters, outcomes, totals."""

import csv
import datetime as dt
import io
import json

import pytest
from django.db import connection
from django.utils import translation

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core import blind_index
from nps.core.errors import InvalidField, NotFound
from nps.core.models import AuditLog
from oracle.services import stats
from oracle.tests.factories import ProfileFactory
from vault import services
from vault.models import JournalEntry
from vault.tests.factories import name_reading, principal, question_reading, time_reading, utc

pytestmark = pytest.mark.django_db


def test_every_reading_of_the_account_is_in_the_journal_without_writing_anything(user):
    first, second = question_reading(user), name_reading(user)
    question_reading(UserFactory())
    page = services.list_entries(principal=principal(user))
    assert page.total == 2
    assert {entry.reading_id for entry in page.entries} == {first.pk, second.pk}
    assert all(entry.journal is None and entry.note == "" for entry in page.entries)


def test_note_is_stored_encrypted_and_never_in_clear(user):
    reading = question_reading(user)
    services.update_entry(
        principal=principal(user), reading_id=reading.pk, note="Talked to Maryam about Shiraz"
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT note FROM vault_journal_entries WHERE reading_id = %s", [reading.pk])
        (raw,) = cursor.fetchone()
        cursor.execute("SELECT term FROM vault_note_terms")
        terms = [row[0] for row in cursor.fetchall()]
    stored = bytes(raw) if isinstance(raw, memoryview) else raw
    assert b"Maryam" not in (stored if isinstance(stored, bytes) else stored.encode())
    assert terms and all("maryam" not in term and "shiraz" not in term for term in terms)
    assert JournalEntry.objects.get(reading=reading).note == "Talked to Maryam about Shiraz"


def test_search_finds_a_note_by_its_words_and_prefixes(user):
    noted, other = question_reading(user), question_reading(user, "Another thing?")
    services.update_entry(principal=principal(user), reading_id=noted.pk, note="Interview at Tapsi")
    for query in ("interview", "INTERV tapsi", "Taps"):
        found = services.list_entries(principal=principal(user), search=query)
        assert [entry.reading_id for entry in found.entries] == [noted.pk], query
    assert services.list_entries(principal=principal(user), search="interview nope").total == 0
    assert other.pk not in [
        e.reading_id
        for e in services.list_entries(principal=principal(user), search="interview").entries
    ]


def test_search_finds_the_readings_own_question(user):
    asked = question_reading(user, "Should I move to Isfahan?")
    question_reading(user, "Is the weather nice?")
    found = services.list_entries(principal=principal(user), search="isfahan")
    assert [entry.reading_id for entry in found.entries] == [asked.pk]


def test_tags_are_normalised_and_filter_the_journal(user):
    tagged, _untagged = question_reading(user), question_reading(user)
    entry = services.update_entry(
        principal=principal(user), reading_id=tagged.pk, tags="Work,  family ,work,"
    )
    assert entry.tags == ["family", "work"]
    found = services.list_entries(principal=principal(user), tag="WORK")
    assert [e.reading_id for e in found.entries] == [tagged.pk]
    assert services.account_tags(principal(user)) == [("family", 1), ("work", 1)]


def test_too_many_or_too_long_tags_are_refused_naming_the_field(user):
    reading = question_reading(user)
    with pytest.raises(InvalidField) as error:
        services.update_entry(principal=principal(user), reading_id=reading.pk, tags=["x" * 41])
    assert error.value.path == ("tags", 0)
    with pytest.raises(InvalidField) as error:
        services.update_entry(
            principal=principal(user), reading_id=reading.pk, tags=[f"t{n}" for n in range(11)]
        )
    assert error.value.path == ("tags",)


def test_pages_run_across_the_pinned_entries_into_the_others(user):
    readings = [question_reading(user, at=utc(2026, 1, day, 9)) for day in range(1, 7)]
    for reading in (readings[0], readings[2]):  # the oldest pinned come first
        services.update_entry(principal=principal(user), reading_id=reading.pk, pinned=True)
    expected = [readings[i].pk for i in (2, 0, 5, 4, 3, 1)]
    for offset, limit in ((0, 6), (0, 1), (1, 3), (2, 2), (3, 10), (6, 2)):
        page = services.list_entries(principal=principal(user), offset=offset, limit=limit)
        assert [e.reading_id for e in page.entries] == expected[offset : offset + limit]
        assert page.total == 6


def test_pinned_entries_come_first(user):
    old = question_reading(user, at=utc(2025, 1, 1, 12))
    new = question_reading(user, at=utc(2025, 6, 1, 12))
    assert [e.reading_id for e in services.list_entries(principal=principal(user)).entries] == [
        new.pk,
        old.pk,
    ]
    services.update_entry(principal=principal(user), reading_id=old.pk, pinned=True)
    entries = services.list_entries(principal=principal(user)).entries
    assert [e.reading_id for e in entries] == [old.pk, new.pk] and entries[0].pinned
    pinned = services.list_entries(principal=principal(user), pinned=True)
    assert [e.reading_id for e in pinned.entries] == [old.pk]


def test_filters_by_type_month_and_profile(user):
    profile = ProfileFactory(owner=user)
    march = question_reading(user, at=utc(2026, 3, 25, 9))
    named = name_reading(user, profile_id=profile.pk, at=utc(2026, 4, 2, 9))
    assert [
        e.reading_id
        for e in services.list_entries(principal=principal(user), sign_type="name").entries
    ] == [named.pk]
    assert [
        e.reading_id
        for e in services.list_entries(principal=principal(user), month="2026-03").entries
    ] == [march.pk]
    assert [
        e.reading_id
        for e in services.list_entries(principal=principal(user), profile_id=profile.pk).entries
    ] == [named.pk]
    # Farvardin 1405 runs from 21 March to 20 April 2026.
    assert services.list_entries(principal=principal(user), month="1405-01", jalali=True).total == 2
    with pytest.raises(InvalidField) as error:
        services.list_entries(principal=principal(user), month="2026-13")
    assert error.value.path == ("month",)


def test_another_accounts_reading_is_not_found_even_for_an_admin(user):
    stranger = question_reading(UserFactory())
    admin = UserFactory(role=Role.ADMIN)
    for account in (user, admin):
        with pytest.raises(NotFound):
            services.update_entry(principal=principal(account), reading_id=stranger.pk, note="x")
        with pytest.raises(NotFound):
            services.record_outcome(
                principal=principal(account), reading_id=stranger.pk, outcome="yes"
            )
    assert not JournalEntry.objects.exists()


def test_an_outcome_is_only_for_question_readings(user):
    reading = name_reading(user)
    with pytest.raises(InvalidField) as error:
        services.record_outcome(principal=principal(user), reading_id=reading.pk, outcome="yes")
    assert error.value.path == ("outcome",)


def test_outcome_is_recorded_with_today_as_default_date_and_can_be_cleared(user):
    reading = question_reading(user, answer="yes")
    entry = services.record_outcome(
        principal=principal(user), reading_id=reading.pk, outcome="partly", note="half of it"
    )
    assert entry.outcome == "partly" and entry.outcome_on == dt.date.today()
    assert entry.outcome_note == "half of it"
    assert services.list_entries(principal=principal(user), search="half").total == 1
    cleared = services.record_outcome(
        principal=principal(user), reading_id=reading.pk, outcome=None
    )
    assert cleared.outcome is None and cleared.outcome_note == ""
    assert AuditLog.objects.filter(action="vault.entry.outcome").count() == 2


def test_a_future_outcome_date_is_refused(user):
    reading = question_reading(user)
    with pytest.raises(InvalidField) as error:
        services.record_outcome(
            principal=principal(user),
            reading_id=reading.pk,
            outcome="yes",
            outcome_on=dt.date.today() + dt.timedelta(days=2),
        )
    assert error.value.path == ("outcome_on",)


def test_hit_rate_scores_yes_no_answers_against_outcomes():
    rate = services.score_outcomes(
        [("yes", "yes"), ("no", "yes"), ("partly", "no"), ("unknown", "yes"), ("yes", "maybe")]
    )
    assert (rate.recorded, rate.scored, rate.hits) == (5, 3, 1.5)
    assert rate.rate == 0.5 and rate.coin_hits == 1.5 and not rate.enough_data
    assert services.score_outcomes([("yes", "yes")] * 10).enough_data


def test_hit_rate_of_the_account_follows_the_recorded_outcomes(user):
    right, wrong = question_reading(user, answer="yes"), question_reading(user, answer="no")
    services.record_outcome(principal=principal(user), reading_id=right.pk, outcome="yes")
    assert services.hit_rate(principal(user)).rate == 1.0
    services.record_outcome(principal=principal(user), reading_id=wrong.pk, outcome="yes")
    rate = services.hit_rate(principal(user))
    assert (rate.scored, rate.rate) == (2, 0.5)


def test_hit_rate_counts_every_outcome_of_a_kind_once_each(user):
    for _ in range(3):  # three alike: one grouped row in SQL, counted three times
        reading = question_reading(user, answer="yes")
        services.record_outcome(principal=principal(user), reading_id=reading.pk, outcome="yes")
    missed = question_reading(user, answer="no")
    services.record_outcome(principal=principal(user), reading_id=missed.pk, outcome="partly")
    rate = services.hit_rate(principal(user))
    assert (rate.recorded, rate.scored, rate.hits) == (4, 4, 3.5)


def test_streaks_count_consecutive_days():
    days = [dt.date(2026, 1, d) for d in (1, 2, 3, 5, 6)]
    assert stats.streaks(days, today=dt.date(2026, 1, 7)) == (3, 2)
    assert stats.streaks(days, today=dt.date(2026, 1, 9)) == (3, 0)
    assert stats.streaks([], today=dt.date(2026, 1, 9)) == (0, 0)


def test_summary_counts_types_months_numbers_and_answers(user):
    now = dt.datetime.now(dt.UTC)
    question_reading(user, answer="yes")
    question_reading(user, answer="no")
    name_reading(user, "Alice")  # expression 3
    time_reading(user)
    summary = services.summary(principal(user))
    assert summary.total == 4
    assert summary.by_type == {"name": 1, "question": 2, "reading": 1}
    assert summary.by_month[-1] == (f"{now.year:04d}-{now.month:02d}", 4)
    assert len(summary.by_month) == 12
    assert summary.answers == {"no": 1, "yes": 1}
    assert 3 in dict(summary.frequent_numbers)
    assert summary.longest_streak == 1 and summary.current_streak == 1


def test_export_holds_the_decrypted_note_for_the_owner_only(user):
    reading = question_reading(user, "Will it rain?")
    services.update_entry(
        principal=principal(user), reading_id=reading.pk, note="=HYPERLINK(1)", tags=["sky"]
    )
    question_reading(UserFactory(), "Stranger's question")
    rows = services.export_rows(principal=principal(user))
    assert [row["question"] for row in rows] == ["Will it rain?"]
    assert json.loads(services.export_json(rows))["entries"][0]["note"] == "=HYPERLINK(1)"
    csv_text = services.export_csv(rows)
    assert "'=HYPERLINK(1)" in csv_text and "Stranger" not in csv_text and "sky" in csv_text


def test_csv_export_has_a_bom_and_names_the_profile_and_the_kind_for_people(user):
    hamzeh = ProfileFactory(owner=user, name="Hamzeh", mother_name="Fatemeh")
    name_reading(user, "حمزه", profile_id=hamzeh.pk)
    question_reading(user, "Will it rain?", answer="no")
    rows = services.export_rows(principal=principal(user))
    assert rows[0]["profile_id"] == hamzeh.pk and rows[0]["sign_type"] == "name"  # JSON keeps ids
    with translation.override("fa"):
        csv_text = services.export_csv(rows)
    assert csv_text.startswith("\ufeff")  # spreadsheets read the Persian as UTF-8
    table = list(csv.DictReader(io.StringIO(csv_text.removeprefix("\ufeff"))))
    assert [(row["kind"], row["profile"]) for row in table] == [
        ("خوانش نام", "Hamzeh"),
        ("خوانش پرسش", ""),
    ]
    assert table[1]["answer"] == "خیر" and table[0]["question"] == "حمزه"
    assert "profile_id" not in table[0] and "sign_type" not in table[0]
    assert "Fatemeh" not in csv_text


def test_note_terms_are_rebuilt_for_key_rotation(user):
    reading = question_reading(user)
    services.update_entry(principal=principal(user), reading_id=reading.pk, note="moonlight")
    JournalEntry.objects.get().terms.all().delete()
    assert services.rebuild_note_terms in blind_index.REBUILDERS
    assert services.rebuild_note_terms() == 1
    assert services.list_entries(principal=principal(user), search="moonlight").total == 1


def _stored(account, sign_type: str, result: dict, at: dt.datetime):
    from oracle.models import Reading

    return Reading.objects.create(
        owner=account, sign_type=sign_type, sign_value="x", reading_result=result, created_at=at
    )


@pytest.mark.parametrize("jalali", [False, True])
def test_summary_equals_a_count_over_the_rows(user, jalali):
    """The grouped queries give what counting every row in Python gives."""
    now = dt.datetime.now(dt.UTC)
    results = [
        ("question", {"answer": "yes", "sign_number": 7}),
        ("question", {"answer": "no", "sign_number": 3}),
        ("question", {"answer": "maybe", "sign_number": True}),  # a boolean is not a number
        ("name", {"life_path": 7, "destiny_number": 22}),
        ("name", {"life_path": "7", "destiny_number": 0}),  # a text, a zero: not counted
        ("reading", {"numerology": {"life_path": 11}}),
        ("daily", {"lucky_numbers": [1, 2]}),
        ("multi_user", {"numerology": {"life_path": -4}}),
    ]
    for index in range(60):
        sign_type, result = results[index % len(results)]
        _stored(user, sign_type, result, now - dt.timedelta(days=(index * 37) % 400, hours=index))
    _stored(UserFactory(), "question", {"answer": "yes", "sign_number": 7}, now)

    summary = services.summary(principal(user), jalali=jalali)

    rows = list(services.journal_readings(principal(user)))
    assert summary.total == len(rows)
    assert summary.by_type == {
        kind: sum(row.sign_type == kind for row in rows) for kind in {r.sign_type for r in rows}
    }
    months = [month for month, _count in summary.by_month]
    assert months[-1] == services.month_key(now, jalali=jalali) and len(months) == 12
    assert summary.by_month == [
        (m, sum(services.month_key(row.created_at, jalali=jalali) == m for row in rows))
        for m in months
    ]
    expected: dict[int, int] = {}
    for row in rows:
        result = row.reading_result
        for value in (
            result.get("numerology", {}).get("life_path"),
            result.get("life_path"),
            result.get("destiny_number"),
            result.get("sign_number"),
        ):
            if type(value) is int and value > 0:
                expected[value] = expected.get(value, 0) + 1
    assert dict(summary.frequent_numbers) == expected
    assert summary.answers == {
        answer: sum(row.reading_result.get("answer") == answer for row in rows)
        for answer in ("maybe", "no", "yes")
    }
    longest, current = stats.streaks([row.created_at.date() for row in rows], today=now.date())
    assert (summary.longest_streak, summary.current_streak) == (longest, current)

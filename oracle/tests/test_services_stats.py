"""The reading counters behind the dashboard and `GET /api/oracle/stats`."""

import datetime as dt
import zoneinfo

import pytest
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.models import Reading
from oracle.services import readings, stats

pytestmark = pytest.mark.django_db

NOW = dt.datetime(2026, 3, 12, 9, 0, tzinfo=dt.UTC)  # a Thursday


def made(account, when: dt.datetime, sign_type="question", **fields) -> Reading:
    reading = Reading.objects.create(owner=account, sign_type=sign_type, sign_value="yes", **fields)
    Reading.objects.filter(pk=reading.pk).update(created_at=when)
    return reading


def test_streak_counts_consecutive_days_ending_today_or_yesterday():
    today = dt.date(2026, 3, 12)
    days = {today - dt.timedelta(days=n) for n in (0, 1, 2, 4)}
    assert stats.streaks(days, today=today) == (3, 3)
    assert stats.streaks(days - {today}, today=today) == (2, 2)  # nothing yet today: yesterday's
    assert stats.streaks({today - dt.timedelta(days=2)}, today=today) == (1, 0)


def test_counters_by_period_and_type_of_own_readings_only():
    account = UserFactory()
    made(account, NOW)
    made(account, NOW - dt.timedelta(days=1), sign_type="name")
    made(account, NOW - dt.timedelta(days=3))  # Monday: this week
    made(account, NOW - dt.timedelta(days=11))  # 1 March: this month
    made(account, NOW - dt.timedelta(days=40), sign_type="reading")
    made(UserFactory(), NOW)  # another account's
    deleted = made(account, NOW)
    deleted.delete()
    principal = principal_for_account(account, auth_type="jwt")

    counted = stats.reading_stats(principal=principal, now=NOW)

    assert counted.total_readings == 5
    assert counted.readings_by_type == {"question": 3, "name": 1, "reading": 1}
    assert counted.most_used_type == "question"
    assert (counted.readings_today, counted.readings_this_week) == (1, 3)
    assert counted.readings_this_month == 4
    assert counted.streak_days == 2


def test_today_is_counted_in_the_zone_given():
    account = UserFactory()
    made(account, dt.datetime(2026, 3, 11, 22, 0, tzinfo=dt.UTC))  # 11 March UTC, 12th in Tehran
    principal = principal_for_account(account, auth_type="jwt")
    tehran = zoneinfo.ZoneInfo("Asia/Tehran")
    assert stats.reading_stats(principal=principal, now=NOW).readings_today == 0
    assert stats.reading_stats(principal=principal, zone=tehran, now=NOW).readings_today == 1


def test_average_confidence_of_question_readings():
    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    for question in ("Will it rain in Zanzibar?", "Is now the time?"):
        readings.create_question_reading(principal=principal, question=question, use_ai=False)
    counted = stats.reading_stats(principal=principal)
    assert counted.average_confidence is not None and 0 < counted.average_confidence <= 1


def test_stats_api_returns_the_same_numbers_as_the_service(api_as):
    client = api_as(Role.USER)
    principal = principal_for_account(client.account, auth_type="jwt")
    readings.create_question_reading(principal=principal, question="Zanzibar?", use_ai=False)
    body = client.get(reverse("api-stats")).json()
    assert body == stats.reading_stats(principal=principal).as_dict()
    assert body["total_readings"] == 1 and body["readings_today"] == 1


def test_stats_api_needs_credentials(api_client):
    assert api_client.get(reverse("api-stats")).status_code == 401


@pytest.mark.parametrize("length", [1, 31, 400])
def test_streak_is_counted_whole_however_long(length):
    account = UserFactory()
    for back in range(length):
        made(account, NOW - dt.timedelta(days=back))
    made(account, NOW - dt.timedelta(days=length + 1))  # after a day without a reading
    principal = principal_for_account(account, auth_type="jwt")
    assert stats.reading_stats(principal=principal, now=NOW).streak_days == length


def test_streak_ending_yesterday_reaches_back_in_the_zone_given():
    account = UserFactory()
    tehran = zoneinfo.ZoneInfo("Asia/Tehran")
    days = 40
    for back in range(1, days + 1):  # 21:00 UTC is the next day in Tehran
        made(account, dt.datetime(2026, 3, 11, 21, 0, tzinfo=dt.UTC) - dt.timedelta(days=back))
    principal = principal_for_account(account, auth_type="jwt")
    assert stats.reading_stats(principal=principal, zone=tehran, now=NOW).streak_days == days
    assert stats.reading_stats(principal=principal, now=NOW).streak_days == 0  # UTC: a gap today


def test_counters_equal_a_count_over_the_rows():
    account = UserFactory()
    kinds = ("question", "name", "reading", "daily", "multi_user")
    for index in range(40):
        made(account, NOW - dt.timedelta(hours=19 * index), sign_type=kinds[index % 5])
    principal = principal_for_account(account, auth_type="jwt")
    counted = stats.reading_stats(principal=principal, now=NOW)
    rows = list(Reading.objects.filter(owner=account))
    assert counted.total_readings == len(rows)
    assert counted.readings_by_type == {
        kind: sum(row.sign_type == kind for row in rows) for kind in kinds
    }
    month = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
    week = dt.datetime(2026, 3, 9, tzinfo=dt.UTC)
    assert counted.readings_this_month == sum(row.created_at >= month for row in rows)
    assert counted.readings_this_week == sum(row.created_at >= week for row in rows)
    days = {row.created_at.date() for row in rows}
    assert counted.streak_days == stats.streaks(days, today=NOW.date())[1]


def test_tally_counts_per_day_in_the_zone_given():
    account = UserFactory()
    for at in ((2026, 1, 1, 23, 30), (2026, 1, 1, 1), (2026, 1, 3, 12), (2025, 12, 31, 22)):
        made(account, dt.datetime(*at, tzinfo=dt.UTC))
    readings_of = Reading.objects.filter(owner=account)
    utc = stats.tally(readings_of, dt.UTC)
    assert utc.days == {dt.date(2025, 12, 31): 1, dt.date(2026, 1, 1): 2, dt.date(2026, 1, 3): 1}
    tehran = stats.tally(readings_of, zoneinfo.ZoneInfo("Asia/Tehran"))
    assert tehran.days == {dt.date(2026, 1, 1): 2, dt.date(2026, 1, 2): 1, dt.date(2026, 1, 3): 1}
    assert utc.count == tehran.count == 4 and utc.last_id == max(r.pk for r in readings_of)


def test_kept_totals_follow_new_deleted_and_restored_readings():
    from django.core.cache import cache

    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")

    def fresh():
        return stats.tally(Reading.objects.filter(owner=account), dt.UTC)

    first = made(account, NOW - dt.timedelta(days=2), reading_result={"answer": "yes"})
    made(account, NOW - dt.timedelta(days=1), sign_type="name", reading_result={"life_path": 7})
    assert stats.history_totals(principal)[1] == fresh()
    kept = cache.get(stats.HISTORY_TOTALS_KEY.format(account=account.pk, zone=dt.UTC))
    versions = stats.history_version(account.pk)
    assert kept == ((versions.version, versions.changes), {"name": 1, "question": 1}, fresh())

    made(account, NOW, reading_result={"answer": "no", "confidence": 0.5})  # added to the kept
    by_type, totals = stats.history_totals(principal)
    assert totals == fresh() and totals.count == 3 and by_type == {"name": 1, "question": 2}
    assert totals.streaks(NOW.date()) == (3, 3) and totals.numbers == {7: 1}
    assert totals.average_confidence == 0.5

    first.delete()
    assert stats.history_totals(principal)[1] == fresh() and fresh().answers == {"no": 1}
    first.restore()
    assert stats.history_totals(principal)[1] == fresh()
    assert fresh().answers == {"no": 1, "yes": 1}


def test_the_database_moves_the_history_version_on_every_way_of_writing_readings():
    """Triggers on `oracle_readings` (migration `oracle 0016`): the services, bulk writes and
    updates that bypass the models all move it; a change the counts do not read does not, and an
    added reading moves the version but not the count of other changes."""
    account, other = UserFactory(), UserFactory()
    assert stats.history_version(account.pk) == (0, 0, 0, 0)
    seen = {account.pk: (0, 0, 0, 0), other.pk: (0, 0, 0, 0)}

    def moved(*accounts) -> bool:
        now = {pk: stats.history_version(pk) for pk in seen}
        changed = {pk for pk in seen if now[pk] != seen[pk]}
        seen.update(now)
        return changed == {account.pk for account in accounts}

    reading = Reading.objects.create(owner=account, sign_type="time", sign_value="x")
    assert moved(account) and stats.history_version(account.pk)[:2] == (1, 0)  # added: no change
    Reading.objects.bulk_create([Reading(owner=account, sign_type="time", sign_value="x")])
    assert moved(account) and stats.history_version(account.pk)[:2] == (2, 0)
    reading.save()  # every column written, none to another value
    assert moved()
    Reading.objects.filter(pk=reading.pk).update(deleted_at=NOW)  # a soft delete in bulk
    assert moved(account) and stats.history_version(account.pk)[:2] == (3, 1)
    Reading.objects.filter(pk=reading.pk).update(is_favorite=True)  # not counted
    assert moved()
    Reading.all_objects.filter(pk=reading.pk).update(owner=other)  # from one account to another
    assert moved(account, other)
    Reading.all_objects.filter(pk=reading.pk).hard_delete()
    assert moved(other)


def test_kept_totals_are_answered_by_the_version_alone_until_it_moves(
    django_assert_num_queries,
):
    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    made(account, NOW - dt.timedelta(days=1), reading_result={"answer": "yes"})
    stats.history_totals(principal)

    with django_assert_num_queries(1):  # the version; no scan of the readings
        by_type, totals = stats.history_totals(principal)
    assert totals.count == 1 and by_type == {"question": 1}

    Reading.objects.filter(owner=account).update(created_at=NOW - dt.timedelta(days=9))
    by_type, totals = stats.history_totals(principal)
    assert totals == stats.tally(Reading.objects.filter(owner=account), dt.UTC)
    assert set(totals.days) == {(NOW - dt.timedelta(days=9)).date()}


def test_the_journal_its_tags_and_the_feedback_move_their_own_numbers():
    from learning.models import ReadingFeedback
    from vault.models import EntryTag, JournalEntry

    account = UserFactory()
    reading = Reading.objects.create(owner=account, sign_type="question", sign_value="x")

    seen = [(0, 0)]

    def moved() -> tuple[bool, bool]:
        """Whether (journal, feedback) moved since last asked."""
        found = stats.history_version(account.pk)
        before, seen[0] = seen[0], (found.journal, found.feedback)
        return (seen[0][0] != before[0], seen[0][1] != before[1])

    assert moved() == (False, False)
    entry = JournalEntry.objects.create(reading=reading)
    assert moved() == (True, False)
    EntryTag.of(entry, "garden").save()
    assert moved() == (True, False)
    JournalEntry.objects.filter(pk=entry.pk).update(outcome="yes")
    assert moved() == (True, False)
    ReadingFeedback.objects.create(reading=reading, user=account, rating=4)
    assert moved() == (False, True)
    ReadingFeedback.objects.filter(user=account).delete()
    assert moved() == (False, True)
    assert stats.history_version(account.pk).changes == 0  # none of it changed the readings


def test_what_is_kept_while_numbers_stand_is_counted_again_once_they_move(
    django_assert_num_queries,
):
    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    counted = []

    def count():
        counted.append(1)
        return Reading.objects.filter(owner=account).count()

    assert stats.kept_while(principal, "test", ("version",), count) == 0
    with django_assert_num_queries(1):  # the numbers; nothing counted
        assert stats.kept_while(principal, "test", ("version",), count) == 0
    Reading.objects.create(owner=account, sign_type="time", sign_value="x")
    assert stats.kept_while(principal, "test", ("version",), count) == 1
    assert len(counted) == 2


def test_private_kept_values_stay_in_the_worker_and_follow_the_journal():
    """`kept_while(private=True)` (the journal's tags: decrypted texts) never reaches Redis."""
    from django.core.cache import cache

    from vault import services as vault

    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    reading = made(account, NOW)
    vault.update_entry(principal=principal, reading_id=reading.pk, tags=["roses"])

    assert vault.account_tags(principal) == [("roses", 1)]
    assert cache.get(stats.KEPT_KEY.format(name="tags", account=account.pk)) is None

    vault.update_entry(principal=principal, reading_id=reading.pk, tags=["roses", "tulips"])
    assert vault.account_tags(principal) == [("roses", 1), ("tulips", 1)]


def test_kept_totals_carry_their_runs_of_days():
    """The streaks are walked once, when the totals are counted, and kept with them."""
    from django.core.cache import cache

    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    for days_ago in (0, 1, 2, 5):
        made(account, NOW - dt.timedelta(days=days_ago))
    stats.history_totals(principal)

    _version, _by_type, kept = cache.get(
        stats.HISTORY_TOTALS_KEY.format(account=account.pk, zone=dt.UTC)
    )
    assert vars(kept)["runs"] == (3, NOW.date(), 3)
    assert kept.streaks(NOW.date()) == (3, 3)
    assert kept.streaks(NOW.date() + dt.timedelta(days=2)) == (3, 0)  # the run has ended


def test_a_database_without_the_triggers_never_uses_kept_counts(monkeypatch):
    monkeypatch.setattr(stats, "TRIGGERED_VENDORS", ())
    account = UserFactory()
    principal = principal_for_account(account, auth_type="jwt")
    counted = []
    for _ in range(2):
        stats.kept_while(principal, "test", ("version",), lambda: counted.append(1))
    assert len(counted) == 2

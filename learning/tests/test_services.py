"""Feedback, levels, insights and the feedback engine (metrics, confidence, prompt emphasis)."""

import pytest
from django.db import connection

from learning import services
from learning.models import LearningMetric, ReadingFeedback
from learning.services.feedback import FeedbackNotFound
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.errors import Forbidden, InvalidField, NotFound
from vault import services as vault
from vault.tests.factories import name_reading, principal, question_reading, time_reading

pytestmark = pytest.mark.django_db


def test_feedback_is_one_per_account_and_reading_and_updatable(user):
    reading = question_reading(user)
    first, updated = services.submit_feedback(
        principal=principal(user),
        reading_id=reading.pk,
        rating=2,
        section_feedback=[{"section": "advice", "helpful": False}],
        text_feedback="Too vague",
    )
    assert not updated and first.section_feedback == {"advice": False}
    second, updated = services.submit_feedback(
        principal=principal(user),
        reading_id=reading.pk,
        rating=5,
        section_feedback={"advice": True, "caution": None},
    )
    assert updated and second.pk == first.pk
    stored = ReadingFeedback.objects.get()
    assert (stored.rating, stored.section_feedback, stored.text_feedback) == (
        5,
        {"advice": True},
        None,
    )


def test_feedback_comment_is_not_stored_in_clear(user):
    reading = question_reading(user)
    services.submit_feedback(
        principal=principal(user),
        reading_id=reading.pk,
        rating=4,
        text_feedback="Loved the moon part",
    )
    with connection.cursor() as cursor:
        cursor.execute("SELECT text_feedback FROM oracle_reading_feedback")
        (raw,) = cursor.fetchone()
    raw = bytes(raw) if isinstance(raw, memoryview) else raw
    assert b"moon" not in (raw if isinstance(raw, bytes) else raw.encode())


def test_v4_section_names_are_stored_under_the_interpretation_keys(user):
    reading = question_reading(user)
    feedback, _ = services.submit_feedback(
        principal=principal(user),
        reading_id=reading.pk,
        rating=3,
        section_feedback=[
            {"section": "action_steps", "helpful": True},
            {"section": "universe_message", "helpful": False},
        ],
    )
    assert feedback.section_feedback == {"right_now": True, "message": False}


@pytest.mark.parametrize(
    ("changes", "path"),
    [
        ({"rating": 0}, ("rating",)),
        ({"rating": 6}, ("rating",)),
        ({"text_feedback": "x" * 1001}, ("text_feedback",)),
        (
            {"section_feedback": [{"section": "nope", "helpful": True}]},
            ("section_feedback", 0, "section"),
        ),
        (
            {"section_feedback": [{"section": "advice", "helpful": "yes"}]},
            ("section_feedback", 0, "helpful"),
        ),
    ],
)
def test_bad_feedback_is_refused_naming_the_field(user, changes, path):
    reading = question_reading(user)
    with pytest.raises(InvalidField) as error:
        services.submit_feedback(
            principal=principal(user), reading_id=reading.pk, **{"rating": 4, **changes}
        )
    assert error.value.path == path
    assert not ReadingFeedback.objects.exists()


def test_feedback_on_another_accounts_reading_is_not_found(user):
    stranger = question_reading(UserFactory())
    with pytest.raises(NotFound):
        services.submit_feedback(principal=principal(user), reading_id=stranger.pk, rating=5)
    with pytest.raises(NotFound):
        services.reading_feedback(principal=principal(user), reading_id=stranger.pk)


def test_feedback_is_the_owners_and_moderators_read_it(user):
    reading = question_reading(user)
    moderator = UserFactory(role=Role.MODERATOR)
    other = UserFactory()
    services.submit_feedback(principal=principal(user), reading_id=reading.pk, rating=4)
    with pytest.raises(FeedbackNotFound):
        services.submit_feedback(principal=principal(moderator), reading_id=reading.pk, rating=2)
    assert [
        row.rating
        for row in services.reading_feedback(principal=principal(moderator), reading_id=reading.pk)
    ] == [4]
    with pytest.raises(FeedbackNotFound):
        services.reading_feedback(principal=principal(other), reading_id=reading.pk)


@pytest.mark.parametrize(
    ("xp", "level", "name", "xp_next", "progress"),
    [
        (0, 1, "Novice", 10, 0.0),
        (9, 1, "Novice", 10, 0.9),
        (10, 2, "Apprentice", 50, 0.0),
        (30, 2, "Apprentice", 50, 0.5),
        (50, 3, "Practitioner", 150, 0.0),
        (149, 3, "Practitioner", 150, 0.99),
        (150, 4, "Adept", 500, 0.0),
        (500, 5, "Master", None, 1.0),
        (9999, 5, "Master", None, 1.0),
    ],
)
def test_level_thresholds_and_progress_within_the_level(xp, level, name, xp_next, progress):
    found = services.level_for(xp)
    assert (found.number, found.name, found.xp_next) == (level, name, xp_next)
    assert found.progress == pytest.approx(progress)
    assert len(found.capabilities) == level


def test_xp_counts_readings_feedback_and_streaks_of_the_account_only(user):
    reading = question_reading(user)
    name_reading(user)
    question_reading(UserFactory())
    services.submit_feedback(principal=principal(user), reading_id=reading.pk, rating=5)
    sources = services.xp_sources(principal(user))
    assert (sources.readings, sources.feedback, sources.longest_streak) == (2, 1, 1)
    assert sources.total == 2 * services.XP_PER_READING + services.XP_PER_FEEDBACK
    assert services.account_level(principal(UserFactory())).xp == 0


@pytest.mark.parametrize(
    ("samples", "expected"),
    [
        (0, 0.0),
        (4, 0.0),
        (5, 0.3),
        (9, 0.3),
        (10, 0.5),
        (25, 0.7),
        (50, 0.85),
        (100, 0.95),
        (1000, 0.95),
    ],
)
def test_confidence_scales_with_the_sample_count(samples, expected):
    assert services.confidence(samples) == expected


def rows(sign_type="question", rating=4, sections=None, count=1):
    return [(sign_type, rating, sections or {})] * count


def test_metrics_per_type_and_section_with_weighted_scores():
    metrics = services.compute_metrics(
        rows("question", 4, {"advice": True}, 3) + rows("name", 2, {"advice": False}, 2)
    )
    assert metrics["avg_rating:question"].value == 4 and metrics["avg_rating:name"].samples == 2
    assert metrics["avg_rating:overall"].value == pytest.approx(3.2)
    assert metrics["section_helpful:advice"].value == pytest.approx(0.6)
    assert metrics["avg_rating:overall"].weighted == pytest.approx(3.2 * 0.3)


@pytest.mark.parametrize(
    ("feedback", "expected"),
    [
        (rows(sections={"right_now": True}, count=10), ["specific_actions"]),
        (rows(sections={"right_now": True}, count=9), []),  # too few samples
        (
            rows(sections={"right_now": True}, count=8)
            + rows(sections={"right_now": False}, count=2),
            [],
        ),  # 80 % is not above 80 %
        (
            rows(sections={"caution": False}, count=6) + rows(sections={"caution": True}, count=4),
            ["brief_cautions"],
        ),
        (
            rows(sections={"caution": False}, count=5) + rows(sections={"caution": True}, count=4),
            [],
        ),
        (rows(sections={"advice": True}, count=5), ["practical_advice"]),
        (rows(sections={"advice": True}, count=4), []),
        (rows(sections={"message": True}, count=5), ["poetic_message"]),
        (
            rows("reading", 5, count=3) + rows("time", 4, count=2) + rows("name", 3, count=5),
            ["temporal_symbolism"],
        ),
        (rows("reading", 5, count=4) + rows("name", 3, count=5), []),
        (rows("reading", 3, count=5) + rows("name", 3, count=5), []),  # equal: no emphasis
        (rows(rating=2, count=20), ["warmth"]),
        (rows(rating=2, count=19), []),
        (rows(rating=3, count=20), []),
        (
            rows(sections={"advice": True, "message": True}, rating=1, count=20),
            ["practical_advice", "poetic_message", "warmth"],
        ),
    ],
)
def test_prompt_emphasis_rules_on_hand_built_feedback(feedback, expected):
    assert services.emphasis_rules(services.compute_metrics(feedback)) == expected


def test_recalculate_stores_metrics_and_hands_the_emphasis_to_the_prompt(user):
    assert services.learned_preferences() is None
    for _ in range(5):
        reading = question_reading(user)
        services.submit_feedback(
            principal=principal(user),
            reading_id=reading.pk,
            rating=5,
            section_feedback={"advice": True},
        )
    stats = services.recalculate()
    assert stats["total_feedback"] == 5 and stats["active_rules"] == ["practical_advice"]
    assert LearningMetric.objects.get(metric_key="section_helpful:advice").sample_count == 5
    assert services.learned_preferences() == "- Emphasise practical advice."
    assert stats["last_recalculated"] is not None


def test_recalculate_needs_the_admin_scope(user):
    with pytest.raises(Forbidden):
        services.recalculate(principal=principal(user))
    with pytest.raises(Forbidden):
        services.admin_stats(principal=principal(user))
    assert (
        services.recalculate(principal=principal(UserFactory(role=Role.MODERATOR)))[
            "total_feedback"
        ]
        == 0
    )


def test_admin_stats_follow_the_feedback_live(user):
    reading, other = question_reading(user), name_reading(user)
    services.submit_feedback(principal=principal(user), reading_id=reading.pk, rating=5)
    services.submit_feedback(
        principal=principal(user),
        reading_id=other.pk,
        rating=2,
        section_feedback={"caution": False},
    )
    stats = services.admin_stats()
    assert stats["total_feedback"] == 2 and stats["average_rating"] == 3.5
    assert stats["rating_distribution"] == {"1": 0, "2": 1, "3": 0, "4": 0, "5": 1}
    assert stats["avg_by_reading_type"] == {"name": 2.0, "question": 5.0}
    assert stats["section_helpful_pct"] == {"caution": {"helpful_pct": 0.0, "votes": 1}}


def test_insights_name_numbers_best_type_and_ask_for_outcomes(user):
    for _ in range(2):
        reading = question_reading(user)
        services.submit_feedback(principal=principal(user), reading_id=reading.pk, rating=5)
    named = name_reading(user)
    services.submit_feedback(principal=principal(user), reading_id=named.pk, rating=1)
    services.submit_feedback(principal=principal(user), reading_id=time_reading(user).pk, rating=1)
    texts = [insight.content for insight in services.insights(principal(user))]
    assert any(text.startswith("Your most frequent numbers:") for text in texts)
    assert "Your best-rated readings are Question readings (5.0 of 5)." in texts
    assert any("Record what happened" in text for text in texts)


def test_insights_report_the_hit_rate_once_there_are_enough_outcomes(user):
    for _ in range(vault.MIN_OUTCOMES):
        reading = question_reading(user, answer="yes")
        vault.record_outcome(principal=principal(user), reading_id=reading.pk, outcome="yes")
    texts = [insight.content for insight in services.insights(principal(user))]
    assert "The oracle matched 100% of your recorded outcomes; a coin would match 50%." in texts


def test_repeating_number_days():
    import datetime as dt

    assert services.is_repeating_day(dt.date(2026, 11, 11))
    assert services.is_repeating_day(dt.date(2026, 3, 22))
    assert services.is_repeating_day(dt.date(2026, 2, 2))
    assert not services.is_repeating_day(dt.date(2026, 2, 3))


def test_analyze_weights_and_patterns_of_the_account(user):
    reading = question_reading(user)
    services.submit_feedback(
        principal=principal(user),
        reading_id=reading.pk,
        rating=2,
        section_feedback={"caution": False},
    )
    analysis = services.analyze(principal(user))
    assert analysis["insights"][0] == "Analyzed 1 feedback entries." and analysis["xp_earned"] == 1
    assert any("Caution" in text for text in analysis["recommendations"])
    assert services.weights(principal(user)) == {"weights": {"question": 0.4}}
    assert [row["pattern_type"] for row in services.patterns(principal(user))] == ["question"]


def test_insights_in_persian_list_the_numbers_with_the_persian_comma(user):
    from django.utils import translation

    for question in ("Is 3 my number?", "Is 7 my number?", "Is 9 my number?"):
        question_reading(user, question)
    with translation.override("fa"):
        texts = [insight.content for insight in services.insights(principal(user))]

    (numbers,) = [text for text in texts if text.startswith("پرتکرارترین")]
    assert "، " in numbers and ", " not in numbers


@pytest.mark.parametrize(
    ("streak", "streak_xp", "total"),
    [(1, 0, 21), (2, 4, 25), (4, 8, 29)],
)
def test_xp_parts_add_up_to_the_total_and_streaks_count_from_two_days(streak, streak_xp, total):
    """Issue 20: the page showed 15 readings, 2 feedback and a 1-day streak for 21 XP."""
    sources = services.XpSources(readings=15, feedback=2, longest_streak=streak)
    assert (sources.reading_xp, sources.feedback_xp, sources.streak_xp) == (15, 6, streak_xp)
    assert sources.reading_xp + sources.feedback_xp + sources.streak_xp == sources.total == total
    assert sources.counted_streak == (streak if streak >= services.STREAK_MIN_DAYS else 0)

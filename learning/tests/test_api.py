"""`/api/learning/...`: feedback (upsert, 404s, 422s), the account's stats, insights, analyze,
weights, patterns; the admin statistics and recalculation."""

import pytest

from learning.models import ReadingFeedback
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from vault.tests.factories import question_reading

pytestmark = pytest.mark.django_db


@pytest.fixture
def api(api_as):
    return api_as(Role.USER)


def feedback_url(reading_id) -> str:
    return f"/api/learning/oracle/readings/{reading_id}/feedback"


def test_feedback_is_created_then_updated(api):
    reading = question_reading(api.account)
    body = {
        "rating": 4,
        "section_feedback": [{"section": "advice", "helpful": True}],
        "text_feedback": "Good",
    }
    created = api.post(feedback_url(reading.pk), body, format="json")
    assert created.status_code == 201 and created.json()["updated"] is False
    assert created.json()["section_feedback"] == [{"section": "advice", "helpful": True}]
    updated = api.post(feedback_url(reading.pk), {"rating": 2}, format="json")
    assert updated.status_code == 200 and updated.json()["updated"] is True
    assert updated.json()["id"] == created.json()["id"]
    listed = api.get(feedback_url(reading.pk)).json()
    assert [(row["rating"], row["text_feedback"]) for row in listed] == [(2, None)]
    assert ReadingFeedback.objects.count() == 1


@pytest.mark.parametrize(
    ("body", "loc"),
    [
        ({}, ["body", "rating"]),
        ({"rating": 6}, ["body", "rating"]),
        ({"rating": 3, "text_feedback": "x" * 1001}, ["body", "text_feedback"]),
        (
            {"rating": 3, "section_feedback": [{"section": "nope", "helpful": True}]},
            ["body", "section_feedback", 0, "section"],
        ),
    ],
)
def test_bad_feedback_is_422_naming_the_field(api, body, loc):
    reading = question_reading(api.account)
    response = api.post(feedback_url(reading.pk), body, format="json")
    assert response.status_code == 422 and response.json()["detail"][0]["loc"] == loc


def test_feedback_on_another_accounts_reading_is_404(api):
    stranger = question_reading(UserFactory())
    assert api.post(feedback_url(stranger.pk), {"rating": 5}, format="json").status_code == 404
    assert api.get(feedback_url(stranger.pk)).status_code == 404
    assert api.get(feedback_url(999999)).status_code == 404


def test_readonly_may_not_rate(api_as):
    readonly = api_as(Role.READONLY)
    assert readonly.post(feedback_url(1), {"rating": 5}, format="json").status_code == 403


def test_stats_are_the_accounts_level(api):
    for _ in range(3):
        reading = question_reading(api.account)
        api.post(feedback_url(reading.pk), {"rating": 5}, format="json")
    body = api.get("/api/learning/stats").json()
    assert body == {
        "level": 2,
        "name": "Apprentice",
        "xp": 12,
        "xp_next": 50,
        "xp_floor": 10,
        "progress": 0.05,
        "capabilities": ["Readings and the journal", "Personal insights"],
    }


def test_insights_analyze_weights_patterns(api):
    reading = question_reading(api.account)
    api.post(feedback_url(reading.pk), {"rating": 5}, format="json")
    insights = api.get("/api/learning/insights", {"limit": 2}).json()
    assert 1 <= len(insights) <= 2 and {
        "id",
        "insight_type",
        "content",
        "source",
        "created_at",
    } <= set(insights[0])
    analysis = api.post("/api/learning/analyze", {"session_id": "ignored"}, format="json").json()
    assert analysis["insights"][:2] == [
        "Analyzed 1 feedback entries.",
        "Reading quality is consistently high.",
    ]
    assert api.get("/api/learning/weights").json() == {"weights": {"question": 1.0}}
    patterns = api.get("/api/learning/patterns").json()
    assert patterns[0]["pattern_type"] == "question" and patterns[0]["frequency"] == 1


def test_admin_stats_and_recalculate_need_oracle_admin(api, api_as):
    assert api.get("/api/learning/oracle/stats").status_code == 403
    assert api.post("/api/learning/oracle/recalculate").status_code == 403
    reading = question_reading(api.account)
    api.post(feedback_url(reading.pk), {"rating": 3}, format="json")
    moderator = api_as(Role.MODERATOR)
    stats = moderator.get("/api/learning/oracle/stats").json()
    assert stats["total_feedback"] == 1 and stats["rating_distribution"]["3"] == 1
    recalculated = moderator.post("/api/learning/oracle/recalculate")
    assert recalculated.status_code == 200 and recalculated.json()["last_recalculated"]


def test_no_credentials_is_401(api_client):
    assert api_client.get("/api/learning/stats").status_code == 401
    assert api_client.post(feedback_url(1), {"rating": 5}, format="json").status_code == 401

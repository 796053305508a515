"""The Learning pages: the account's level and insights, the feedback form (page and htmx
fragment), the admin dashboard and its Recalculate button."""

import pytest
from django.urls import reverse

from learning import services
from learning.models import LearningMetric, ReadingFeedback
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from vault.tests.factories import principal, question_reading

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def test_learning_page_shows_level_progress_and_insights(client, owner):
    question_reading(owner)
    page = client.get(reverse("learning:index")).content.decode()
    assert "Level 1 — Novice" in page and "1 / 10 XP" in page
    assert '<progress id="level-progress"' in page and 'value="10"' in page
    assert "Rate your readings" in page
    assert "Learning dashboard" not in page  # not for a plain user


def test_feedback_page_and_htmx_fragment(client, owner):
    reading = question_reading(owner)
    url = reverse("learning:feedback", args=[reading.pk])
    page = client.get(url).content.decode()
    assert "<h1>Rate this reading</h1>" in page and 'name="rating"' in page
    fragment = client.get(url, **HTMX).content.decode()
    assert fragment.lstrip().startswith(f'<section class="feedback" id="feedback-{reading.pk}"')
    assert "<h1>" not in fragment and "Advice" in fragment
    # only the sections the interpretation shows: the deterministic one has no "Right now"
    assert "Right now" not in fragment


def test_submitting_feedback_thanks_and_shows_the_stars(client, owner):
    reading = question_reading(owner)
    url = reverse("learning:feedback", args=[reading.pk])
    response = client.post(
        url,
        {"rating": "4", "section_advice": "yes", "section_caution": "no", "text_feedback": "ok"},
        **HTMX,
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "Thank you for your feedback!" in page and 'aria-label="4 of 5 stars"' in page
    stored = ReadingFeedback.objects.get()
    assert stored.section_feedback == {"advice": True, "caution": False}
    # Once rated, the fragment shows the rating; ?edit=1 brings the form back, filled in.
    assert "Change your feedback" in client.get(url, **HTMX).content.decode()
    form = client.get(url + "?edit=1", **HTMX).content.decode()
    assert 'value="4" checked' in form


def test_feedback_without_stars_is_422_with_the_error_linked(client, owner):
    reading = question_reading(owner)
    response = client.post(
        reverse("learning:feedback", args=[reading.pk]), {"text_feedback": "hm"}, **HTMX
    )
    page = response.content.decode()
    assert response.status_code == 422
    assert f'id="rating-{reading.pk}-error"' in page and "Choose 1 to 5 stars." in page
    assert f'aria-describedby="rating-{reading.pk}-error"' in page
    assert not ReadingFeedback.objects.exists()


def test_feedback_on_another_accounts_reading_is_a_404_page(client, owner):
    stranger = question_reading(UserFactory())
    url = reverse("learning:feedback", args=[stranger.pk])
    assert client.get(url).status_code == 404
    assert client.post(url, {"rating": "5"}).status_code == 404


def test_dashboard_is_for_moderators_and_admins(client, owner):
    assert client.get(reverse("learning:dashboard")).status_code == 403
    assert client.post(reverse("learning:recalculate")).status_code == 403


def test_dashboard_shows_the_statistics_and_recalculates(client):
    rater = UserFactory()
    for _ in range(5):
        reading = question_reading(rater)
        services.submit_feedback(
            principal=principal(rater),
            reading_id=reading.pk,
            rating=5,
            section_feedback={"advice": True},
        )
    client.force_login(UserFactory(role=Role.MODERATOR))
    page = client.get(reverse("learning:dashboard")).content.decode()
    assert 'id="total-feedback">5<' in page and "5.0 / 5" in page
    assert "Not recalculated yet." in page and 'role="img"' in page
    response = client.post(reverse("learning:recalculate"), follow=True)
    page = response.content.decode()
    assert "Recalculated from 5 feedback entries." in page
    assert "Emphasise practical advice." in page
    assert LearningMetric.objects.filter(metric_key=services.EMPHASIS_KEY).exists()


def test_recalculate_learning_command(capsys, user):
    from django.core.management import call_command

    reading = question_reading(user)
    services.submit_feedback(principal=principal(user), reading_id=reading.pk, rating=2)
    call_command("recalculate_learning")
    assert "Recalculated from 1 feedback entries" in capsys.readouterr().out
    assert LearningMetric.objects.get(metric_key="avg_rating:overall").metric_value == 2


def test_feedback_slot_loads_the_form_by_htmx_with_a_plain_link():
    from django.template.loader import render_to_string

    html = render_to_string("learning/_feedback_slot.html", {"reading_id": 7})
    assert (
        'hx-get="/learning/readings/7/feedback"' in html
        and 'href="/learning/readings/7/feedback"' in html
    )
    # Style and the character counter come with base.html (nps.css, counter.js): not in the slot.
    assert "<link" not in html and "<script" not in html


def test_admin_console_lists_feedback_read_only_with_the_comment_masked_for_moderators(
    client, user
):
    reading = question_reading(user)
    feedback, _ = services.submit_feedback(
        principal=principal(user), reading_id=reading.pk, rating=3, text_feedback="private words"
    )
    url = reverse("admin:learning_readingfeedback_change", args=[feedback.pk])
    client.force_login(UserFactory(role=Role.MODERATOR))
    page = client.get(url).content.decode()
    assert "private words" not in page and "••••••" in page
    client.force_login(UserFactory(role=Role.ADMIN))
    assert "private words" in client.get(url).content.decode()
    assert client.get(reverse("admin:learning_learningmetric_changelist")).status_code == 200


def test_learning_page_xp_breakdown_adds_up_and_says_when_streaks_count(client, owner):
    import re

    question_reading(owner)
    reading = question_reading(owner)
    services.submit_feedback(principal=principal(owner), reading_id=reading.pk, rating=4)
    page = client.get(reverse("learning:index")).content.decode()

    def part(name: str) -> str:
        return re.search(rf'id="xp-{name}"[^>]*>(.*?)</dd>', page, re.S).group(1).strip()

    assert part("readings") == "2 × 1 = 2 XP"
    assert part("feedback") == "1 × 3 = 3 XP"
    assert part("streak") == "1 day: 0 XP"  # a one-day streak does not count yet
    assert part("total") == "5 XP"
    assert "Streaks count from 2 days in a row" in page


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_nobody_rates_someone_elses_reading(client, user, role, api_as):
    """Feedback is the owner's own: a moderator or admin opening another account's reading is
    offered no feedback form, and neither the page nor the API stores a rating from them."""
    reading = question_reading(user)
    reader = UserFactory(role=role)
    client.force_login(reader)

    page = client.get(reverse("oracle:reading", args=[reading.pk])).content.decode()
    url = reverse("learning:feedback", args=[reading.pk])
    form = client.get(url)
    sent = client.post(url, {"rating": "5"})
    api = api_as(account=reader).post(
        f"/api/learning/oracle/readings/{reading.pk}/feedback", {"rating": 5}, format="json"
    )

    assert reading.pk and "feedback-slot" not in page and url not in page
    assert (form.status_code, sent.status_code) == (404, 404)
    assert api.status_code == 404
    assert not ReadingFeedback.objects.exists()


def test_the_learning_page_asks_for_the_kept_totals_once(client, owner, monkeypatch):
    """The level and the insights are counted from one answer of `history_totals` (each answer
    runs a grouped query over the account's readings)."""
    from oracle.services import stats

    asked = []
    real = stats.history_totals

    def counted(*args, **kwargs):
        asked.append(args)
        return real(*args, **kwargs)

    monkeypatch.setattr(stats, "history_totals", counted)
    question_reading(owner)
    page = client.get(reverse("learning:index")).content.decode()
    assert "1 / 10 XP" in page
    assert len(asked) == 1

"""The interpretation section: the reading is shown at once, its interpretation loads through
/oracle/readings/<id>/interpretation (AI or deterministic, labelled), retried, translated, never
stored in clear — against the fake Messages API server."""

import json
import re
import uuid

import pytest
from django.db import connection
from django.urls import reverse

from nps.accounts.tests.factories import UserFactory
from oracle.engines.interpretation import SECTION_KEYS
from oracle.models import Reading
from oracle.services import sealing
from oracle.tests.fake_provider import Malformed, Reply, Slow, Status

pytestmark = pytest.mark.django_db

CONSULT = reverse("oracle:consult")
HTMX = {"HTTP_HX_REQUEST": "true"}
SECTIONS = {
    "header": "The Fire Horse at noon",
    "universal_address": "FC60 VE-OX-OXFI under a Waxing Moon",
    "core_identity": "Life Path 11 makes you a seer of secret things",
    "right_now": "This hour hums with 58.5% of the Metal energy",
    "patterns": "Angel number 777 keeps returning",
    "message": "SPECIAL-ORACLE-MESSAGE: the door is already open",
    "advice": "Write down the number 11 tonight",
    "caution": "Do not hurry the Water in you",
    "footer": "The oracle has spoken",
}
PERSIAN_SECTIONS = {key: f"بخش {index} از فال" for index, key in enumerate(SECTION_KEYS)}
PLACEHOLDER = re.compile(r"__(?:TERM|KEEP)\d{3}__")


def sections_reply(sections=SECTIONS):
    return Reply("Here is your reading:\n```json\n" + json.dumps(sections) + "\n```")


def answer(body):
    """Sections for an interpretation prompt; for a translation, Persian with every
    placeholder of the protected text where it stood (what a careful translator does)."""
    prompt = body["messages"][0]["content"]
    if prompt.startswith("Translate the following"):
        protected = prompt.rsplit("\n\n", 1)[-1]
        return Reply("ترجمهٔ فارسی: " + protected)
    return sections_reply(PERSIAN_SECTIONS if "Persian (Farsi)" in prompt else SECTIONS)


@pytest.fixture
def client_in(client, user):
    client.force_login(user)
    return client


def make_time_reading(client) -> Reading:
    response = client.post(
        CONSULT, {"type": "time", "token": uuid.uuid4().hex, "use_now": "on", "timezone": "UTC"}
    )
    assert response.status_code == 200, response.content.decode()[:2000]
    return Reading.objects.latest("id")


def interpretation_url(reading: Reading) -> str:
    return reverse("oracle:reading-interpretation", args=[reading.pk])


def raw_columns(reading: Reading) -> str:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT ai_interpretation, reading_result::text FROM oracle_readings WHERE id = %s",
            [reading.pk],
        )
        encrypted, clear = cursor.fetchone()
    return bytes(encrypted).decode("latin-1") + clear


def test_reading_page_shows_the_reading_at_once_and_loads_the_interpretation_after(
    client_in, fake_provider
):
    reading = make_time_reading(client_in)
    html = client_in.get(CONSULT).content.decode()  # the page itself never calls the AI
    response = client_in.post(
        CONSULT, {"type": "time", "token": uuid.uuid4().hex, "use_now": "on"}, **HTMX
    )
    html = response.content.decode()

    assert fake_provider.calls == 0
    latest = Reading.objects.latest("id")
    assert f'hx-get="{interpretation_url(latest)}"' in html
    assert 'hx-trigger="load"' in html
    assert "The oracle is writing your interpretation" in html
    assert reading.pk != latest.pk


def test_interpretation_request_shows_the_ai_sections_labelled_and_stores_them_encrypted(
    client_in, fake_provider
):
    fake_provider.default = answer
    reading = make_time_reading(client_in)

    response = client_in.get(interpretation_url(reading), **HTMX)
    html = response.content.decode()

    assert response.status_code == 200
    assert "<html" not in html
    assert "Written by the AI" in html
    for key in ("core_identity", "message", "advice", "caution"):
        assert SECTIONS[key] in html
    assert fake_provider.calls == 1
    reading.refresh_from_db()
    stored = sealing.reading_response(reading)["ai_interpretation"]
    assert stored["ai_generated"] is True
    assert stored["sections"]["message"] == SECTIONS["message"]
    assert "SPECIAL-ORACLE-MESSAGE" not in raw_columns(reading)


def test_a_stored_ai_interpretation_is_not_asked_again(client_in, fake_provider):
    fake_provider.default = answer
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)

    again = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert SECTIONS["message"] in again
    assert fake_provider.calls == 1


def test_same_context_is_answered_from_the_cache(client_in, fake_provider):
    fake_provider.default = answer
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)

    client_in.post(interpretation_url(reading), **HTMX)  # retry: the cache answers

    assert fake_provider.calls == 1


def test_persian_page_asks_for_persian_and_keeps_it_right_to_left(client_in, fake_provider):
    fake_provider.default = answer
    reading = make_time_reading(client_in)
    client_in.cookies["nps_language"] = "fa"

    html = client_in.get(interpretation_url(reading), **HTMX).content.decode()

    assert "Persian (Farsi)" in fake_provider.prompts()[0]
    # Shown as a Persian reader reads it: in Persian digits.
    assert PERSIAN_SECTIONS["message"].replace("5", "۵") in html
    assert 'lang="fa" dir="rtl"' in html
    assert "Written by the AI" not in html  # the label is Persian too


@pytest.mark.parametrize(
    "failure",
    [Status(500), Malformed(), Reply("no JSON here"), Slow(5)],
    ids=["500", "malformed-body", "not-sections", "timeout"],
)
def test_provider_failure_gives_the_deterministic_sections_with_a_retry(
    client_in, fake_provider, settings, failure
):
    settings.NPS_AI_TIMEOUT = 0.8
    fake_provider.default = failure
    reading = make_time_reading(client_in)

    response = client_in.get(interpretation_url(reading), **HTMX)
    html = response.content.decode()

    assert response.status_code == 200
    assert "Deterministic interpretation (no AI)" in html
    assert "Your FC60 signature is" in html
    assert "Ask the AI again" in html
    reading.refresh_from_db()
    assert sealing.reading_response(reading)["ai_interpretation"]["ai_generated"] is False


def test_retry_after_a_failure_stores_the_ai_answer(client_in, fake_provider, settings):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.script.append(Status(503))
    fake_provider.default = answer
    reading = make_time_reading(client_in)
    assert "Ask the AI again" in client_in.get(interpretation_url(reading), **HTMX).content.decode()

    html = client_in.post(interpretation_url(reading), **HTMX).content.decode()

    assert SECTIONS["message"] in html
    assert fake_provider.calls == 2


def test_open_circuit_answers_deterministically_without_calling(client_in, fake_provider, settings):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.default = Status(500)
    reading = make_time_reading(client_in)
    for _ in range(3):
        client_in.post(interpretation_url(reading), **HTMX)
    calls = fake_provider.calls
    fake_provider.default = answer

    html = client_in.post(interpretation_url(reading), **HTMX).content.decode()

    assert "Deterministic interpretation (no AI)" in html
    assert fake_provider.calls == calls


def test_exhausted_ai_limit_says_so_and_shows_the_deterministic_sections(
    client_in, fake_provider, settings
):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "ai": "0/hour"}
    reading = make_time_reading(client_in)

    response = client_in.get(interpretation_url(reading), **HTMX)

    assert response.status_code == 200
    assert "It can be asked again in" in response.content.decode()
    assert fake_provider.calls == 0


def test_without_a_key_the_result_shows_the_deterministic_sections_in_place(client_in, settings):
    settings.ANTHROPIC_API_KEY = ""
    html = client_in.post(
        CONSULT, {"type": "time", "token": uuid.uuid4().hex, "use_now": "on"}, **HTMX
    ).content.decode()

    assert "Deterministic interpretation (no AI)" in html
    assert 'hx-get="/oracle/readings/' not in html  # nothing left to load
    assert "Translate to Persian" not in html


def test_another_accounts_reading_is_not_found(client_in, client, fake_provider):
    reading = make_time_reading(client_in)
    client.force_login(UserFactory())

    assert client.get(interpretation_url(reading), **HTMX).status_code == 404
    assert client.post(interpretation_url(reading), **HTMX).status_code == 404
    translate = reverse("oracle:reading-interpretation-translate", args=[reading.pk])
    assert client.post(translate, {"to": "fa"}, **HTMX).status_code == 404
    assert fake_provider.calls == 0


def test_without_javascript_the_interpretation_is_a_page_of_its_own(client_in, fake_provider):
    fake_provider.default = answer
    reading = make_time_reading(client_in)

    html = client_in.get(interpretation_url(reading)).content.decode()

    assert "<html" in html
    assert SECTIONS["message"] in html
    assert "HX-Request" in client_in.get(interpretation_url(reading))["Vary"]


def test_translation_keeps_every_fc60_token_and_number(client_in, fake_provider):
    fake_provider.default = answer
    reading = make_time_reading(client_in)
    client_in.get(interpretation_url(reading), **HTMX)
    translate = reverse("oracle:reading-interpretation-translate", args=[reading.pk])

    html = client_in.post(translate, {"to": "fa"}, **HTMX).content.decode()

    assert "ترجمهٔ فارسی" in html
    assert "translated by the AI" in html
    for kept in ("VE-OX-OXFI", "11", "58.5%", "777", "Metal", "Water", "Life Path", "Fire Horse"):
        assert kept in html, kept
    assert 'lang="fa" dir="rtl"' in html
    assert "Show original" in html
    sent = " ".join(p.rsplit("\n\n", 1)[-1] for p in fake_provider.prompts()[1:])
    assert "58.5%" not in sent and "VE-OX-OXFI" not in sent  # they travelled as placeholders


def test_translation_without_a_key_says_why(client_in, settings):
    settings.ANTHROPIC_API_KEY = ""
    reading = make_time_reading(client_in)
    translate = reverse("oracle:reading-interpretation-translate", args=[reading.pk])

    html = client_in.post(translate, {"to": "fa"}, **HTMX).content.decode()

    assert "Translation needs the AI provider" in html


def test_daily_interpretation_is_recomputed_for_the_day(client_in, fake_provider):
    fake_provider.default = answer

    response = client_in.get(reverse("oracle:daily-interpretation"), {"date": "2026-02-06"}, **HTMX)

    assert response.status_code == 200
    assert SECTIONS["message"] in response.content.decode()
    assert "Date: 2026-02-06" in fake_provider.prompts()[0]


def test_daily_interpretation_without_a_day_is_not_found(client_in):
    assert client_in.get(reverse("oracle:daily-interpretation"), **HTMX).status_code == 404


def test_group_reading_gets_sections_too(client_in, fake_provider):
    fake_provider.default = answer
    members = [
        {"name": "Alice", "birth_year": 1990, "birth_month": 3, "birth_day": 21},
        {"name": "Bob", "birth_year": 1985, "birth_month": 7, "birth_day": 4},
    ]
    from oracle.services import readings

    result = readings.create_multi_user_reading(
        principal=client_in.get(CONSULT).wsgi_request.principal,
        users=[readings.MultiUserMember(**member) for member in members],
        use_ai=False,
    )
    html = client_in.get(
        reverse("oracle:reading-interpretation", args=[result["reading_id"]]), **HTMX
    ).content.decode()

    assert SECTIONS["message"] in html
    assert "Group Size: 2" in fake_provider.prompts()[0]
    assert "SPECIAL-ORACLE-MESSAGE" not in raw_columns(Reading.objects.get(pk=result["reading_id"]))


def test_api_reading_carries_sections_beside_v4s_fields(api_as, fake_provider, settings):
    fake_provider.default = answer
    api = api_as()

    body = api.post("/api/oracle/reading", {"datetime": "2026-02-06T12:00:00"}, format="json")

    interpretation = body.json()["ai_interpretation"]
    assert interpretation["ai_generated"] is True
    assert interpretation["sections"] == SECTIONS
    assert interpretation["text"].startswith(SECTIONS["universal_address"])


def test_api_reading_without_ai_has_deterministic_sections(api_as, settings):
    settings.ANTHROPIC_API_KEY = ""

    body = api_as().post("/api/oracle/reading", {"datetime": "2026-02-06T12:00:00"}, format="json")

    interpretation = body.json()["ai_interpretation"]
    assert interpretation["ai_generated"] is False
    assert list(interpretation["sections"]) == list(SECTION_KEYS)
    assert interpretation["sections"]["core_identity"].startswith("Your FC60 signature is")


def test_what_feedback_taught_reaches_the_ai_prompt(client_in, fake_provider):
    from learning.models import LearningMetric
    from learning.services import EMPHASIS_KEY

    LearningMetric.objects.create(
        metric_key=EMPHASIS_KEY, prompt_emphasis="- Emphasise practical advice."
    )
    fake_provider.default = answer
    reading = make_time_reading(client_in)

    client_in.get(interpretation_url(reading), **HTMX)

    assert "- Emphasise practical advice." in fake_provider.prompts()[0]

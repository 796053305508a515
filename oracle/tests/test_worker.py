"""A page's AI interpretation written by a real Celery worker (a subprocess, through the real
Redis) while the page polls, against the fake provider."""

import time

import pytest

from oracle.models import Reading
from oracle.services import sealing
from oracle.tests.conftest import FAKE_API_KEY
from oracle.tests.test_views_interpretation import (
    HTMX,
    SECTIONS,
    answer,
    interpretation_url,
    make_time_reading,
)

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def worker_env(fake_provider):
    return {
        "ANTHROPIC_API_KEY": FAKE_API_KEY,
        "ANTHROPIC_BASE_URL": fake_provider.base_url,
        "NPS_AI_TIMEOUT": "10",
    }


def test_the_page_polls_until_the_worker_has_written_the_interpretation(
    client, user, fake_provider, real_worker
):
    fake_provider.default = answer
    client.force_login(user)
    reading = make_time_reading(client)

    first = client.get(interpretation_url(reading), **HTMX).content.decode()
    assert "data-ai-pending" in first  # answered at once: the worker writes it

    deadline = time.monotonic() + 60  # the worker's start-up included
    html = first
    while "data-ai-pending" in html and time.monotonic() < deadline:
        time.sleep(0.2)
        html = client.get(interpretation_url(reading), **HTMX).content.decode()

    assert SECTIONS["message"] in html and "Written by the AI" in html
    assert fake_provider.calls == 1
    stored = sealing.reading_response(Reading.objects.get(pk=reading.pk))
    assert stored["ai_interpretation"]["ai_generated"] is True

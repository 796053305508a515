"""Browser tests of the interpretation section: it loads after the reading, with a progress
indicator, a label, a retry and a translation — against the live fake Messages API."""

import pytest
from playwright.sync_api import expect

from oracle.tests.fake_provider import Slow, Status
from oracle.tests.test_views_interpretation import SECTIONS, answer

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]


def make_reading(page):
    page.goto("/oracle?type=time")
    page.locator("#consult-submit-button").click()
    expect(page.locator("#result-heading")).to_be_visible()


def test_interpretation_loads_after_the_reading_and_translates(
    sign_in, page, user, password, fake_provider
):
    fake_provider.script.append(lambda body: Slow(0.8, text=answer(body).text))
    fake_provider.default = answer
    sign_in(user)
    make_reading(page)

    expect(page.get_by_text("The oracle is writing your interpretation")).to_be_visible()
    section = page.locator("[data-ai-interpretation]")
    expect(section.get_by_text("Written by the AI")).to_be_visible()
    expect(section.get_by_text(SECTIONS["message"])).to_be_visible()
    expect(section.locator("[data-ai-host]")).to_have_attribute("aria-busy", "false")

    section.get_by_role("button", name="Translate to Persian").click()
    expect(section.get_by_text("translated by the AI")).to_be_visible()
    translated = section.locator(".ai-section-core_identity p")
    expect(translated).to_have_attribute("dir", "rtl")
    expect(translated).to_contain_text("Life Path 11")
    section.get_by_role("link", name="Show original").click()
    expect(section.get_by_text(SECTIONS["core_identity"])).to_be_visible()


def test_a_failing_provider_shows_the_deterministic_text_and_a_retry(
    sign_in, page, user, password, fake_provider, settings
):
    settings.NPS_AI_MAX_RETRIES = 0
    fake_provider.default = Status(500)
    sign_in(user)
    make_reading(page)
    section = page.locator("[data-ai-interpretation]")
    expect(section.get_by_text("Deterministic interpretation (no AI)")).to_be_visible()
    expect(section.get_by_text("Your FC60 signature is").first).to_be_visible()

    fake_provider.default = answer
    section.get_by_role("button", name="Ask the AI again").click()

    expect(section.get_by_text("Written by the AI")).to_be_visible()
    expect(section.get_by_text(SECTIONS["advice"])).to_be_visible()


def test_the_section_polls_while_a_worker_writes_and_shows_the_answer_by_itself(
    sign_in, page, user, password, fake_provider, monkeypatch
):
    """With a worker (not eager): the first answer is "writing…"; the section asks again by
    itself, under the CSP, until the job has stored the interpretation."""
    from oracle import tasks

    queued = []
    monkeypatch.setattr(
        tasks.interpret_reading, "apply_async", lambda args, **options: queued.append(args)
    )
    fake_provider.default = answer
    sign_in(user)
    make_reading(page)
    section = page.locator("[data-ai-interpretation]")
    host = section.locator("[data-ai-host]")
    # The first answer: "writing…", while the job waits in the queue.
    expect(section.locator("[data-ai-pending]")).to_be_attached()
    expect(host).to_have_attribute("aria-busy", "true")
    assert len(queued) == 1 and fake_provider.calls == 0
    # The section asks again by itself, and is still waiting.
    page.wait_for_event("response", lambda response: "/interpretation" in response.url)
    expect(section.locator("[data-ai-pending]")).to_be_attached()

    tasks.interpret_reading(*queued[0])  # the worker runs the job

    expect(section.get_by_text("Written by the AI")).to_be_visible(timeout=10_000)
    expect(section.get_by_text(SECTIONS["message"])).to_be_visible()
    expect(host).to_have_attribute("aria-busy", "false")
    assert len(queued) == 1  # polling queued nothing more

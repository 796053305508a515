"""Fixtures of the oracle tests: the fake AI provider."""

import pytest

from oracle.services import ai
from oracle.tests.fake_provider import FakeProvider

FAKE_API_KEY = "sk-ant-fake-0123456789abcdef"


@pytest.fixture
def fake_provider(settings, monkeypatch):
    """A live fake Messages API on 127.0.0.1, configured as the provider, with short timeouts."""
    provider = FakeProvider().start()
    settings.ANTHROPIC_API_KEY = FAKE_API_KEY
    settings.ANTHROPIC_BASE_URL = provider.base_url
    settings.NPS_AI_TIMEOUT = 2.0
    settings.NPS_AI_CONNECT_TIMEOUT = 0.5
    settings.NPS_AI_MAX_RETRIES = 2
    settings.NPS_AI_CIRCUIT_FAILURES = 3
    settings.NPS_AI_CIRCUIT_SECONDS = 30
    monkeypatch.setattr(ai, "BACKOFF_BASE_SECONDS", 0.01)
    monkeypatch.setattr(ai, "MIN_ATTEMPT_SECONDS", 0.05)
    ai._client()  # the SDK's first import takes seconds: not inside a test's waits
    yield provider
    provider.stop()

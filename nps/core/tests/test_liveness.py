"""The liveness probe answered from what the whole stack answered the first probe: the same
status, body and headers, a fresh request id, logged and counted; anything but a bare probe takes
the whole stack."""

import logging

import pytest
from django.test import RequestFactory

from nps.core import health, liveness

pytestmark = pytest.mark.django_db


@pytest.fixture
def view_calls(monkeypatch):
    """How many times the health view itself ran."""
    calls = []
    original = health.HealthView.get

    def counted(self, request):
        calls.append(request.path)
        return original(self, request)

    monkeypatch.setattr(health.HealthView, "get", counted)
    return calls


def headers(response) -> dict:
    return {name: value for name, value in response.items() if name != "X-Request-ID"}


def test_later_probes_get_the_first_answer_without_running_the_stack(client, view_calls):
    first = client.get("/api/health")
    second = client.get("/api/health")
    third = client.get("/api/health")

    assert len(view_calls) == 1
    assert second.status_code == third.status_code == 200
    assert second.content == first.content
    assert headers(second) == headers(first)
    assert "Content-Security-Policy" in second and second["X-Content-Type-Options"] == "nosniff"
    assert len({first["X-Request-ID"], second["X-Request-ID"], third["X-Request-ID"]}) == 3


def test_a_probe_answered_from_the_kept_answer_is_logged(client, caplog):
    client.get("/api/health")
    with caplog.at_level(logging.INFO, logger="nps.request"):
        caplog.clear()
        response = client.get("/api/health", HTTP_X_REQUEST_ID="probe-0001-abcd")

    (record,) = [record for record in caplog.records if record.name == "nps.request"]
    assert record.route == "api/health" and record.status == 200 and record.view == "health"
    assert record.request_id == "probe-0001-abcd" == response["X-Request-ID"]


@pytest.mark.parametrize(
    "extra",
    [
        {"QUERY_STRING": "x=1"},
        {"HTTP_COOKIE": "sessionid=abc"},
        {"HTTP_AUTHORIZATION": "Bearer abc"},
        {"HTTP_ORIGIN": "http://localhost:5173"},
        {"HTTP_ACCEPT_LANGUAGE": "fa"},
        {"HTTP_ACCEPT": "text/html"},
    ],
    ids=["query", "cookie", "authorization", "origin", "language", "html"],
)
def test_anything_but_a_bare_probe_takes_the_whole_stack(client, view_calls, extra):
    client.get("/api/health")
    client.get("/api/health", **extra)

    assert len(view_calls) == 2


def test_a_host_the_settings_refuse_is_refused_as_before(client, view_calls):
    client.get("/api/health")

    assert client.get("/api/health", HTTP_HOST="evil.example").status_code == 400


def test_https_probes_keep_their_own_answer_with_hsts(client, settings, view_calls):
    settings.SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
    settings.SECURE_HSTS_SECONDS = 3600
    client.get("/api/health")
    plain = client.get("/api/health")
    client.get("/api/health", HTTP_X_FORWARDED_PROTO="https")
    secure = client.get("/api/health", HTTP_X_FORWARDED_PROTO="https")

    assert len(view_calls) == 2
    assert "Strict-Transport-Security" not in plain
    assert secure["Strict-Transport-Security"].startswith("max-age=3600")


def test_a_changed_setting_forgets_the_kept_answer(client, settings, view_calls):
    client.get("/api/health")
    settings.NPS_VERSION = "9.9.9"

    assert client.get("/api/health").json()["version"] == "9.9.9"
    assert len(view_calls) == 2


def test_only_a_200_of_the_health_view_is_kept(client, monkeypatch, view_calls):
    monkeypatch.setattr(
        health.HealthView, "get", lambda self, request: health.Response({"x": 1}, status=503)
    )
    assert client.get("/api/health").status_code == 503
    assert liveness.kept_answer(RequestFactory().get("/api/health")) is None


def test_the_browsable_api_is_not_kept_for_the_probes(client, view_calls):
    html = client.get("/api/health", HTTP_ACCEPT="text/html")
    client.cookies.clear()  # the browsable API set a CSRF cookie; a probe sends none
    probe = client.get("/api/health", HTTP_ACCEPT="*/*")

    assert html["Content-Type"].startswith("text/html")
    assert probe["Content-Type"] == "application/json"
    assert client.get("/api/health")["Content-Type"] == "application/json"
    assert len(view_calls) == 2  # the HTML one, then the first bare probe

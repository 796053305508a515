"""Request ids, the request log line, JSON logs and the Prometheus metrics at /metrics."""

import json
import logging
import re

import pytest
from django.test import Client
from django.urls import path

from nps.accounts.roles import Role
from nps.core import metrics
from nps.core.requestlog import RequestIdFilter
from oracle.tests.factories import ProfileFactory

TOKEN = "metrics-token-for-the-tests-0123456789"


def request_lines(caplog) -> list[logging.LogRecord]:
    return [record for record in caplog.records if record.name == "nps.request"]


# --- Request id --------------------------------------------------------------------------------


def test_every_response_carries_a_generated_request_id(client):
    first = client.get("/api/health")["X-Request-ID"]
    second = client.get("/api/health")["X-Request-ID"]
    assert re.fullmatch(r"[0-9a-f]{32}", first)
    assert first != second


def test_a_well_formed_incoming_request_id_is_kept(client):
    response = client.get("/api/health", HTTP_X_REQUEST_ID="proxy-req.1234:abcd")
    assert response["X-Request-ID"] == "proxy-req.1234:abcd"


@pytest.mark.parametrize("given", ["short", "a" * 65, "bad id with spaces", "x<script>y1234"])
def test_a_malformed_incoming_request_id_is_replaced(client, given):
    response = client.get("/api/health", HTTP_X_REQUEST_ID=given)
    assert response["X-Request-ID"] != given
    assert re.fullmatch(r"[0-9a-f]{32}", response["X-Request-ID"])


def test_the_500_page_shows_the_request_id(settings):
    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "BrokenUrls",
        (),
        {"urlpatterns": [path("broken", broken)], "handler500": "nps.core.views.server_error"},
    )
    response = Client(raise_request_exception=False).get(
        "/broken", HTTP_X_REQUEST_ID="support-ref-5678abcd"
    )
    assert response.status_code == 500
    assert response["X-Request-ID"] == "support-ref-5678abcd"
    assert '<code dir="ltr">support-ref-5678abcd</code>' in response.content.decode()


# --- The request log line ----------------------------------------------------------------------


def test_one_line_per_request_with_route_status_duration_and_account(api_as, caplog):
    client = api_as(Role.USER)
    profile = ProfileFactory(owner=client.account, name="Secretname Person")
    caplog.set_level(logging.INFO, logger="nps.request")
    response = client.get(f"/api/oracle/users/{profile.pk}?search=Maryam")
    assert response.status_code == 200
    [line] = request_lines(caplog)
    assert line.route == "api/oracle/users/<str:user_id>"
    assert line.view == "api-profile"
    assert line.method == "GET"
    assert line.status == 200
    assert line.duration_ms > 0
    assert line.account_id == str(client.account.pk)
    assert line.request_id == response["X-Request-ID"]
    logged = json.dumps({**vars(line), "msg": line.getMessage()}, default=str)
    assert "Maryam" not in logged  # the query string is never logged
    assert f"users/{profile.pk}" not in logged  # nor the values in the path
    assert "Secretname" not in logged
    assert client.account.username not in logged


def test_anonymous_and_unmatched_requests_are_logged_without_an_account(client, caplog):
    caplog.set_level(logging.INFO, logger="nps.request")
    client.get("/no-such-page?token=abc")
    [line] = request_lines(caplog)
    assert (line.view, line.route, line.status, line.account_id) == (
        "unresolved",
        None,
        404,
        None,
    )
    assert "abc" not in line.getMessage()


def test_a_page_request_names_the_session_account(client, user, caplog):
    client.force_login(user)
    caplog.set_level(logging.INFO, logger="nps.request")
    client.get("/")
    [line] = request_lines(caplog)
    assert (line.view, line.account_id) == ("home", str(user.pk))


def test_json_lines_hold_the_request_id_and_drop_the_request_object(settings):
    from pythonjsonlogger.json import JsonFormatter

    options = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    formatter = JsonFormatter(**options)
    record = logging.LogRecord(
        "django.request", logging.ERROR, __file__, 1, "Failed: %s", ("/x",), None
    )
    record.request = "<WSGIRequest: GET '/x?q=private'>"
    record.status = 500
    RequestIdFilter().filter(record)
    line = json.loads(formatter.format(record))
    assert line["message"] == "Failed: /x"
    assert line["level"] == "ERROR"
    assert line["logger"] == "django.request"
    assert line["request_id"] == "-"
    assert line["status"] == 500
    assert "private" not in json.dumps(line)


def test_a_logged_exception_keeps_its_traceback_but_not_its_messages(settings, caplog):
    """A failed request's exception (and the one it was raised from) may quote user data."""

    mother, question = "Zanzi" + "barina", "will I marry Quentin" + "ella?"  # not in the source

    def broken(request):
        try:
            raise ValueError(f"mother's name {mother}")
        except ValueError as error:
            raise RuntimeError(f"while saving question {question!r}") from error

    settings.ROOT_URLCONF = type(
        "BrokenUrls",
        (),
        {"urlpatterns": [path("broken", broken)], "handler500": "nps.core.views.server_error"},
    )
    with caplog.at_level(logging.ERROR, logger="django.request"):
        assert Client(raise_request_exception=False).get("/broken").status_code == 500
    record = next(r for r in caplog.records if r.name == "django.request")
    RequestIdFilter().filter(record)
    options = {k: v for k, v in settings.LOGGING["formatters"]["json"].items() if k != "()"}
    from pythonjsonlogger.json import JsonFormatter

    for formatter in (logging.Formatter(), JsonFormatter(**options)):
        written = formatter.format(record)
        assert "Zanzibarina" not in written and "Quentinella" not in written
        assert "builtins.ValueError (message withheld" in written
        assert "builtins.RuntimeError (message withheld" in written
        assert "in broken" in written  # the frames are kept


# --- Metrics -----------------------------------------------------------------------------------


def scrape(client, **headers) -> str:
    response = client.get("/metrics", **headers)
    assert response.status_code == 200, response.status_code
    assert response["Content-Type"].startswith("text/plain")
    return response.content.decode()


def sample(text: str, name: str, **labels) -> float:
    """The value of one series in Prometheus' text format (0 when it is not there yet)."""
    from prometheus_client.parser import text_string_to_metric_families

    for family in text_string_to_metric_families(text):
        for series in family.samples:
            if series.name == name and series.labels == labels:
                return series.value
    return 0.0


def test_metrics_count_requests_by_view_and_status_with_latency(client):
    before = scrape(client)
    client.get("/api/health")
    client.get("/api/health")
    client.get("/no-such-page")
    after = scrape(client)
    labels = {"view": "health", "method": "GET", "status": "200"}
    assert (
        sample(after, "nps_http_requests_total", **labels)
        - sample(before, "nps_http_requests_total", **labels)
        == 2
    )
    assert (
        sample(after, "nps_http_request_duration_seconds_count", **labels)
        - sample(before, "nps_http_request_duration_seconds_count", **labels)
        == 2
    )
    unresolved = {"view": "unresolved", "method": "GET", "status": "404"}
    assert sample(after, "nps_http_requests_total", **unresolved) >= 1


def test_metrics_time_database_queries_and_cache_operations(api_as, client):
    before = scrape(client)
    api_as(Role.USER).get("/api/oracle/users")  # queries the account and profiles, counts a limit
    after = scrape(client)
    name = "nps_db_query_duration_seconds_count"
    assert sample(after, name, database="default") > sample(before, name, database="default")
    cache = "nps_cache_operation_duration_seconds_count"
    assert sample(after, cache, operation="incr") > sample(before, cache, operation="incr")


def test_metrics_count_ai_calls_by_outcome(client):
    before = scrape(client)
    metrics.record_ai_call("ok", 0.4, 120)
    metrics.record_ai_call("failed", 2.0, 0)
    after = scrape(client)
    for outcome in ("ok", "failed"):
        assert (
            sample(after, "nps_ai_calls_total", outcome=outcome)
            - sample(before, "nps_ai_calls_total", outcome=outcome)
            == 1
        )
    assert sample(after, "nps_ai_tokens_total") - sample(before, "nps_ai_tokens_total") == 120


def test_job_queue_depth_is_the_length_of_the_celery_list(client, settings):
    import redis

    url = "redis://127.0.0.1:6379/14"
    settings.CELERY_BROKER_URL = url
    settings.CELERY_TASK_DEFAULT_QUEUE = "nps-test-queue-depth"
    broker = redis.Redis.from_url(url)
    broker.delete("nps-test-queue-depth")
    broker.rpush("nps-test-queue-depth", "job-1", "job-2", "job-3")
    try:
        text = scrape(client)
    finally:
        broker.delete("nps-test-queue-depth")
    assert sample(text, "nps_job_queue_depth", queue="nps-test-queue-depth") == 3


def test_job_queue_depth_is_zero_when_redis_does_not_answer(client, settings):
    settings.CELERY_BROKER_URL = "redis://127.0.0.1:1/0"
    assert sample(scrape(client), "nps_job_queue_depth", queue="celery") == 0


# --- Who may read /metrics ---------------------------------------------------------------------


def test_metrics_are_hidden_from_addresses_not_allowed(client, settings):
    settings.NPS_METRICS_ALLOWED_NETWORKS = []
    assert client.get("/metrics").status_code == 404


def test_metrics_answer_an_allowed_network(client, settings):
    import ipaddress

    settings.NPS_METRICS_ALLOWED_NETWORKS = [ipaddress.ip_network("10.0.0.0/8")]
    assert client.get("/metrics", REMOTE_ADDR="10.1.2.3").status_code == 200
    assert client.get("/metrics", REMOTE_ADDR="192.168.1.9").status_code == 404


def test_a_forwarded_address_counts_only_through_declared_proxies(client, settings):
    # Behind one proxy on loopback, the client is the forwarded address, not the proxy.
    settings.TRUSTED_PROXY_COUNT = 1
    assert client.get("/metrics", HTTP_X_FORWARDED_FOR="203.0.113.7").status_code == 404


def test_metrics_answer_the_token_from_anywhere(client, settings):
    settings.NPS_METRICS_ALLOWED_NETWORKS = []
    settings.NPS_METRICS_TOKEN = TOKEN
    assert "nps_http_requests" in scrape(client, HTTP_AUTHORIZATION=f"Bearer {TOKEN}")


def test_a_wrong_token_is_refused(client, settings):
    settings.NPS_METRICS_ALLOWED_NETWORKS = []
    settings.NPS_METRICS_TOKEN = TOKEN
    response = client.get("/metrics", HTTP_AUTHORIZATION="Bearer not-the-token")
    assert response.status_code == 403
    assert "nps_" not in response.content.decode()


def test_no_token_configured_means_no_token_is_accepted(client, settings):
    settings.NPS_METRICS_ALLOWED_NETWORKS = []
    settings.NPS_METRICS_TOKEN = ""
    assert client.get("/metrics", HTTP_AUTHORIZATION="Bearer ").status_code == 403


def test_multiprocess_mode_adds_up_every_workers_metrics(tmp_path):
    """Under gunicorn each worker is a process: with PROMETHEUS_MULTIPROC_DIR a scrape of any one
    of them reports all of them."""
    import os
    import subprocess
    import sys
    from pathlib import Path

    project = Path(__file__).resolve().parents[3]
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "nps.settings",
        "DEBUG": "1",
        "PROMETHEUS_MULTIPROC_DIR": str(tmp_path),
    }
    worker = (
        "import django; django.setup(); from nps.core import metrics; "
        "metrics.observe_request('multi-test', 'GET', 200, 0.01)"
    )
    for _ in range(2):
        subprocess.run([sys.executable, "-c", worker], cwd=project, env=env, check=True)
    scraper = (
        "import django; django.setup(); from nps.core import metrics; "
        "print(metrics.exposition().decode())"
    )
    text = subprocess.run(
        [sys.executable, "-c", scraper],
        cwd=project,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    labels = {"view": "multi-test", "method": "GET", "status": "200"}
    assert sample(text, "nps_http_requests_total", **labels) == 2
    assert sample(text, "nps_http_request_duration_seconds_count", **labels) == 2

"""Global HTTP behaviour of the API: errors, CORS, the OpenAPI schema, its viewers."""

import pytest
from django.test import Client
from django.urls import path

pytestmark = pytest.mark.django_db


def test_unknown_api_route_is_json_404(api_client):
    response = api_client.get("/api/no-such-thing")
    assert response.status_code == 404
    assert response.json() == {"detail": "Not Found"}


def test_wrong_method_is_json_405(api_client):
    response = api_client.delete("/api/health")
    assert response.status_code == 405
    assert response.json() == {"detail": "Method Not Allowed"}


def test_api_server_error_is_json_500(settings):
    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "Urls",
        (),
        {"urlpatterns": [path("api/broken", broken)], "handler500": "nps.core.views.server_error"},
    )
    response = Client(raise_request_exception=False).get("/api/broken")
    assert response.status_code == 500
    assert response.json() == {"detail": "Internal Server Error"}


def test_cors_allows_a_configured_origin_with_credentials(api_client):
    response = api_client.get("/api/health", HTTP_ORIGIN="http://localhost:5173")
    assert response["Access-Control-Allow-Origin"] == "http://localhost:5173"
    assert response["Access-Control-Allow-Credentials"] == "true"


def test_cors_ignores_other_origins(api_client):
    response = api_client.get("/api/health", HTTP_ORIGIN="https://evil.example")
    assert "Access-Control-Allow-Origin" not in response


def test_cors_preflight_is_answered(api_client):
    response = api_client.options(
        "/api/oracle/users",
        HTTP_ORIGIN="http://localhost:3000",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="POST",
        HTTP_ACCESS_CONTROL_REQUEST_HEADERS="authorization, content-type",
    )
    assert response.status_code == 200
    assert response["Access-Control-Allow-Origin"] == "http://localhost:3000"
    assert "authorization" in response["Access-Control-Allow-Headers"].lower()


def test_wildcard_cors_origin_is_refused_at_startup(monkeypatch):
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", "import django; django.setup()"],
        env={
            **__import__("os").environ,
            "DJANGO_SETTINGS_MODULE": "nps.settings",
            "DEBUG": "1",
            "CORS_ORIGINS": "*",
        },
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode != 0
    assert "CORS_ORIGINS must list origins explicitly" in result.stderr


def test_openapi_schema_is_served_without_auth(api_client):
    response = api_client.get("/openapi.json")
    assert response.status_code == 200
    schema = response.json()
    assert schema["openapi"].startswith("3.")
    assert schema["info"]["version"] == "4.0.0"
    for route in ("/api/auth/login", "/api/oracle/users", "/api/oracle/users/{user_id}"):
        assert route in schema["paths"]


def test_openapi_schema_generates_without_warnings_and_validates(tmp_path):
    """drf-spectacular's own check: every view, serializer and auth scheme is understood."""
    from django.core.management import call_command

    target = tmp_path / "schema.yml"
    call_command("spectacular", "--fail-on-warn", "--validate", "--file", str(target))
    schema = target.read_text()
    assert "bearerAuth" in schema
    assert "/api/oracle/reading/multi-user" in schema


@pytest.mark.parametrize("page", ["/docs", "/redoc"])
def test_api_viewers_load_offline_assets_only(client, page):
    response = client.get(page)
    assert response.status_code == 200
    content = response.content.decode()
    assert "/static/drf_spectacular_sidecar/" in content
    assert "cdn." not in content
    assert "unpkg" not in content

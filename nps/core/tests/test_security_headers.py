"""Security headers on every answer, pages and API alike."""

import pytest

pytestmark = pytest.mark.django_db


def script_sources(policy: str) -> str:
    return next(part for part in policy.split(";") if part.strip().startswith("script-src"))


@pytest.mark.parametrize("path", ["/login", "/api/health", "/openapi.json", "/docs"])
def test_every_answer_carries_the_security_headers(client, path):
    response = client.get(path)
    policy = response["Content-Security-Policy"]
    assert "'unsafe-inline'" not in script_sources(policy)
    assert "frame-ancestors 'none'" in policy
    assert "default-src 'self'" in policy
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_the_api_reference_loads_nothing_from_other_sites(client):
    for path in ("/docs", "/redoc"):
        html = client.get(path).content.decode()
        assert "https://" not in html and "http://" not in html.replace("http://testserver", "")
        assert "<script>" not in html  # every script is a file


def test_the_csrf_cookie_is_not_readable_by_scripts(client):
    response = client.get("/login")
    cookie = response.cookies["csrftoken"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"

"""A database that does not answer → 503 with Retry-After (pages and API), never a 500.

In-process: the database errors are raised where an outage raises them (a service's query, the
session lookup of a middleware). The real outage — a PostgreSQL cluster restarted under load — is
in test_faults_database.py.
"""

import pytest
from django.db import InterfaceError, OperationalError

from nps.accounts.roles import Role
from nps.core import outage
from oracle.services import profiles

pytestmark = pytest.mark.django_db


def refuse(*args, **kwargs):
    raise OperationalError("connection to server at 127.0.0.1 failed: Connection refused")


@pytest.mark.parametrize("error", [OperationalError, InterfaceError])
def test_an_api_view_whose_database_fails_answers_503_in_v4s_shape(api_as, monkeypatch, error):
    def fail(*args, **kwargs):
        raise error("the connection is closed")

    monkeypatch.setattr(profiles, "list_profiles", fail)
    response = api_as(Role.USER).get("/api/oracle/users")
    assert response.status_code == 503
    assert response.json() == {"detail": outage.API_DETAIL}
    assert response["Retry-After"] == "3"
    assert response["Cache-Control"] == "no-store"


def test_a_page_whose_database_fails_answers_the_503_page(client, user, monkeypatch, settings):
    settings.DATABASE_RETRY_AFTER = 7
    client.force_login(user)
    monkeypatch.setattr(profiles, "list_profiles", refuse)
    response = client.get("/profiles")
    assert response.status_code == 503
    assert response["Retry-After"] == "7"
    assert "Temporarily unavailable" in response.content.decode()


def test_a_middleware_whose_database_fails_answers_503_too(client, user, monkeypatch):
    """The session lookup fails before any view runs (Django turns that into a 500 itself)."""
    from django.contrib.sessions.backends import db

    client.force_login(user)
    client.raise_request_exception = False  # as a real server: Django's handler answers
    monkeypatch.setattr(db.SessionStore, "load", refuse)
    page = client.get("/profiles")
    api = client.get("/api/oracle/users", HTTP_ACCEPT="application/json")
    assert (page.status_code, api.status_code) == (503, 503)
    assert api.json() == {"detail": outage.API_DETAIL}
    assert page["Retry-After"] == api["Retry-After"] == "3"


def test_other_errors_stay_500(api_as, monkeypatch):
    def broken(*args, **kwargs):
        raise RuntimeError("a real bug")

    monkeypatch.setattr(profiles, "list_profiles", broken)
    client = api_as(Role.USER)
    client.raise_request_exception = False
    assert client.get("/api/oracle/users").status_code == 500


def test_the_persian_page_is_translated(client, user, monkeypatch):
    client.force_login(user)
    client.cookies["nps_language"] = "fa"
    monkeypatch.setattr(profiles, "list_profiles", refuse)
    response = client.get("/profiles")
    assert response.status_code == 503
    assert "Temporarily unavailable" not in response.content.decode()
    assert "۵۰۳" in response.content.decode()

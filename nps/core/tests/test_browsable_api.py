"""The browsable API: a logged-in person browses `/api/...` with the session, while
V4's clients keep getting JSON with Bearer tokens."""

import json
import re

import pytest
from django.test import Client

from nps.accounts.roles import Role
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory
from oracle.models import Profile
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

USERS = "/api/oracle/users"
BROWSER_ACCEPT = "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8"
PROFILE = {"name": "Hamzeh", "birthday": "1990-03-21", "mother_name": "Fatemeh"}


def session_client(account) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(account)
    return client


def csrf_token_of(client: Client) -> str:
    """The token a browser holds after opening the browsable page (its cookie)."""
    client.get(USERS, HTTP_ACCEPT=BROWSER_ACCEPT)
    return client.cookies["csrftoken"].value


def post_profile(client: Client, **headers):
    return client.post(USERS, json.dumps(PROFILE), content_type="application/json", **headers)


def test_logged_in_browser_gets_the_browsable_page(user):
    ProfileFactory(owner=user, name="Visible Profile")
    response = session_client(user).get(USERS, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/html")
    content = response.content.decode()
    assert 'id="content"' in content
    assert "rest_framework/js/ajax-form.js" in content
    assert "Visible Profile" in content
    assert f"Signed in as {user.username}" in content
    assert "<title>Profiles · NPS</title>" in content


def test_browsable_page_loads_nothing_from_another_site(user):
    content = session_client(user).get(USERS, HTTP_ACCEPT=BROWSER_ACCEPT).content.decode()
    loaded = re.findall(r'<(?:script|link|img)[^>]+(?:src|href)="([^"]+)"', content)
    assert loaded
    assert all(url.startswith("/static/") for url in loaded)
    assert "://" not in " ".join(re.findall(r'href="([^"]+)"', content))


def test_browsable_page_has_no_inline_script_or_style(user):
    content = session_client(user).get(USERS, HTTP_ACCEPT=BROWSER_ACCEPT).content.decode()
    assert "<style" not in content
    scripts = re.findall(r"<script([^>]*)>", content)
    assert all("src=" in attrs or 'type="application/json"' in attrs for attrs in scripts)


def test_logged_in_client_asking_for_json_gets_v4_json(user):
    ProfileFactory(owner=user)
    response = session_client(user).get(USERS, HTTP_ACCEPT="application/json")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert set(response.json()) == {"users", "total", "limit", "offset"}
    assert response.json()["total"] == 1


def test_session_post_without_csrf_token_is_403(user):
    response = post_profile(session_client(user))
    assert response.status_code == 403
    assert response.json()["detail"].startswith("CSRF Failed")
    assert not Profile.objects.exists()


def test_session_post_with_csrf_token_creates_the_profile(user):
    client = session_client(user)
    response = post_profile(client, HTTP_X_CSRFTOKEN=csrf_token_of(client))
    assert response.status_code == 201
    assert Profile.objects.get().owner == user


def test_readonly_session_may_read_but_not_write():
    client = session_client(UserFactory(role=Role.READONLY))
    assert client.get(USERS).status_code == 200
    response = post_profile(client, HTTP_X_CSRFTOKEN=csrf_token_of(client))
    assert response.status_code == 403
    assert response.json() == {"detail": "Insufficient scope: requires 'oracle:write'"}


def test_readonly_session_is_not_offered_the_post_form():
    client = session_client(UserFactory(role=Role.READONLY))
    content = client.get(USERS, HTTP_ACCEPT=BROWSER_ACCEPT).content.decode()
    assert 'method="POST"' not in content


def test_no_session_and_no_header_is_401_before_the_body_is_read():
    response = Client().post(USERS, "{not json", content_type="application/json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_browser_without_session_is_401(client):
    response = client.get(USERS, HTTP_ACCEPT=BROWSER_ACCEPT)
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Bearer"


def test_disabled_account_loses_its_session_at_once(user):
    client = session_client(user)
    user.is_active = False
    user.save()
    assert client.get(USERS).status_code == 401


def test_bearer_header_wins_over_the_session(user):
    bearer_account = UserFactory()
    ProfileFactory(owner=bearer_account, name="Bearer Profile")
    ProfileFactory(owner=user, name="Session Profile")
    client = session_client(user)
    token = start_session(bearer_account).access_token
    response = client.get(USERS, HTTP_AUTHORIZATION=f"Bearer {token}")
    assert [row["name"] for row in response.json()["users"]] == ["Bearer Profile"]
    # Bearer requests carry no CSRF token, and need none.
    assert post_profile(client, HTTP_AUTHORIZATION=f"Bearer {token}").status_code == 201


def test_bad_bearer_header_is_refused_even_with_a_session(user):
    response = session_client(user).get(USERS, HTTP_AUTHORIZATION="Bearer not-a-token")
    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid credentials"}


def test_bearer_client_asking_for_anything_gets_json(api_as):
    response = api_as(Role.USER).get(USERS, HTTP_ACCEPT="*/*")
    assert response["Content-Type"] == "application/json"
    assert response.json()["users"] == []

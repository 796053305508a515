"""`request.principal` on every page request (nps.accounts.middleware)."""

import pytest
from django.http import JsonResponse
from django.urls import path

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def whoami(request):
    principal = request.principal
    if principal is None:
        return JsonResponse({"principal": None})
    return JsonResponse(
        {
            "account": principal.account.username,
            "auth_type": principal.auth_type,
            "scopes": sorted(principal.scopes),
        }
    )


@pytest.fixture
def whoami_urls(settings):
    settings.ROOT_URLCONF = type("WhoAmIUrls", (), {"urlpatterns": [path("whoami", whoami)]})


def test_logged_in_request_carries_the_session_principal(client, whoami_urls):
    account = UserFactory(username="reader", role=Role.READONLY)
    client.force_login(account)
    assert client.get("/whoami").json() == {
        "account": "reader",
        "auth_type": "session",
        "scopes": ["keys:manage", "oracle:read", "vault:read"],
    }


def test_anonymous_request_has_no_principal(client, whoami_urls):
    assert client.get("/whoami").json() == {"principal": None}


def test_disabled_account_has_no_principal(client, user, whoami_urls):
    client.force_login(user)
    user.is_active = False
    user.save()
    assert client.get("/whoami").json() == {"principal": None}


def test_principal_follows_the_role_of_the_moment(client, user, whoami_urls):
    client.force_login(user)
    assert "oracle:write" in client.get("/whoami").json()["scopes"]
    user.role = Role.READONLY
    user.save()
    assert "oracle:write" not in client.get("/whoami").json()["scopes"]

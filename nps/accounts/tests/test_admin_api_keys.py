import hashlib
from datetime import timedelta

import pytest
from django.utils import timezone
from rest_framework.test import APIClient

from nps.accounts import services
from nps.accounts.models import ApiKey, User
from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog

pytestmark = pytest.mark.django_db

CHANGELIST = "/admin/accounts/apikey/"
ADD = "/admin/accounts/apikey/add/"


def make_key(owner, *, name="script", scopes=(), expires_in_days=None):
    return services.create_api_key(
        principal=principal_for_account(owner, auth_type="session"),
        name=name,
        scopes=list(scopes) or None,
        expires_in_days=expires_in_days,
    )


def api_status_with(raw_key: str) -> int:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    return client.get("/api/oracle/users").status_code


def create_through_admin(client, owner, **fields):
    data = {"owner": str(owner.pk), "name": "Reporting script", "expires_in_days": "30"}
    data.update(fields)
    return client.post(ADD, data)


def test_created_key_is_shown_once_and_only_its_sha256_is_stored(client, admin_user, user):
    client.force_login(admin_user)
    response = create_through_admin(client, user, scopes=["oracle:read", "vault:read"])

    assert response.status_code == 200
    raw_key = response.context["raw_key"]
    assert len(raw_key) == 43
    assert raw_key in response.content.decode()
    assert "no-store" in response["Cache-Control"]
    api_key = ApiKey.objects.get()
    assert api_key.key_hash == hashlib.sha256(raw_key.encode()).hexdigest()
    assert api_key.user == user
    assert api_key.scopes == ["oracle:read", "vault:read"]
    assert timedelta(days=29) < api_key.expires_at - timezone.now() <= timedelta(days=30)
    # Never again: not on the key's page, not in the list.
    for url in (CHANGELIST, f"{CHANGELIST}{api_key.pk}/change/"):
        page = client.get(url)
        assert page.status_code == 200
        assert raw_key not in page.content.decode()


def test_created_key_authenticates_as_its_owner(client, admin_user, user):
    client.force_login(admin_user)
    raw_key = create_through_admin(client, user, scopes=["oracle:read", "keys:manage"]).context[
        "raw_key"
    ]

    api = APIClient()
    api.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")
    response = api.get("/api/auth/api-keys")

    assert response.status_code == 200
    assert [key["name"] for key in response.json()] == ["Reporting script"]


def test_creating_a_key_is_audited_once(client, admin_user, user):
    client.force_login(admin_user)
    create_through_admin(client, user)
    entries = AuditLog.objects.filter(action="api_key.create")
    assert entries.count() == 1
    assert entries.get().details["key_id"] == str(ApiKey.objects.get().pk)
    assert entries.get().actor == admin_user  # who made it, not whose it is


def test_scopes_beyond_the_owners_role_are_refused_with_a_form_error(client, admin_user):
    readonly = UserFactory(role=Role.READONLY)
    client.force_login(admin_user)
    response = create_through_admin(client, readonly, scopes=["oracle:read", "oracle:write"])

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors["scopes"]
    assert "Beyond what" in errors[0]
    assert "oracle:read, vault:read" in errors[0]
    assert not ApiKey.objects.exists()
    assert not AuditLog.objects.filter(action="api_key.create").exists()


def test_unknown_scopes_are_not_offered(client, admin_user, user):
    client.force_login(admin_user)
    response = create_through_admin(client, user, scopes=["scanner:read"])
    assert "scopes" in response.context["adminform"].form.errors
    assert not ApiKey.objects.exists()
    assert 'value="scanner:read"' not in client.get(ADD).content.decode()


def test_inactive_accounts_cannot_be_chosen_as_owner(client, admin_user):
    disabled = UserFactory(is_active=False)
    client.force_login(admin_user)
    response = create_through_admin(client, disabled)
    assert "owner" in response.context["adminform"].form.errors
    assert not ApiKey.objects.exists()


def test_revoke_action_deactivates_the_key_and_it_stops_authenticating(client, admin_user, user):
    api_key, raw_key = make_key(user)
    assert api_status_with(raw_key) == 200
    client.force_login(admin_user)

    response = client.post(
        CHANGELIST, {"action": "revoke", "_selected_action": [str(api_key.pk)]}, follow=True
    )

    assert response.status_code == 200
    api_key.refresh_from_db()
    assert api_key.is_active is False
    assert api_status_with(raw_key) == 403
    revoke = AuditLog.objects.get(action="api_key.revoke")
    assert revoke.actor == admin_user
    assert revoke.details == {"key_id": str(api_key.pk)}


def test_revoking_an_already_revoked_key_is_not_audited_again(client, admin_user, user):
    api_key, _raw = make_key(user)
    client.force_login(admin_user)
    for _attempt in range(2):
        client.post(CHANGELIST, {"action": "revoke", "_selected_action": [str(api_key.pk)]})
    assert AuditLog.objects.filter(action="api_key.revoke").count() == 1


def test_keys_cannot_be_hard_deleted(client, admin_user, user):
    api_key, _raw = make_key(user)
    client.force_login(admin_user)

    changelist = client.get(CHANGELIST).content.decode()
    assert 'value="delete_selected"' not in changelist
    assert 'value="revoke"' in changelist
    assert client.post(f"{CHANGELIST}{api_key.pk}/delete/", {"post": "yes"}).status_code == 403
    client.post(CHANGELIST, {"action": "delete_selected", "_selected_action": [str(api_key.pk)]})
    assert ApiKey.objects.filter(pk=api_key.pk).exists()


def test_key_hash_is_read_only(client, admin_user, user):
    api_key, _raw = make_key(user, name="old name")
    client.force_login(admin_user)
    url = f"{CHANGELIST}{api_key.pk}/change/"

    page = client.get(url).content.decode()
    assert api_key.key_hash in page
    assert 'name="key_hash"' not in page
    response = client.post(url, {"name": "new name", "key_hash": "0" * 64, "is_active": ""})

    assert response.status_code == 302
    api_key.refresh_from_db()
    assert api_key.name == "new name"
    assert api_key.key_hash != "0" * 64
    assert api_key.is_active is True  # only the revoke action deactivates
    update = AuditLog.objects.get(action="api_key.update")
    assert update.details["updated_fields"] == ["name"]
    assert update.actor == admin_user


def test_changelist_filters_expired_keys_and_searches_owner_usernames(client, admin_user, user):
    make_key(user, name="fresh-key")
    stale, _raw = make_key(admin_user, name="stale-key", expires_in_days=1)
    ApiKey.objects.filter(pk=stale.pk).update(expires_at=timezone.now() - timedelta(days=1))
    client.force_login(admin_user)

    expired = client.get(CHANGELIST, {"expired": "yes"}).content.decode()
    assert "stale-key" in expired
    assert "fresh-key" not in expired
    unexpired = client.get(CHANGELIST, {"expired": "no"}).content.decode()
    assert "fresh-key" in unexpired
    assert "stale-key" not in unexpired
    found = client.get(CHANGELIST, {"q": user.username}).content.decode()
    assert "fresh-key" in found
    assert "stale-key" not in found


def test_changelist_filters_active_keys(client, admin_user, user):
    make_key(user, name="kept-key")
    gone, _raw = make_key(user, name="gone-key")
    ApiKey.objects.filter(pk=gone.pk).update(is_active=False)
    client.force_login(admin_user)
    content = client.get(CHANGELIST, {"is_active__exact": "1"}).content.decode()
    assert "kept-key" in content
    assert "gone-key" not in content


def test_changelist_does_not_query_once_per_key(client, admin_user, django_assert_max_num_queries):
    for _index in range(12):
        make_key(UserFactory())
    client.force_login(admin_user)
    with django_assert_max_num_queries(10):
        assert client.get(CHANGELIST).status_code == 200


@pytest.mark.parametrize("url", [CHANGELIST, ADD, "{change}"])
def test_moderators_cannot_open_the_api_key_admin(client, user, url):
    api_key, _raw = make_key(user)
    client.force_login(UserFactory(role=Role.MODERATOR))
    url = url.format(change=f"{CHANGELIST}{api_key.pk}/change/")
    assert client.get(url).status_code == 403


def test_moderators_cannot_create_keys(client, user):
    client.force_login(UserFactory(role=Role.MODERATOR))
    assert create_through_admin(client, user).status_code == 403
    assert not ApiKey.objects.exists()


def test_deleting_an_account_still_removes_its_keys(client, admin_user, user):
    make_key(user)
    client.force_login(admin_user)
    response = client.post(f"/admin/accounts/user/{user.pk}/delete/", {"post": "yes"})
    assert response.status_code == 302
    assert not User.objects.filter(pk=user.pk).exists()
    assert not ApiKey.objects.exists()

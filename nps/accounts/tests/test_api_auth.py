"""`/api/auth/...` and how every API request is authenticated (tokens, keys, legacy secret)."""

import hashlib

import jwt
import pytest
from django.conf import settings
from rest_framework.test import APIClient
from rest_framework_simplejwt.tokens import AccessToken

from nps.accounts.models import ApiKey
from nps.accounts.roles import Role
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog

pytestmark = pytest.mark.django_db

KEYS = "/api/auth/api-keys"
PROFILES = "/api/oracle/users"


def login(client, username, password):
    return client.post(
        "/api/auth/login", {"username": username, "password": password}, format="json"
    )


def bearer(token: str) -> APIClient:
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {token}")
    return client


def test_login_returns_v4_token_shape_plus_refresh(api_client, user, password):
    response = login(api_client, user.username, password)
    assert response.status_code == 200
    body = response.json()
    assert body["token_type"] == "bearer"
    assert body["expires_in"] == 1440 * 60
    assert body["access_token"].count(".") == 2
    assert body["refresh_token"].count(".") == 2


def test_login_sets_last_login_and_is_audited(api_client, user, password):
    login(api_client, user.username, password)
    user.refresh_from_db()
    assert user.last_login is not None
    assert AuditLog.objects.filter(action="auth.login", actor=user).count() == 1


def test_login_with_wrong_password_is_401_and_audited(api_client, user):
    response = login(api_client, user.username, "wrong")
    assert response.status_code == 401
    assert response.json() == {"detail": "Invalid username or password"}
    entry = AuditLog.objects.get(action="auth.failed")
    assert entry.success is False
    assert entry.details == {"reason": "invalid_credentials"}


def test_login_of_unknown_account_is_401(api_client):
    assert login(api_client, "nobody", "whatever").status_code == 401


def test_login_of_disabled_account_with_right_password_is_a_plain_401(api_client, user, password):
    user.is_active = False
    user.save()
    response = login(api_client, user.username, password)
    assert response.status_code == 401  # as a wrong password: the password is not confirmed
    assert response.json() == {"detail": "Invalid username or password"}
    entry = AuditLog.objects.get(action="auth.failed")
    assert entry.details == {"reason": "account_disabled"}


def test_login_locks_out_after_repeated_failures(api_client, user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        login(api_client, user.username, "wrong")
    response = login(api_client, user.username, password)
    assert response.status_code == 429
    assert "Too many failed login attempts" in response.json()["detail"]
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"password": "x"}, "username"),
        ({"username": "x"}, "password"),
        ({"username": 5, "password": "x"}, "username"),
    ],
)
def test_login_validation_names_the_field(api_client, body, field):
    response = api_client.post("/api/auth/login", body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]


def test_login_with_malformed_json_is_422(api_client):
    response = api_client.post("/api/auth/login", "{not json", content_type="application/json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["type"] == "json_invalid"


def test_access_token_works_on_a_protected_endpoint(api_client, user, password):
    token = login(api_client, user.username, password).json()["access_token"]
    assert bearer(token).get(KEYS).status_code == 200


def test_refresh_rotates_and_the_old_refresh_token_stops_working(api_client, user, password):
    refresh = login(api_client, user.username, password).json()["refresh_token"]
    first = api_client.post("/api/auth/refresh", {"refresh_token": refresh}, format="json")
    assert first.status_code == 200
    assert first.json()["refresh_token"] != refresh
    again = api_client.post("/api/auth/refresh", {"refresh_token": refresh}, format="json")
    assert again.status_code == 401


def test_refresh_for_a_disabled_account_is_refused(api_client, user, password):
    refresh = login(api_client, user.username, password).json()["refresh_token"]
    user.is_active = False
    user.save()
    response = api_client.post("/api/auth/refresh", {"refresh_token": refresh}, format="json")
    assert response.status_code == 401


def test_logout_blacklists_the_refresh_token(api_client, user, password):
    refresh = login(api_client, user.username, password).json()["refresh_token"]
    assert (
        api_client.post("/api/auth/logout", {"refresh_token": refresh}, format="json").status_code
        == 200
    )
    response = api_client.post("/api/auth/refresh", {"refresh_token": refresh}, format="json")
    assert response.status_code == 401


def test_missing_authorization_is_401_with_bearer_challenge(api_client):
    response = api_client.get(KEYS)
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


def test_non_bearer_scheme_is_401(api_client):
    api_client.credentials(HTTP_AUTHORIZATION="Basic dXNlcjpwYXNz")
    assert api_client.get(KEYS).status_code == 401


def test_bearer_scheme_is_case_insensitive(api_as, user):
    client = api_as(account=user)
    token = client._credentials["HTTP_AUTHORIZATION"].split()[1]
    client.credentials(HTTP_AUTHORIZATION=f"bEaReR {token}")
    assert client.get(KEYS).status_code == 200


@pytest.mark.parametrize("token", ["garbage", "a.b.c", "eyJhbGciOiJIUzI1NiJ9.e30.sig", "x" * 43])
def test_invalid_token_is_403(token):
    response = bearer(token).get(KEYS)
    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid credentials"}


def test_jwt_signed_with_the_legacy_secret_is_rejected(settings, user):
    """JWTs are signed with JWT_SECRET_KEY; knowing API_SECRET_KEY must not let anyone forge one."""
    settings.API_SECRET_KEY = "legacy-secret-0123456789-abcdefghijklmnop"
    genuine = AccessToken(start_session(user).access_token)
    forged = jwt.encode(dict(genuine.payload), settings.API_SECRET_KEY, algorithm="HS256")
    assert bearer(str(genuine)).get(KEYS).status_code == 200
    assert bearer(forged).get(KEYS).status_code == 403


def test_disabled_account_loses_access_at_once(api_as, user):
    client = api_as(account=user)
    assert client.get(KEYS).status_code == 200
    user.is_active = False
    user.save()
    assert client.get(KEYS).status_code == 403


def test_legacy_secret_acts_as_admin(legacy_api):
    response = legacy_api.get("/api/oracle/users")
    assert response.status_code == 200


def test_legacy_secret_is_disabled_when_unset(settings):
    settings.API_SECRET_KEY = ""
    assert bearer("").get(KEYS).status_code in (401, 403)
    assert bearer("anything").get(KEYS).status_code == 403


def test_repeated_bad_credentials_are_throttled_per_address(settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "auth_failures": "3/minute"}
    client = bearer("not-a-real-key")
    client.defaults["REMOTE_ADDR"] = "203.0.113.77"
    statuses = [client.get(KEYS).status_code for _ in range(5)]
    assert statuses[:3] == [403, 403, 403]
    assert statuses[3:] == [429, 429]


# --- API keys -----------------------------------------------------------------------------------


def create_key(client, **body):
    return client.post(KEYS, {"name": "script", **body}, format="json")


def test_api_key_is_shown_once_and_stored_as_sha256(api_as):
    client = api_as(Role.USER)
    response = create_key(client, scopes=["oracle:read"])
    assert response.status_code == 200
    raw = response.json()["key"]
    assert len(raw) == 43
    stored = ApiKey.objects.get(pk=response.json()["id"])
    assert stored.key_hash == hashlib.sha256(raw.encode()).hexdigest()
    listed = client.get(KEYS).json()
    assert [item["key"] for item in listed] == [None]


def test_api_key_authenticates_with_its_scopes(api_as):
    owner = api_as(Role.USER)
    raw = create_key(owner, scopes=["oracle:read"]).json()["key"]
    key_client = bearer(raw)
    assert key_client.get("/api/oracle/users").status_code == 200
    response = key_client.post("/api/oracle/users", {}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Insufficient scope: requires 'oracle:write'"}


def test_api_key_cannot_exceed_its_creators_scopes(api_as):
    client = api_as(Role.READONLY)
    response = create_key(client, scopes=["oracle:admin"])
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "scopes"]
    assert "oracle:admin" in response.json()["detail"][0]["msg"]
    assert ApiKey.objects.count() == 0


def test_unknown_scope_is_refused(api_as):
    response = create_key(api_as(Role.ADMIN), scopes=["scanner:admin"])
    assert response.status_code == 422
    assert "scanner:admin" in response.json()["detail"][0]["msg"]


def test_api_key_without_scopes_uses_the_owners_role(api_as):
    owner = api_as(Role.USER)
    raw = create_key(owner).json()["key"]
    assert bearer(raw).post("/api/oracle/users", {}, format="json").status_code == 422


def test_api_key_of_a_disabled_owner_stops_working(api_as):
    owner = api_as(Role.USER)
    raw = create_key(owner).json()["key"]
    owner.account.is_active = False
    owner.account.save()
    assert bearer(raw).get(KEYS).status_code == 403


def test_api_key_shrinks_with_a_demoted_owner(api_as):
    owner = api_as(Role.USER)
    raw = create_key(owner, scopes=["oracle:write"]).json()["key"]
    owner.account.role = Role.READONLY
    owner.account.save()
    assert bearer(raw).post("/api/oracle/users", {}, format="json").status_code == 403


def test_expired_api_key_is_rejected(api_as):
    from datetime import timedelta

    from django.utils import timezone

    owner = api_as(Role.USER)
    response = create_key(owner, expires_in_days=1)
    assert response.json()["expires_at"] is not None
    ApiKey.objects.filter(pk=response.json()["id"]).update(
        expires_at=timezone.now() - timedelta(seconds=1)
    )
    assert bearer(response.json()["key"]).get(KEYS).status_code == 403


@pytest.mark.parametrize("days", [0, -3, "7", True])
def test_expiry_must_be_a_positive_whole_number_of_days(api_as, days):
    response = create_key(api_as(Role.USER), expires_in_days=days)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "expires_in_days"]


def test_api_key_name_is_required_and_at_most_100_characters(api_as):
    client = api_as(Role.USER)
    assert client.post(KEYS, {}, format="json").status_code == 422
    assert create_key(client, name="x" * 101).status_code == 422


def test_revoked_key_stops_working_on_the_next_request(api_as):
    owner = api_as(Role.USER)
    created = create_key(owner).json()
    key_client = bearer(created["key"])
    assert key_client.get(PROFILES).status_code == 200
    response = owner.delete(f"{KEYS}/{created['id']}")
    assert response.status_code == 200
    assert response.json() == {"detail": "API key revoked"}
    assert key_client.get(PROFILES).status_code == 403
    assert owner.get(KEYS).json() == []


def test_admin_may_revoke_any_key(api_as):
    created = create_key(api_as(Role.USER)).json()
    assert api_as(Role.ADMIN).delete(f"{KEYS}/{created['id']}").status_code == 200
    assert ApiKey.objects.get(pk=created["id"]).is_active is False


def test_revoking_an_unknown_key_is_404(api_as):
    response = api_as(Role.USER).delete(f"{KEYS}/00000000-0000-0000-0000-000000000000")
    assert response.status_code == 404
    assert response.json() == {"detail": "API key not found"}


def test_key_list_shows_only_the_callers_active_keys(api_as):
    mine = api_as(Role.USER)
    create_key(mine, name="one")
    create_key(api_as(Role.USER), name="theirs")
    revoked = create_key(mine, name="old").json()
    mine.delete(f"{KEYS}/{revoked['id']}")
    assert [item["name"] for item in mine.get(KEYS).json()] == ["one"]


def test_key_creation_and_revocation_are_audited_without_the_key(api_as):
    owner = api_as(Role.USER)
    created = create_key(owner).json()
    owner.delete(f"{KEYS}/{created['id']}")
    actions = list(AuditLog.objects.filter(actor=owner.account).values_list("action", flat=True))
    assert sorted(actions) == ["api_key.create", "api_key.revoke"]
    for entry in AuditLog.objects.all():
        assert created["key"] not in str(entry.details)


def test_moderator_role_has_oracle_admin_scope(api_as):
    response = create_key(api_as(Role.MODERATOR), scopes=["oracle:admin"])
    assert response.status_code == 200


def test_readonly_account_cannot_write(api_as):
    response = api_as(Role.READONLY).post("/api/oracle/users", {}, format="json")
    assert response.status_code == 403


def test_unauthenticated_request_is_refused_before_the_body_is_read(api_client):
    response = api_client.post("/api/oracle/users", "{broken", content_type="application/json")
    assert response.status_code == 401


def test_other_accounts_cannot_see_each_others_keys(api_as):
    UserFactory()
    assert api_as(Role.ADMIN).get(KEYS).json() == []

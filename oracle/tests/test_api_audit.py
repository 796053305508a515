"""`GET /api/oracle/audit` and the audit rows readings write."""

import uuid

import pytest
from rest_framework.test import APIClient

from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

AUDIT = "/api/oracle/audit"
ENTRY_KEYS = {
    "id",
    "timestamp",
    "user_id",
    "action",
    "resource_type",
    "resource_id",
    "success",
    "ip_address",
    "api_key_hash",
    "details",
    "actor_id",
}


@pytest.fixture
def admin(api_as):
    return api_as(Role.ADMIN)


def entry(action: str, resource_type: str | None = None, resource_id: int | None = None, **kw):
    return AuditLog.objects.create(
        action=action, resource_type=resource_type, resource_id=resource_id, **kw
    )


def actions(response) -> list[str]:
    return [item["action"] for item in response.json()["entries"]]


def test_entries_are_newest_first_with_v4_fields_and_the_actor(admin):
    profile = ProfileFactory()
    entry("oracle_user.create", "oracle_user", profile.pk, profile=profile, actor=admin.account)
    entry(
        "oracle_reading.create",
        "oracle_reading",
        9,
        details={"sign_type": "question"},
        ip_address="10.0.0.1",
    )
    response = admin.get(AUDIT)
    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["limit"], body["offset"]) == (2, 50, 0)
    newest, oldest = body["entries"]
    assert set(newest) == ENTRY_KEYS
    assert newest["details"] == {"sign_type": "question"}  # an object, not V4's JSON string
    assert (newest["resource_id"], newest["ip_address"], newest["actor_id"]) == (
        9,
        "10.0.0.1",
        None,
    )
    assert oldest["user_id"] == profile.pk
    assert uuid.UUID(oldest["actor_id"]) == admin.account.pk
    assert oldest["success"] is True


def test_action_filter(admin):
    entry("oracle_user.list", "oracle_user")
    entry("oracle_reading.list", "oracle_reading")
    assert actions(admin.get(AUDIT, {"action": "oracle_reading.list"})) == ["oracle_reading.list"]


def test_resource_type_filter(admin):
    entry("oracle_user.read", "oracle_user", 1)
    entry("oracle_reading.read", "oracle_reading", 1)
    response = admin.get(AUDIT, {"resource_type": "oracle_reading"})
    assert actions(response) == ["oracle_reading.read"]


def test_resource_id_alone_means_a_profile_as_in_v4(admin):
    entry("oracle_user.read", "oracle_user", 5)
    entry("oracle_reading.read", "oracle_reading", 5)
    entry("oracle_user.read", "oracle_user", 6)
    assert actions(admin.get(AUDIT, {"resource_id": 5})) == ["oracle_user.read"]


def test_resource_id_with_a_type_finds_a_reading(admin):
    entry("oracle_user.read", "oracle_user", 5)
    entry("oracle_reading.read", "oracle_reading", 5)
    response = admin.get(AUDIT, {"resource_id": 5, "resource_type": "oracle_reading"})
    assert actions(response) == ["oracle_reading.read"]


def test_resource_id_zero_is_no_filter_as_in_v4(admin):
    entry("oracle_user.read", "oracle_user", 5)
    entry("oracle_reading.list", "oracle_reading")
    assert admin.get(AUDIT, {"resource_id": 0}).json()["total"] == 2


def test_paging(admin):
    for number in range(5):
        entry(f"action.{number}")
    body = admin.get(AUDIT, {"limit": 2, "offset": 1}).json()
    assert [item["action"] for item in body["entries"]] == ["action.3", "action.2"]
    assert (body["total"], body["limit"], body["offset"]) == (5, 2, 1)


def test_limit_may_reach_200(admin):
    assert admin.get(AUDIT, {"limit": 200}).status_code == 200


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 201}, "limit"),
        ({"limit": "many"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**30}, "offset"),
        ({"resource_id": "x"}, "resource_id"),
        ({"resource_id": 2**63}, "resource_id"),
        ({"resource_id": -3}, "resource_id"),
        ({"action": "a" * 101}, "action"),
    ],
)
def test_bad_audit_query_is_422_naming_the_parameter(admin, query, field):
    response = admin.get(AUDIT, query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_the_audit_query_itself_is_not_audited(admin):
    admin.get(AUDIT)
    assert AuditLog.objects.count() == 0


@pytest.mark.parametrize("role", [Role.ADMIN, Role.MODERATOR])
def test_admins_and_moderators_may_query(api_as, role):
    assert api_as(role).get(AUDIT).status_code == 200


def test_legacy_secret_may_query(legacy_api):
    assert legacy_api.get(AUDIT).status_code == 200


@pytest.mark.parametrize("role", [Role.USER, Role.READONLY])
def test_users_may_not_query(api_as, role):
    response = api_as(role).get(AUDIT)
    assert response.status_code == 403
    assert response.json() == {"detail": "Insufficient scope: requires 'oracle:admin'"}


def test_audit_needs_credentials(api_client):
    assert api_client.get(AUDIT).status_code == 401
    api_client.credentials(HTTP_AUTHORIZATION="Bearer nope")
    assert api_client.get(AUDIT).status_code == 403


def test_readings_made_with_an_api_key_are_audited_with_its_hash(api_as, admin):
    owner = api_as(Role.USER)
    created = owner.post("/api/auth/api-keys", {"name": "k"}, format="json").json()
    key_client = APIClient()
    key_client.credentials(HTTP_AUTHORIZATION=f"Bearer {created['key']}")
    reading_id = key_client.post("/api/oracle/reading", {}, format="json").json()["reading_id"]
    response = admin.get(
        AUDIT,
        {
            "action": "oracle_reading.create",
            "resource_type": "oracle_reading",
            "resource_id": reading_id,
        },
    )
    (item,) = response.json()["entries"]
    assert len(item["api_key_hash"]) == 64
    assert created["key"] not in item["api_key_hash"]
    assert item["actor_id"] == str(owner.account.pk)
    assert item["details"] == {"sign_type": "reading"}

"""`/api/oracle/users`: profiles with ownership, soft delete and encryption."""

import datetime

import pytest
from django.db import connection
from django.utils import timezone

from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.models import Profile
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

USERS = "/api/oracle/users"

HAMZEH = {
    "name": "Hamzeh",
    "name_persian": "حمزه",
    "birthday": "1990-03-21",
    "mother_name": "Fatemeh",
    "mother_name_persian": "فاطمه",
    "country": "Iran",
    "city": "Tehran",
}


def raw_column(table: str, column: str, row_id) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [row_id])  # noqa: S608
        return bytes(cursor.fetchone()[0])


def test_create_returns_201_with_v4_fields(api_as):
    response = api_as(Role.USER).post(USERS, HAMZEH, format="json")
    assert response.status_code == 201
    body = response.json()
    for field in ("name", "name_persian", "birthday", "mother_name", "mother_name_persian"):
        assert body[field] == HAMZEH[field]
    assert set(body) >= {"id", "country", "city", "created_at", "updated_at"}
    assert "deleted_at" not in body
    assert body["timezone"] == "UTC"
    assert body["numerology_system"] == "auto"


def test_mother_names_are_encrypted_at_rest(api_as):
    profile_id = api_as(Role.USER).post(USERS, HAMZEH, format="json").json()["id"]
    for column, clear in (("mother_name", "Fatemeh"), ("mother_name_persian", "فاطمه")):
        stored = raw_column("oracle_users", column, profile_id)
        assert clear.encode() not in stored
        assert stored  # something is stored
    assert Profile.objects.get(pk=profile_id).mother_name == "Fatemeh"


def test_create_with_location_and_preferences(api_as):
    body = {
        **HAMZEH,
        "latitude": 35.6892,
        "longitude": 51.389,
        "timezone": "Asia/Tehran",
        "gender": "male",
        "numerology_system": "abjad",
    }
    response = api_as(Role.USER).post(USERS, body, format="json")
    assert response.status_code == 201
    created = response.json()
    assert (created["latitude"], created["longitude"]) == (35.6892, 51.389)
    assert Profile.objects.get(pk=created["id"]).coordinates == (51.389, 35.6892)
    assert created["timezone"] == "Asia/Tehran"


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"name": "A"}, "name"),
        ({"name": "  "}, "name"),
        ({"name": "12345"}, "name"),
        ({"name": "x" * 201}, "name"),
        ({"name": 42}, "name"),
        ({"name": None}, "name"),
        ({"birthday": "2026-02-30"}, "birthday"),
        ({"birthday": "yesterday"}, "birthday"),
        ({"mother_name": ""}, "mother_name"),
        ({"country": "x" * 101}, "country"),
        ({"timezone": "Mars/Olympus"}, "timezone"),
        ({"gender": "other"}, "gender"),
        ({"numerology_system": "kabbalah"}, "numerology_system"),
        ({"latitude": 91, "longitude": 0}, "latitude"),
        ({"latitude": 10}, "latitude"),
    ],
)
def test_invalid_profile_is_422_naming_the_field(api_as, change, field):
    response = api_as(Role.USER).post(USERS, {**HAMZEH, **change}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert Profile.objects.count() == 0


def test_future_birthday_is_rejected_with_v4_message(api_as):
    tomorrow = (timezone.localdate() + datetime.timedelta(days=1)).isoformat()
    response = api_as(Role.USER).post(USERS, {**HAMZEH, "birthday": tomorrow}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["msg"] == "Birthday cannot be in the future"


@pytest.mark.parametrize("missing", ["name", "birthday", "mother_name"])
def test_required_fields(api_as, missing):
    body = {key: value for key, value in HAMZEH.items() if key != missing}
    response = api_as(Role.USER).post(USERS, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", missing]


def test_body_that_is_not_an_object_is_422(api_as):
    response = api_as(Role.USER).post(USERS, ["Hamzeh"], format="json")
    assert response.status_code == 422


def test_unknown_fields_are_ignored(api_as):
    response = api_as(Role.USER).post(USERS, {**HAMZEH, "favourite_colour": "red"}, format="json")
    assert response.status_code == 201


def test_huge_body_is_refused_without_a_500(api_as):
    response = api_as(Role.USER).post(
        USERS, {**HAMZEH, "city": "x" * (2 * 1024 * 1024)}, format="json"
    )
    assert response.status_code == 413


def test_duplicate_live_profile_is_409(api_as):
    client = api_as(Role.USER)
    client.post(USERS, HAMZEH, format="json")
    response = client.post(USERS, HAMZEH, format="json")
    assert response.status_code == 409
    assert response.json() == {"detail": "User with this name and birthday already exists"}


def test_other_accounts_may_have_a_profile_with_the_same_name_and_birthday(api_as):
    assert api_as(Role.USER).post(USERS, HAMZEH, format="json").status_code == 201
    assert api_as(Role.USER).post(USERS, HAMZEH, format="json").status_code == 201


def test_profile_can_be_created_again_after_deletion(api_as):
    client = api_as(Role.USER)
    first = client.post(USERS, HAMZEH, format="json").json()["id"]
    assert client.delete(f"{USERS}/{first}").status_code == 200
    again = client.post(USERS, HAMZEH, format="json")
    assert again.status_code == 201
    assert again.json()["id"] != first


def test_list_is_newest_first_with_v4_paging(api_as):
    client = api_as(Role.USER)
    for name in ("Alpha", "Bravo", "Charlie"):
        client.post(USERS, {**HAMZEH, "name": name}, format="json")
    body = client.get(USERS, {"limit": 2, "offset": 1}).json()
    assert body["total"] == 3
    assert (body["limit"], body["offset"]) == (2, 1)
    assert [user["name"] for user in body["users"]] == ["Bravo", "Alpha"]


@pytest.mark.parametrize(
    "query", [{"limit": 0}, {"limit": 101}, {"offset": -1}, {"limit": "x"}, {"offset": 10**30}]
)
def test_bad_paging_is_422_naming_the_parameter(api_as, query):
    response = api_as(Role.USER).get(USERS, query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", next(iter(query))]


def test_search_matches_name_or_persian_name_case_insensitively(api_as):
    client = api_as(Role.USER)
    client.post(USERS, HAMZEH, format="json")
    client.post(USERS, {**HAMZEH, "name": "Sara", "name_persian": "سارا"}, format="json")
    assert [u["name"] for u in client.get(USERS, {"search": "hamZ"}).json()["users"]] == ["Hamzeh"]
    assert [u["name"] for u in client.get(USERS, {"search": "سار"}).json()["users"]] == ["Sara"]
    assert client.get(USERS, {"search": "%"}).json()["total"] == 0


def test_deleted_profile_is_not_listed(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    client.delete(f"{USERS}/{profile_id}")
    assert client.get(USERS).json()["total"] == 0
    assert client.get(f"{USERS}/{profile_id}").status_code == 404


def test_user_sees_only_their_own_profiles(api_as):
    mine, theirs = api_as(Role.USER), api_as(Role.USER)
    mine.post(USERS, HAMZEH, format="json")
    other_id = theirs.post(USERS, {**HAMZEH, "name": "Sara"}, format="json").json()["id"]
    assert [u["name"] for u in mine.get(USERS).json()["users"]] == ["Hamzeh"]
    assert mine.get(f"{USERS}/{other_id}").status_code == 404
    assert mine.put(f"{USERS}/{other_id}", {"city": "Qom"}, format="json").status_code == 404
    assert mine.delete(f"{USERS}/{other_id}").status_code == 404
    assert Profile.objects.get(pk=other_id).city == "Tehran"


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_see_every_profile(api_as, role):
    api_as(Role.USER).post(USERS, HAMZEH, format="json")
    api_as(Role.USER).post(USERS, {**HAMZEH, "name": "Sara"}, format="json")
    assert api_as(role).get(USERS).json()["total"] == 2


def test_legacy_secret_sees_every_profile(legacy_api, api_as):
    api_as(Role.USER).post(USERS, HAMZEH, format="json")
    assert legacy_api.get(USERS).json()["total"] == 1


def test_readonly_can_read_but_not_write(api_as):
    reader = api_as(Role.READONLY)
    profile = ProfileFactory(owner=reader.account)
    assert reader.get(f"{USERS}/{profile.pk}").status_code == 200
    response = reader.put(f"{USERS}/{profile.pk}", {"city": "Qom"}, format="json")
    assert response.status_code == 403
    assert response.json() == {"detail": "Insufficient scope: requires 'oracle:write'"}
    assert reader.delete(f"{USERS}/{profile.pk}").status_code == 403


def test_get_returns_the_profile_decrypted(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    body = client.get(f"{USERS}/{profile_id}").json()
    assert body["mother_name_persian"] == "فاطمه"


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "-1"])
def test_non_integer_id_is_422(api_as, bad_id):
    response = api_as(Role.USER).get(f"{USERS}/{bad_id}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "user_id"]


def test_update_applies_only_the_fields_sent(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    response = client.put(f"{USERS}/{profile_id}", {"city": "Shiraz"}, format="json")
    assert response.status_code == 200
    assert response.json()["city"] == "Shiraz"
    assert response.json()["name"] == "Hamzeh"
    entry = AuditLog.objects.get(action="oracle_user.update")
    assert entry.details == {"updated_fields": ["city"]}
    assert entry.profile_id == profile_id


def test_update_with_empty_body_is_400(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    response = client.put(f"{USERS}/{profile_id}", {}, format="json")
    assert response.status_code == 400
    assert response.json() == {"detail": "No fields to update"}


@pytest.mark.parametrize("field", ["name", "birthday", "mother_name"])
def test_update_with_explicit_null_for_a_required_field_is_422(api_as, field):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    response = client.put(f"{USERS}/{profile_id}", {field: None}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert client.get(f"{USERS}/{profile_id}").json()[field] is not None


def test_update_into_a_duplicate_is_409(api_as):
    client = api_as(Role.USER)
    client.post(USERS, HAMZEH, format="json")
    other = client.post(USERS, {**HAMZEH, "name": "Sara"}, format="json").json()["id"]
    response = client.put(f"{USERS}/{other}", {"name": "Hamzeh"}, format="json")
    assert response.status_code == 409
    assert client.get(f"{USERS}/{other}").json()["name"] == "Sara"


def test_update_of_mother_name_stays_encrypted(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    client.put(f"{USERS}/{profile_id}", {"mother_name": "Maryam"}, format="json")
    assert b"Maryam" not in raw_column("oracle_users", "mother_name", profile_id)
    assert client.get(f"{USERS}/{profile_id}").json()["mother_name"] == "Maryam"


def test_delete_is_soft_returns_the_profile_and_a_second_delete_is_404(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    response = client.delete(f"{USERS}/{profile_id}")
    assert response.status_code == 200
    assert response.json()["name"] == "Hamzeh"
    assert Profile.all_objects.get(pk=profile_id).deleted_at is not None
    assert client.delete(f"{USERS}/{profile_id}").status_code == 404


def test_every_profile_change_and_read_is_audited(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]
    client.get(USERS)
    client.get(f"{USERS}/{profile_id}")
    client.put(f"{USERS}/{profile_id}", {"city": "Qom"}, format="json")
    client.delete(f"{USERS}/{profile_id}")
    actions = list(
        AuditLog.objects.filter(actor=client.account)
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "oracle_user.create",
        "oracle_user.list",
        "oracle_user.read",
        "oracle_user.update",
        "oracle_user.delete",
    ]
    for entry in AuditLog.objects.all():
        assert "Fatemeh" not in str(entry.details)
        assert entry.ip_address == "127.0.0.1"


def test_api_key_requests_are_audited_with_the_key_hash(api_as):
    from rest_framework.test import APIClient

    owner = api_as(Role.USER)
    created = owner.post("/api/auth/api-keys", {"name": "k"}, format="json").json()
    key_client = APIClient()
    key_client.credentials(HTTP_AUTHORIZATION=f"Bearer {created['key']}")
    key_client.post(USERS, HAMZEH, format="json")
    entry = AuditLog.objects.get(action="oracle_user.create")
    assert entry.api_key_hash is not None
    assert len(entry.api_key_hash) == 64
    assert created["key"] not in entry.api_key_hash


@pytest.mark.parametrize("field", ["name_persian", "mother_name_persian"])
@pytest.mark.parametrize("sent", ["<script>alert(1)</script>", "Hamzeh", "حمزه!"])
def test_persian_name_that_is_not_persian_script_is_422_naming_the_field(api_as, field, sent):
    response = api_as(Role.USER).post(USERS, {**HAMZEH, field: sent}, format="json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", field]
    assert "Persian letters" in response.json()["detail"][0]["msg"]
    assert Profile.objects.count() == 0


def test_persian_name_update_with_latin_letters_is_422(api_as):
    client = api_as(Role.USER)
    profile_id = client.post(USERS, HAMZEH, format="json").json()["id"]

    response = client.put(f"{USERS}/{profile_id}", {"name_persian": "<i>x</i>"}, format="json")

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "name_persian"]
    assert Profile.objects.get(pk=profile_id).name_persian == "حمزه"

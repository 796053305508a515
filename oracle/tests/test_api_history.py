"""Reading history (and the later V4's filters, favourites and soft delete)."""

import datetime
import json

import pytest

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.models import Reading
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def no_ai(settings):
    """No test here may reach the real AI provider, whatever the environment says."""
    settings.ANTHROPIC_API_KEY = ""


READINGS = "/api/oracle/readings"
GROUP = [
    {"name": "Hamzeh", "birth_year": 1990, "birth_month": 3, "birth_day": 21},
    {"name": "Sara", "birth_year": 1995, "birth_month": 7, "birth_day": 14},
]
ITEM_KEYS = {
    "id",
    "user_id",
    "sign_type",
    "sign_value",
    "question",
    "reading_result",
    "ai_interpretation",
    "created_at",
    "is_favorite",
    "is_multi_user",
    "primary_user_id",
}


@pytest.fixture
def owner(api_as):
    return api_as(Role.USER)


def ask(client, question: str = "Will Zanzibar welcome me?", **extra) -> dict:
    response = client.post("/api/oracle/question", {"question": question, **extra}, format="json")
    assert response.status_code == 200
    return response.json()


def read_time(client, **extra) -> dict:
    response = client.post(
        "/api/oracle/reading", {"datetime": "2024-02-29", **extra}, format="json"
    )
    assert response.status_code == 200
    return response.json()


def read_name(client, name: str = "Sara", **extra) -> dict:
    response = client.post("/api/oracle/name", {"name": name, **extra}, format="json")
    assert response.status_code == 200
    return response.json()


def read_group(client, users=GROUP, **extra) -> dict:
    response = client.post(
        "/api/oracle/reading/multi-user", {"users": users, **extra}, format="json"
    )
    assert response.status_code == 200
    return response.json()


def ids(response) -> list[int]:
    return [item["id"] for item in response.json()["readings"]]


def made_on(reading_id: int, day: str) -> None:
    moment = datetime.datetime.fromisoformat(f"{day}T12:00:00+00:00")
    Reading.objects.filter(pk=reading_id).update(created_at=moment)


# --------------------------------------------------------------------------------------------
# List


def test_list_is_newest_first_with_v4_paging_and_item_shape(owner):
    made = [
        ask(owner)["reading_id"],
        read_time(owner)["reading_id"],
        read_name(owner)["reading_id"],
    ]
    response = owner.get(READINGS, {"limit": 2, "offset": 1})
    assert response.status_code == 200
    body = response.json()
    assert (body["total"], body["limit"], body["offset"]) == (3, 2, 1)
    assert ids(response) == [made[1], made[0]]
    assert set(body["readings"][0]) == ITEM_KEYS


def test_default_page_is_20(owner):
    body = owner.get(READINGS).json()
    assert (body["readings"], body["total"], body["limit"], body["offset"]) == ([], 0, 20, 0)


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 101}, "limit"),
        ({"limit": "x"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"offset": 10**30}, "offset"),
        ({"sign_type": "tarot"}, "sign_type"),
        ({"user_id": "abc"}, "user_id"),
        ({"date_from": "2024-02-30"}, "date_from"),
        ({"date_to": "yesterday"}, "date_to"),
        ({"date_from": "2024-03-02", "date_to": "2024-03-01"}, "date_to"),
        ({"is_favorite": "maybe"}, "is_favorite"),
        ({"search": "x" * 201}, "search"),
    ],
)
def test_bad_list_query_is_422_naming_the_parameter(owner, query, field):
    response = owner.get(READINGS, query)
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


def test_items_carry_the_decrypted_texts_as_v4(owner):
    question = ask(owner)
    time = read_time(owner)
    name = read_name(owner)
    group = read_group(owner)
    items = {item["id"]: item for item in owner.get(READINGS).json()["readings"]}
    assert items[question["reading_id"]]["question"] == "Will Zanzibar welcome me?"
    assert items[question["reading_id"]]["ai_interpretation"] == question["interpretation"]
    assert items[time["reading_id"]]["question"] == "2024-02-29"
    assert items[time["reading_id"]]["ai_interpretation"] == time["summary"]
    assert items[name["reading_id"]]["question"] == "Sara"
    assert items[name["reading_id"]]["sign_value"] == "expression 3"
    assert items[name["reading_id"]]["ai_interpretation"] == name["interpretation"]
    group_item = items[group["reading_id"]]
    assert json.loads(group_item["ai_interpretation"]) == group["ai_interpretation"]
    assert (group_item["question"], group_item["is_multi_user"]) == ("", True)


@pytest.mark.parametrize("make", [ask, read_time, read_name, read_group])
def test_history_returns_exactly_what_the_reading_endpoint_returned(owner, make):
    made = make(owner)
    item = owner.get(f"{READINGS}/{made['reading_id']}").json()
    assert item["reading_result"] == made
    listed = owner.get(READINGS).json()["readings"][0]
    assert listed["reading_result"] == made


def test_list_is_audited_and_names_the_filtered_profile(owner):
    profile = ProfileFactory(owner=owner.account)
    owner.get(READINGS)
    owner.get(READINGS, {"user_id": profile.pk})
    entries = list(AuditLog.objects.filter(action="oracle_reading.list").order_by("id"))
    assert [(e.resource_type, e.resource_id, e.profile_id) for e in entries] == [
        ("oracle_reading", None, None),
        ("oracle_reading", None, profile.pk),
    ]
    assert entries[0].actor == owner.account


# --------------------------------------------------------------------------------------------
# Filters


def test_sign_type_filter(owner):
    ask(owner)
    time_id = read_time(owner)["reading_id"]
    response = owner.get(READINGS, {"sign_type": "reading"})
    assert (ids(response), response.json()["total"]) == ([time_id], 1)
    assert owner.get(READINGS, {"sign_type": "daily"}).json()["total"] == 0


def test_user_filter_finds_single_and_group_readings_of_the_profile(owner):
    hamzeh = ProfileFactory(owner=owner.account, name="Hamzeh")
    other = ProfileFactory(owner=owner.account, name="Sara")
    own = read_time(owner, user_id=hamzeh.pk)["reading_id"]
    read_time(owner, user_id=other.pk)
    ask(owner)
    users = [{**GROUP[0], "user_id": other.pk}, {**GROUP[1], "user_id": hamzeh.pk}]
    group = read_group(owner, users)["reading_id"]
    response = owner.get(READINGS, {"user_id": hamzeh.pk})
    assert ids(response) == [group, own]
    assert response.json()["total"] == 2


@pytest.mark.parametrize("other_id", [None, 10**30])
def test_user_filter_with_a_profile_not_visible_is_404(owner, other_id):
    response = owner.get(READINGS, {"user_id": other_id or ProfileFactory().pk})
    assert response.status_code == 404
    assert response.json() == {"detail": "User not found"}
    assert not AuditLog.objects.filter(action="oracle_reading.list").exists()


def test_date_filters_are_inclusive_utc_days(owner):
    first, second, third = (ask(owner)["reading_id"] for _ in range(3))
    made_on(first, "2024-03-01")
    made_on(second, "2024-03-02")
    Reading.objects.filter(pk=third).update(
        created_at=datetime.datetime(2024, 3, 3, 0, 0, tzinfo=datetime.UTC)
    )
    assert ids(owner.get(READINGS, {"date_from": "2024-03-02"})) == [third, second]
    assert ids(owner.get(READINGS, {"date_to": "2024-03-02"})) == [second, first]
    between = owner.get(READINGS, {"date_from": "2024-03-02", "date_to": "2024-03-02"})
    assert ids(between) == [second]


def test_favourite_filter(owner):
    liked, plain = ask(owner)["reading_id"], ask(owner)["reading_id"]
    owner.patch(f"{READINGS}/{liked}/favorite")
    assert ids(owner.get(READINGS, {"is_favorite": "true"})) == [liked]
    assert ids(owner.get(READINGS, {"is_favorite": "false"})) == [plain]
    assert owner.get(READINGS, {"is_favorite": ""}).json()["total"] == 2


def test_filters_combine(owner):
    hamzeh = ProfileFactory(owner=owner.account, name="Hamzeh")
    wanted = ask(owner, "Is Zanzibar far?", user_id=hamzeh.pk)["reading_id"]
    ask(owner, "Is Zanzibar near?", user_id=hamzeh.pk)  # not a favourite
    ask(owner, "Is Zanzibar warm?")  # another profile
    read_time(owner, user_id=hamzeh.pk)  # another kind
    old = ask(owner, "Is Zanzibar old?", user_id=hamzeh.pk)["reading_id"]
    for reading_id in (wanted, old):
        owner.patch(f"{READINGS}/{reading_id}/favorite")
    made_on(old, "2020-01-01")
    query = {
        "sign_type": "question",
        "user_id": hamzeh.pk,
        "is_favorite": "true",
        "search": "zanzibar",
        "date_from": "2021-01-01",
    }
    response = owner.get(READINGS, query)
    assert (ids(response), response.json()["total"]) == ([wanted], 1)


# --------------------------------------------------------------------------------------------
# Search (over decrypted texts, only the caller's own)


def test_search_finds_a_word_of_the_question_case_insensitively(owner):
    wanted = ask(owner, "Will Zanzibar welcome me?")["reading_id"]
    ask(owner, "Should I stay home?")
    response = owner.get(READINGS, {"search": "zANZIBAR"})
    assert (ids(response), response.json()["total"]) == ([wanted], 1)


def test_search_does_not_find_another_accounts_readings(owner, api_as):
    ask(api_as(Role.USER), "Will Zanzibar welcome me?")
    assert owner.get(READINGS, {"search": "Zanzibar"}).json()["total"] == 0


def test_search_looks_in_interpretations_and_sign_values(owner):
    name_id = read_name(owner, "Sara")["reading_id"]
    group_id = read_group(owner)["reading_id"]
    assert ids(owner.get(READINGS, {"search": "NAME READING: SARA"})) == [name_id]
    assert ids(owner.get(READINGS, {"search": "expression 3"})) == [name_id]
    assert ids(owner.get(READINGS, {"search": "collective evolution"})) == [group_id]


def test_search_pages_its_matches(owner):
    matches = [ask(owner, f"Zanzibar question {n}")["reading_id"] for n in range(3)]
    ask(owner, "Unrelated")
    body = owner.get(READINGS, {"search": "zanzibar", "limit": 1, "offset": 1}).json()
    assert [item["id"] for item in body["readings"]] == [matches[1]]
    assert body["total"] == 3


def test_search_skips_deleted_readings(owner):
    reading_id = ask(owner)["reading_id"]
    owner.delete(f"{READINGS}/{reading_id}")
    assert owner.get(READINGS, {"search": "Zanzibar"}).json()["total"] == 0


def test_admin_search_covers_every_account(owner, api_as):
    ask(owner, "Will Zanzibar welcome me?")
    assert api_as(Role.ADMIN).get(READINGS, {"search": "zanzibar"}).json()["total"] == 1


def test_moderator_search_covers_only_their_own_readings(owner, api_as):
    """A moderator sees another account's questions masked: a search must not tell them either."""
    ask(owner, "Will Zanzibar welcome me?")
    moderator = api_as(Role.MODERATOR)
    ask(moderator, "Is Zanzibar far?")
    found = moderator.get(READINGS, {"search": "zanzibar"}).json()
    assert found["total"] == 1
    assert found["readings"][0]["question"] == "Is Zanzibar far?"


# --------------------------------------------------------------------------------------------
# Detail


def test_detail_is_audited_with_the_reading_and_profile(owner):
    profile = ProfileFactory(owner=owner.account, name="Hamzeh")
    reading_id = read_time(owner, user_id=profile.pk)["reading_id"]
    response = owner.get(f"{READINGS}/{reading_id}")
    assert response.status_code == 200
    assert set(response.json()) == ITEM_KEYS
    assert response.json()["user_id"] == profile.pk
    entry = AuditLog.objects.get(action="oracle_reading.read")
    assert (entry.resource_type, entry.resource_id, entry.profile_id) == (
        "oracle_reading",
        reading_id,
        profile.pk,
    )


def test_missing_reading_is_404_and_not_audited(owner):
    response = owner.get(f"{READINGS}/987654")
    assert response.status_code == 404
    assert response.json() == {"detail": "Reading not found"}
    assert not AuditLog.objects.filter(action="oracle_reading.read").exists()


@pytest.mark.parametrize("bad_id", ["abc", "1.5", "-1", "1e3"])
def test_non_integer_id_is_422(owner, bad_id):
    response = owner.get(f"{READINGS}/{bad_id}")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["path", "reading_id"]


# --------------------------------------------------------------------------------------------
# Ownership


def test_users_see_only_their_own_readings(owner, api_as):
    mine = ask(owner)["reading_id"]
    other = api_as(Role.USER)
    theirs = ask(other)["reading_id"]
    assert ids(owner.get(READINGS)) == [mine]
    assert owner.get(f"{READINGS}/{theirs}").status_code == 404
    assert owner.delete(f"{READINGS}/{theirs}").status_code == 404
    assert owner.patch(f"{READINGS}/{theirs}/favorite").status_code == 404
    other.delete(f"{READINGS}/{theirs}")
    assert owner.post(f"{READINGS}/{theirs}/restore").status_code == 404
    assert Reading.all_objects.get(pk=theirs).is_favorite is False


def test_readonly_reads_only_their_own_and_cannot_change_them(api_as, owner):
    reader = api_as(Role.READONLY)
    own = readings.create_question_reading(
        principal=principal_for_account(reader.account, auth_type="jwt"),
        question="Mine?",
        use_ai=False,
    )["reading_id"]
    ask(owner)
    assert ids(reader.get(READINGS)) == [own]
    assert reader.get(f"{READINGS}/{own}").status_code == 200
    for response in (
        reader.delete(f"{READINGS}/{own}"),
        reader.patch(f"{READINGS}/{own}/favorite"),
        reader.post(f"{READINGS}/{own}/restore"),
    ):
        assert response.status_code == 403
        assert response.json() == {"detail": "Insufficient scope: requires 'oracle:write'"}


@pytest.mark.parametrize("role", [Role.MODERATOR, Role.ADMIN])
def test_moderators_and_admins_see_and_manage_every_reading(api_as, owner, role):
    theirs = ask(owner)["reading_id"]
    staff = api_as(role)
    assert ids(staff.get(READINGS)) == [theirs]
    assert staff.patch(f"{READINGS}/{theirs}/favorite").json()["is_favorite"] is True
    assert staff.delete(f"{READINGS}/{theirs}").status_code == 200
    assert staff.post(f"{READINGS}/{theirs}/restore").status_code == 200


def test_legacy_secret_sees_every_reading(legacy_api, owner):
    theirs = ask(owner)["reading_id"]
    assert ids(legacy_api.get(READINGS)) == [theirs]
    assert legacy_api.get(f"{READINGS}/{theirs}").status_code == 200


@pytest.mark.parametrize(
    ("method", "path"),
    [
        ("get", READINGS),
        ("get", f"{READINGS}/1"),
        ("delete", f"{READINGS}/1"),
        ("post", f"{READINGS}/1/restore"),
        ("patch", f"{READINGS}/1/favorite"),
    ],
)
def test_history_needs_credentials(api_client, method, path):
    assert getattr(api_client, method)(path).status_code == 401
    api_client.credentials(HTTP_AUTHORIZATION="Bearer nope")
    response = getattr(api_client, method)(path)
    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid credentials"}


# --------------------------------------------------------------------------------------------
# Soft delete, restore, favourite


def test_delete_is_soft_returns_the_item_and_a_second_delete_is_404(owner):
    made = ask(owner)
    response = owner.delete(f"{READINGS}/{made['reading_id']}")
    assert response.status_code == 200
    assert response.json()["reading_result"] == made
    assert Reading.all_objects.get(pk=made["reading_id"]).deleted_at is not None
    assert owner.get(READINGS).json()["total"] == 0
    assert owner.get(f"{READINGS}/{made['reading_id']}").status_code == 404
    assert owner.delete(f"{READINGS}/{made['reading_id']}").status_code == 404


def test_restore_brings_a_deleted_reading_back(owner):
    reading_id = ask(owner)["reading_id"]
    owner.delete(f"{READINGS}/{reading_id}")
    response = owner.post(f"{READINGS}/{reading_id}/restore")
    assert response.status_code == 200
    assert response.json()["id"] == reading_id
    assert ids(owner.get(READINGS)) == [reading_id]


def test_restoring_a_live_reading_changes_nothing(owner):
    reading_id = ask(owner)["reading_id"]
    assert owner.post(f"{READINGS}/{reading_id}/restore").status_code == 200
    assert Reading.objects.get(pk=reading_id).deleted_at is None


def test_restore_of_a_missing_reading_is_404(owner):
    response = owner.post(f"{READINGS}/424242/restore")
    assert response.status_code == 404
    assert response.json() == {"detail": "Reading not found"}


def test_favourite_toggles(owner):
    reading_id = ask(owner)["reading_id"]
    first = owner.patch(f"{READINGS}/{reading_id}/favorite")
    assert first.status_code == 200
    assert first.json() == {"id": reading_id, "is_favorite": True}
    assert owner.get(f"{READINGS}/{reading_id}").json()["is_favorite"] is True
    second = owner.patch(f"{READINGS}/{reading_id}/favorite")
    assert second.json() == {"id": reading_id, "is_favorite": False}


def test_deleted_reading_cannot_be_favourited(owner):
    reading_id = ask(owner)["reading_id"]
    owner.delete(f"{READINGS}/{reading_id}")
    assert owner.patch(f"{READINGS}/{reading_id}/favorite").status_code == 404


def test_changes_are_audited(owner):
    reading_id = ask(owner)["reading_id"]
    owner.patch(f"{READINGS}/{reading_id}/favorite")
    owner.delete(f"{READINGS}/{reading_id}")
    owner.post(f"{READINGS}/{reading_id}/restore")
    entries = AuditLog.objects.filter(resource_id=reading_id).order_by("id")
    assert [(e.action, e.details) for e in entries] == [
        ("oracle_reading.create", {"sign_type": "question"}),
        ("oracle_reading.favorite", {"is_favorite": True}),
        ("oracle_reading.delete", None),
        ("oracle_reading.restore", None),
    ]
    assert {e.actor for e in entries} == {owner.account}
    assert {e.resource_type for e in entries} == {"oracle_reading"}

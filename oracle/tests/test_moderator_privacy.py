"""What a moderator sees of another account's data: everything they moderate, private texts masked.

One rule (`Principal.may_read_private_texts`: the owner, or an admin) decides it on every surface:
the profile API and edit page, the reading page, history and API, search, exports, sharing,
feedback comments and the audit log's client addresses — and the admin console. Each test shows
the moderator the mask where the owner (or an admin) reads the marker.
"""

import datetime as dt

import pytest
from django.urls import reverse

from learning.models import ReadingFeedback
from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from nps.core.privacy import MASK
from oracle.models import Profile, ShareLink
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

MOTHER = "Zarintajmarker"
MOTHER_FA = "زرین‌تاج‌نشان"
QUESTION = "Will Vardanmarker come home before spring?"
ASKED_WORD = "vardanmarker"
COMMENT = "Kelvarimarker helped me a lot"
OWNER_ADDRESS = "203.0.113.77"


@pytest.fixture
def owner(db):
    return UserFactory(role=Role.USER)


@pytest.fixture
def moderator(db):
    return UserFactory(role=Role.MODERATOR)


@pytest.fixture
def admin(db):
    return UserFactory(role=Role.ADMIN)


@pytest.fixture
def profile(owner):
    return ProfileFactory(
        owner=owner,
        name="Hamzeh Rahimi",
        mother_name=MOTHER,
        mother_name_persian=MOTHER_FA,
        birthday=dt.date(1990, 3, 21),
    )


@pytest.fixture
def reading_id(owner, profile):
    principal = principal_for_account(owner, auth_type="session")
    made = readings.create_question_reading(
        principal=principal, question=QUESTION, profile_id=profile.pk, use_ai=False
    )
    return made["reading_id"]


def page_as(client, account):
    client.force_login(account)
    return client


def text_of(response) -> str:
    return response.content.decode()


# --- profiles ------------------------------------------------------------------------------------


def test_profile_api_masks_the_mother_names_for_a_moderator(api_as, owner, moderator, profile):
    for path in ("/api/oracle/users", f"/api/oracle/users/{profile.pk}"):
        shown = api_as(account=moderator).get(path)
        assert shown.status_code == 200
        assert MOTHER not in text_of(shown) and MOTHER_FA not in text_of(shown)
    detail = api_as(account=moderator).get(f"/api/oracle/users/{profile.pk}").json()
    assert (detail["mother_name"], detail["mother_name_persian"]) == (MASK, MASK)
    assert detail["name"] == "Hamzeh Rahimi"  # the rest of the profile is theirs to moderate


def test_profile_api_shows_the_mother_names_to_the_owner_and_an_admin(
    api_as, owner, admin, profile
):
    for account in (owner, admin):
        detail = api_as(account=account).get(f"/api/oracle/users/{profile.pk}").json()
        assert (detail["mother_name"], detail["mother_name_persian"]) == (MOTHER, MOTHER_FA)


def test_a_moderators_own_profile_is_shown_in_clear(api_as, moderator):
    own = ProfileFactory(owner=moderator, mother_name=MOTHER)
    detail = api_as(account=moderator).get(f"/api/oracle/users/{own.pk}").json()
    assert detail["mother_name"] == MOTHER


@pytest.mark.parametrize("sent", ["Someone Else", MASK])
def test_moderator_api_update_leaves_the_mother_names_untouched(api_as, moderator, profile, sent):
    response = api_as(account=moderator).put(
        f"/api/oracle/users/{profile.pk}",
        {"city": "Shiraz", "mother_name": sent, "mother_name_persian": sent},
        format="json",
    )
    assert response.status_code == 200
    assert response.json()["mother_name"] == MASK
    profile.refresh_from_db()
    assert (profile.city, profile.mother_name, profile.mother_name_persian) == (
        "Shiraz",
        MOTHER,
        MOTHER_FA,
    )
    audited = AuditLog.objects.filter(action="oracle_user.update").latest("id")
    assert audited.details == {"updated_fields": ["city"]}


def test_owner_api_update_changes_the_mother_name(api_as, owner, profile):
    response = api_as(account=owner).put(
        f"/api/oracle/users/{profile.pk}", {"mother_name": "Shirin"}, format="json"
    )
    assert response.json()["mother_name"] == "Shirin"
    assert Profile.objects.get(pk=profile.pk).mother_name == "Shirin"


def profile_form(**changes) -> dict:
    data = {
        "name": "Hamzeh Rahimi",
        "name_persian": "",
        "birthday": "1990-03-21",
        "mother_name": "Someone Else",
        "mother_name_persian": "",
        "gender": "",
        "country": "Iran",
        "city": "Shiraz",
        "latitude": "29.6036",
        "longitude": "52.5388",
        "timezone": "Asia/Tehran",
        "numerology_system": "auto",
    }
    data.update(changes)
    return data


def test_profile_edit_page_masks_the_mother_names_for_a_moderator(client, moderator, profile):
    response = page_as(client, moderator).get(reverse("oracle:profile-edit", args=[profile.pk]))
    html = text_of(response)
    assert response.status_code == 200
    assert MOTHER not in html and MOTHER_FA not in html
    assert f'value="{MASK}"' in html
    assert "Only the owner of this profile and administrators see it." in html


def test_profile_edit_page_shows_the_mother_name_to_the_owner(client, owner, profile):
    html = text_of(page_as(client, owner).get(reverse("oracle:profile-edit", args=[profile.pk])))
    assert MOTHER in html and MASK not in html


def test_moderator_page_save_leaves_the_mother_names_untouched(client, moderator, profile):
    url = reverse("oracle:profile-edit", args=[profile.pk])
    response = page_as(client, moderator).post(url, profile_form(mother_name_persian="x"))
    assert response.status_code == 302
    profile.refresh_from_db()
    assert (profile.city, profile.mother_name, profile.mother_name_persian) == (
        "Shiraz",
        MOTHER,
        MOTHER_FA,
    )


def test_owner_page_save_changes_the_mother_name(client, owner, profile):
    url = reverse("oracle:profile-edit", args=[profile.pk])
    assert page_as(client, owner).post(url, profile_form()).status_code == 302
    assert Profile.objects.get(pk=profile.pk).mother_name == "Someone Else"


# --- readings: page, history, API, search ---------------------------------------------------------


def test_reading_page_masks_the_question_for_a_moderator(client, moderator, reading_id):
    response = page_as(client, moderator).get(reverse("oracle:reading", args=[reading_id]))
    html = text_of(response)
    assert response.status_code == 200
    assert "Vardanmarker" not in html
    assert MASK in html
    assert reverse("oracle:reading-export", args=[reading_id, "pdf"]) not in html
    assert reverse("oracle:share-create", args=[reading_id]) not in html
    assert reverse("oracle:reading-interpretation", args=[reading_id]) not in html


def every_kind_of_reading(owner, profile) -> list[int]:
    """A reading of each kind made by the owner, each holding the marker in a private text."""
    principal = principal_for_account(owner, auth_type="session")
    common = {"principal": principal, "use_ai": False}
    group = [
        readings.MultiUserMember("Vardanmarker", 1990, 3, 21, profile.pk),
        readings.MultiUserMember("Sara Nouri", 1992, 7, 4),
    ]
    return [
        readings.create_time_reading(profile_id=profile.pk, **common)["reading_id"],
        readings.create_question_reading(question=QUESTION, profile_id=profile.pk, **common)[
            "reading_id"
        ],
        readings.create_name_reading(name="Vardanmarker Rahimi", **common)["reading_id"],
        readings.create_multi_user_reading(users=group, **common)["reading_id"],
    ]


@pytest.mark.parametrize("language", ["en", "fa"])
def test_every_kind_of_reading_page_and_item_is_masked_for_a_moderator(
    client, api_as, owner, moderator, profile, settings, language
):
    made = every_kind_of_reading(owner, profile)
    page_as(client, moderator)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = language
    for reading_id in made:
        page = client.get(reverse("oracle:reading", args=[reading_id]))
        item = api_as(account=moderator).get(f"/api/oracle/readings/{reading_id}")
        assert (page.status_code, item.status_code) == (200, 200)
        assert "Vardanmarker" not in text_of(page) + text_of(item)
        assert MOTHER not in text_of(page) + text_of(item)
    history = text_of(client.get(reverse("oracle:history")))
    assert "Vardanmarker" not in history
    page_as(client, owner)
    for reading_id in made[1:]:  # the question, the name and the group hold the marker
        assert "Vardanmarker" in text_of(client.get(reverse("oracle:reading", args=[reading_id])))


def test_a_masked_group_reading_states_no_average_it_does_not_have(client, owner, moderator):
    """The moderator's copy leaves out `group_dynamics`: its average is not shown as a false 0%,
    nor its synergies and challenges as "None found"."""
    principal = principal_for_account(owner, auth_type="session")
    group = [
        readings.MultiUserMember("Vardanmarker", 1990, 3, 21),
        readings.MultiUserMember("Sara Nouri", 1992, 7, 4),
    ]
    made = readings.create_multi_user_reading(users=group, principal=principal, use_ai=False)
    path = reverse("oracle:reading", args=[made["reading_id"]])
    average = made["group_dynamics"]["avg_compatibility"]
    assert average > 0
    owners = text_of(page_as(client, owner).get(path))
    assert "Average compatibility" in owners and f"{round(average * 100)}%" in owners
    moderators = text_of(page_as(client, moderator).get(path))
    assert "Vardanmarker" not in moderators
    assert "Average compatibility" not in moderators
    assert ">0%<" not in moderators
    assert "None found." not in moderators  # nor the group's synergies as if there were none


def test_reading_page_shows_the_question_to_the_owner(client, owner, reading_id):
    html = text_of(page_as(client, owner).get(reverse("oracle:reading", args=[reading_id])))
    assert "Vardanmarker" in html
    assert reverse("oracle:reading-export", args=[reading_id, "pdf"]) in html


def test_history_page_masks_the_question_for_a_moderator(client, moderator, owner, reading_id):
    html = text_of(page_as(client, moderator).get(reverse("oracle:history")))
    assert reverse("oracle:reading", args=[reading_id]) in html  # listed: they moderate it
    assert "Vardanmarker" not in html
    owner_html = text_of(page_as(client, owner).get(reverse("oracle:history")))
    assert "Vardanmarker" in owner_html


def test_reading_api_masks_the_private_texts_for_a_moderator(api_as, moderator, reading_id):
    api = api_as(account=moderator)
    listed = api.get("/api/oracle/readings")
    detail = api.get(f"/api/oracle/readings/{reading_id}")
    for response in (listed, detail):
        assert response.status_code == 200
        assert "Vardanmarker" not in text_of(response)
    item = detail.json()
    assert item["question"] == MASK
    assert item["ai_interpretation"] == MASK
    assert item["reading_result"]["question"] == MASK
    assert item["reading_result"]["interpretation"] == MASK
    assert "person" not in item["reading_result"]
    assert item["reading_result"]["answer"] in ("yes", "no", "maybe")  # the numbers stay


def test_reading_api_shows_the_private_texts_to_the_owner_and_an_admin(
    api_as, owner, admin, reading_id
):
    for account in (owner, admin):
        item = api_as(account=account).get(f"/api/oracle/readings/{reading_id}").json()
        assert item["question"] == QUESTION
        assert item["reading_result"]["question"] == QUESTION
        assert item["ai_interpretation"] not in (None, MASK)


def test_a_moderators_search_does_not_look_into_other_accounts_texts(
    api_as, moderator, admin, reading_id
):
    found = api_as(account=moderator).get("/api/oracle/readings", {"search": ASKED_WORD}).json()
    assert found["total"] == 0
    found = api_as(account=admin).get("/api/oracle/readings", {"search": ASKED_WORD}).json()
    assert [item["id"] for item in found["readings"]] == [reading_id]


# --- exports and sharing -------------------------------------------------------------------------


def test_moderator_may_not_export_another_accounts_reading(client, api_as, moderator, reading_id):
    page = page_as(client, moderator).get(
        reverse("oracle:reading-export", args=[reading_id, "txt"])
    )
    api = api_as(account=moderator).get(f"/api/oracle/readings/{reading_id}/export?format=json")
    assert (page.status_code, api.status_code) == (404, 404)
    assert "Vardanmarker" not in text_of(page) + text_of(api)


def test_admin_may_export_another_accounts_reading(api_as, admin, reading_id):
    api = api_as(account=admin).get(f"/api/oracle/readings/{reading_id}/export?format=json")
    assert api.status_code == 200
    assert "Vardanmarker" in text_of(api)


def test_moderator_may_not_share_another_accounts_reading(client, api_as, moderator, reading_id):
    page = page_as(client, moderator).post(reverse("oracle:share-create", args=[reading_id]), {})
    api = api_as(account=moderator).post("/api/share", {"reading_id": reading_id}, format="json")
    assert (page.status_code, api.status_code) == (404, 404)
    assert not ShareLink.objects.filter(reading_id=reading_id).exists()


def test_moderator_may_share_their_own_reading(api_as, moderator):
    own = readings.create_name_reading(
        principal=principal_for_account(moderator, auth_type="jwt"), name="Ali", use_ai=False
    )
    api = api_as(account=moderator).post(
        "/api/share", {"reading_id": own["reading_id"]}, format="json"
    )
    assert api.status_code == 201


# --- feedback comments ---------------------------------------------------------------------------


@pytest.fixture
def feedback(api_as, owner, reading_id):
    response = api_as(account=owner).post(
        f"/api/learning/oracle/readings/{reading_id}/feedback",
        {"rating": 4, "text_feedback": COMMENT},
        format="json",
    )
    assert response.status_code == 201
    return ReadingFeedback.objects.get(pk=response.json()["id"])


def test_feedback_api_masks_other_accounts_comments_for_a_moderator(
    api_as, moderator, admin, reading_id, feedback
):
    shown = api_as(account=moderator).get(f"/api/learning/oracle/readings/{reading_id}/feedback")
    assert shown.status_code == 200
    assert [row["text_feedback"] for row in shown.json()] == [MASK]
    shown = api_as(account=admin).get(f"/api/learning/oracle/readings/{reading_id}/feedback")
    assert [row["text_feedback"] for row in shown.json()] == [COMMENT]


def test_learning_dashboard_and_feedback_admin_mask_comments_for_a_moderator(
    client, moderator, admin, feedback
):
    page_as(client, moderator)
    assert "Kelvarimarker" not in text_of(client.get(reverse("learning:dashboard")))
    change = f"/admin/learning/readingfeedback/{feedback.pk}/change/"
    html = text_of(client.get(change))
    assert "Kelvarimarker" not in html and MASK in html
    assert "Kelvarimarker" in text_of(page_as(client, admin).get(change))


# --- the audit log -------------------------------------------------------------------------------


@pytest.fixture
def owners_entry(api_as, owner, profile):
    api_as(account=owner).get(f"/api/oracle/users/{profile.pk}", REMOTE_ADDR=OWNER_ADDRESS)
    entry = AuditLog.objects.filter(action="oracle_user.read", actor=owner).latest("id")
    assert entry.ip_address == OWNER_ADDRESS
    return entry


def test_audit_api_masks_other_accounts_addresses_for_a_moderator(
    api_as, moderator, admin, owners_entry
):
    shown = api_as(account=moderator).get("/api/oracle/audit", {"action": "oracle_user.read"})
    assert shown.status_code == 200
    assert OWNER_ADDRESS not in text_of(shown)
    entry = next(row for row in shown.json()["entries"] if row["id"] == owners_entry.pk)
    assert entry["ip_address"] == MASK
    shown = api_as(account=admin).get("/api/oracle/audit", {"action": "oracle_user.read"})
    entry = next(row for row in shown.json()["entries"] if row["id"] == owners_entry.pk)
    assert entry["ip_address"] == OWNER_ADDRESS


def test_audit_admin_masks_other_accounts_addresses_for_a_moderator(
    client, moderator, admin, owners_entry
):
    page_as(client, moderator)
    listed = text_of(client.get("/admin/core/auditlog/"))
    detail = text_of(client.get(f"/admin/core/auditlog/{owners_entry.pk}/change/"))
    searched = text_of(client.get("/admin/core/auditlog/", {"q": OWNER_ADDRESS}))
    assert OWNER_ADDRESS not in listed + detail
    assert f"/admin/core/auditlog/{owners_entry.pk}/change/" not in searched  # no search by it
    assert MASK in listed and MASK in detail
    page_as(client, admin)
    assert OWNER_ADDRESS in text_of(client.get("/admin/core/auditlog/"))

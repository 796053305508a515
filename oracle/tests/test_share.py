"""Share links: made by the owner, opened by anyone without private data, counted, revoked;
404 for an unknown token, 410 for an expired or revoked one; pages and API alike."""

import datetime as dt
import re

import pytest
from django.urls import reverse
from django.utils import timezone

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.dates import to_persian_digits
from oracle.engines.i18n import translate
from oracle.models import Reading, ShareLink
from oracle.services import readings, sealing, sharing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def reading_for_profile(account) -> int:
    hamzeh = ProfileFactory(
        owner=account, name="Hamzeh", mother_name="Fatemeh", birthday=dt.date(1990, 3, 21)
    )
    ProfileFactory(owner=account, name="Someone Private")
    principal = principal_for_account(account, auth_type="session")
    return readings.create_question_reading(
        principal=principal,
        question="Will Zanzibar welcome me?",
        profile_id=hamzeh.pk,
        use_ai=False,
    )["reading_id"]


def make_link(account, reading_id, **options) -> str:
    principal = principal_for_account(account, auth_type="session")
    return sharing.create_share_link(principal=principal, reading_id=reading_id, **options).token


def test_tokens_are_random_and_only_their_hash_is_stored(owner):
    reading_id = reading_for_profile(owner)
    tokens = {make_link(owner, reading_id) for _ in range(3)}
    assert len(tokens) == 3 and all(len(token) == 32 for token in tokens)
    stored = set(ShareLink.objects.values_list("token_hash", flat=True))
    assert not tokens & stored and stored == {sharing.hash_token(t) for t in tokens}


def test_shared_page_opens_without_login_and_hides_private_data(client, owner):
    reading_id = reading_for_profile(owner)
    token = make_link(owner, reading_id)
    client.logout()
    page = client.get(reverse("oracle:share", args=[token]))
    body = page.content.decode()
    assert page.status_code == 200
    assert "Will Zanzibar welcome me?" in body
    assert "Fatemeh" not in body and "1990-03-21" not in body and "Someone Private" not in body
    assert '<meta property="og:title" content="A Question reading shared from NPS">' in body
    assert 'property="og:url"' in body and 'property="og:description"' in body
    assert ShareLink.objects.get().view_count == 1


def test_unknown_token_is_404_and_expired_or_revoked_is_410(client, owner):
    reading_id = reading_for_profile(owner)
    expired = make_link(owner, reading_id, expires_in_days=1)
    ShareLink.objects.update(expires_at=timezone.now() - dt.timedelta(minutes=1))
    revoked = make_link(owner, reading_id)
    principal = principal_for_account(owner, auth_type="session")
    sharing.revoke_share_link(principal=principal, token=revoked)
    assert client.get(reverse("oracle:share", args=["0" * 32])).status_code == 404
    gone = client.get(reverse("oracle:share", args=[expired]))
    assert gone.status_code == 410 and "no longer works" in gone.content.decode()
    assert client.get(reverse("oracle:share", args=[revoked])).status_code == 410


def test_a_deleted_readings_link_is_gone(client, owner):
    reading_id = reading_for_profile(owner)
    token = make_link(owner, reading_id)
    client.post(reverse("oracle:reading-delete", args=[reading_id]))
    assert client.get(reverse("oracle:share", args=[token])).status_code == 410


def test_owner_makes_a_link_on_the_reading_page_sees_it_once_and_revokes_it(client, owner):
    reading_id = reading_for_profile(owner)
    made = client.post(
        reverse("oracle:share-create", args=[reading_id]), {"expires_in_days": "7"}, **HTMX
    )
    body = made.content.decode()
    assert re.match(r'<section class="share-panel card[^"]*" id="share-panel"', body.lstrip())
    assert "http://testserver/share/" in body
    link = ShareLink.objects.get()
    assert link.expires_at > timezone.now() + dt.timedelta(days=6)
    page = client.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    assert "http://testserver/share/" not in page  # shown once
    assert f"…/share/{link.token_prefix}…" in page
    client.post(reverse("oracle:share-revoke", args=[reading_id, link.pk]), **HTMX)
    link.refresh_from_db()
    assert link.revoked_at is not None


def test_a_bad_expiry_is_an_error_beside_the_field(client, owner):
    reading_id = reading_for_profile(owner)
    refused = client.post(
        reverse("oracle:share-create", args=[reading_id]), {"expires_in_days": "5"}
    )
    assert (
        refused.status_code == 422 and 'id="id_expires_in_days_error"' in refused.content.decode()
    )
    assert not ShareLink.objects.exists()


def test_another_accounts_reading_cannot_be_shared_nor_its_link_revoked(client, owner):
    stranger = UserFactory()
    foreign = reading_for_profile(stranger)
    assert client.post(reverse("oracle:share-create", args=[foreign])).status_code == 404
    make_link(stranger, foreign)
    link = ShareLink.objects.get()
    assert client.post(reverse("oracle:share-revoke", args=[foreign, link.pk])).status_code == 404


def test_api_create_open_and_revoke(api_as, api_client):
    client = api_as(Role.USER)
    reading_id = reading_for_profile(client.account)
    made = client.post(
        reverse("api-share"), {"reading_id": reading_id, "expires_in_days": 30}, format="json"
    )
    assert made.status_code == 201
    token = made.json()["token"]
    assert made.json()["url"] == f"http://testserver/share/{token}"
    opened = api_client.get(reverse("api-share-token", args=[token]))
    assert opened.status_code == 200
    assert opened.json()["reading"]["question"] == "Will Zanzibar welcome me?"
    assert "person" not in opened.json()["reading"] and opened.json()["view_count"] == 1
    assert api_client.delete(reverse("api-share-token", args=[token])).status_code == 401
    assert api_as(Role.USER).delete(reverse("api-share-token", args=[token])).status_code == 404
    assert client.delete(reverse("api-share-token", args=[token])).status_code == 200
    gone = api_client.get(reverse("api-share-token", args=[token]))
    assert gone.status_code == 410 and "detail" in gone.json()
    assert api_client.get(reverse("api-share-token", args=["f" * 32])).status_code == 404


def test_api_bad_expiry_is_a_422_naming_it(api_as):
    client = api_as(Role.USER)
    reading_id = reading_for_profile(client.account)
    refused = client.post(
        reverse("api-share"), {"reading_id": reading_id, "expires_in_days": 0}, format="json"
    )
    assert refused.status_code == 422
    assert refused.json()["detail"][0]["loc"] == ["body", "expires_in_days"]


# --- What a share needs of its owner: nothing (issue 20.3) ---------------------------------------


def test_a_shared_page_has_nothing_that_needs_the_owner(client, owner, settings):
    settings.ANTHROPIC_API_KEY = "sk-test-provider-configured"  # an AI provider would load lazily
    reading_id = reading_for_profile(owner)
    token = make_link(owner, reading_id)
    for account in (None, UserFactory(), owner):
        client.logout()
        if account is not None:
            client.force_login(account)
        page = client.get(reverse("oracle:share", args=[token]))
        body = page.content.decode()
        card = body[body.index("<article") : body.index("</article>")]
        assert page.status_code == 200 and "Will Zanzibar welcome me?" in card
        assert "hx-get" not in card and "hx-post" not in card  # nothing asks the owner's pages
        assert reverse("learning:feedback", args=[reading_id]) not in body
        assert reverse("oracle:reading-interpretation", args=[reading_id]) not in body
        assert "Saved as reading" not in body and "Rate this reading" not in body
        assert "Ask the AI again" not in body and "/vault" not in card
        assert "Interpretation" in card  # the stored interpretation is shown in place


def test_the_shared_json_does_not_name_the_owners_reading_number(api_client, owner):
    token = make_link(owner, reading_for_profile(owner))
    opened = api_client.get(reverse("api-share-token", args=[token])).json()
    assert "reading_id" not in opened and "reading_id" not in opened["reading"]
    assert opened["reading"]["question"] == "Will Zanzibar welcome me?"


# --- A link dies with its owner's account (issue 21.4) -------------------------------------------


def test_a_link_is_gone_while_its_owner_is_deactivated(client, api_client, owner):
    token = make_link(owner, reading_for_profile(owner))
    client.logout()
    owner.is_active = False  # what an admin does in the console
    owner.save(update_fields=["is_active"])
    page = client.get(reverse("oracle:share", args=[token]))
    assert page.status_code == 410 and "no longer works" in page.content.decode()
    gone = api_client.get(reverse("api-share-token", args=[token]))
    assert gone.status_code == 410 and "detail" in gone.json()
    assert ShareLink.objects.get().view_count == 0


def test_deleting_the_account_revokes_its_links(client, api_client, owner):
    reading_id = reading_for_profile(owner)
    tokens = [make_link(owner, reading_id), make_link(owner, reading_id, expires_in_days=30)]
    bystander = UserFactory()
    kept = make_link(bystander, reading_for_profile(bystander))
    deleted = client.post(reverse("settings-delete"), {"confirm": owner.username})
    assert deleted.status_code == 302
    assert not ShareLink.objects.filter(owner=owner, revoked_at__isnull=True).exists()
    owner.is_active = True  # an admin restores the account: its old links stay revoked
    owner.save(update_fields=["is_active"])
    for token in tokens:
        assert client.get(reverse("oracle:share", args=[token])).status_code == 410
        assert api_client.get(reverse("api-share-token", args=[token])).status_code == 410
    assert client.get(reverse("oracle:share", args=[kept])).status_code == 200


# --- A group share shows no member's birth data (issue 21.5) -------------------------------------

# Marker birth dates: the years are in no other part of a reading.
MEMBERS = (("Ardeshir", 1937, 11, 23), ("Shirin", 1944, 2, 29), ("Bahram", 1958, 6, 7))


def group_reading(account, language="en") -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_multi_user_reading(
        principal=principal,
        users=[readings.MultiUserMember(*member) for member in MEMBERS],
        use_ai=False,
        language=language,
    )["reading_id"]


def keys_of(value) -> set[str]:
    if isinstance(value, dict):
        return set(value).union(*(keys_of(item) for item in value.values()))
    if isinstance(value, list):
        return set().union(*(keys_of(item) for item in value))
    return set()


@pytest.mark.parametrize("language", ["en", "fa"])
def test_a_shared_group_reading_shows_no_members_birth_data(client, api_client, owner, language):
    reading_id = group_reading(owner, language)
    full = sealing.reading_response(Reading.objects.get(pk=reading_id))
    # What the owner's own reading holds and a share must not: each member's birth-date facts.
    each_sign = [f"{p['element']} {p['animal']}" for p in full["profiles"]]
    each_sign_fa = [
        f"{translate(p['element'], 'fa')} {translate(p['animal'], 'fa')}" for p in full["profiles"]
    ]
    years = [str(year) for _name, year, _month, _day in MEMBERS]
    years_fa = [to_persian_digits(year) for year in years]
    token = make_link(owner, reading_id)
    client.logout()
    client.cookies["nps_language"] = language
    page = client.get(reverse("oracle:share", args=[token]))
    shared = api_client.get(reverse("api-share-token", args=[token]))
    assert page.status_code == 200 and shared.status_code == 200
    body, text = page.content.decode(), shared.content.decode()
    for name, *_birth in MEMBERS:
        assert name in body and name in text  # who was read is the share's subject
    for marker in [*years, *years_fa, *each_sign, *each_sign_fa]:
        assert marker not in body, marker
        assert marker not in text, marker
    assert 'class="roles"' not in body and 'class="role-facts"' not in body  # a role is a life path
    reading = shared.json()["reading"]
    assert reading["profiles"] == [{"name": name} for name, *_birth in MEMBERS]
    assert not keys_of(reading) & {"birth_year", "birth_month", "birth_day", "roles", "fc60_sign"}
    assert "ai_interpretation" not in reading and "best_hours" not in reading
    assert {pair["user1"] for pair in reading["pairwise_compatibility"]} == {"Ardeshir", "Shirin"}
    assert all("strengths" not in pair for pair in reading["pairwise_compatibility"])
    assert reading["group_energy"]["joint_life_path"] == full["group_energy"]["joint_life_path"]


def test_the_page_and_the_json_of_a_share_come_from_one_place(client, owner):
    reading_id = group_reading(owner)
    reading = Reading.objects.get(pk=reading_id)
    token = make_link(owner, reading_id)
    client.logout()
    page = client.get(reverse("oracle:share", args=[token]))
    assert page.context["result"] == sharing.public_response(reading)

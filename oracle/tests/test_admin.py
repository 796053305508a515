import datetime
import html
import json

import pytest
from django.db import connection
from django.utils import timezone

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from nps.core.privacy import MASK
from oracle.models import Profile, Reading, ReadingParticipant

pytestmark = pytest.mark.django_db

PROFILES = "/admin/oracle/profile/"
READINGS = "/admin/oracle/reading/"
MOTHER = "Maryam Karimi"


@pytest.fixture
def moderator(db):
    return UserFactory(role=Role.MODERATOR)


def make_profile(owner, name="Sara Ahmadi", *, deleted=False, **fields):
    fields.setdefault("birthday", datetime.date(1990, 3, 21))
    fields.setdefault("mother_name", MOTHER)
    profile = Profile.objects.create(owner=owner, name=name, **fields)
    if deleted:
        profile.delete()
    return profile


def make_reading(owner, profile=None, **fields):
    fields.setdefault("sign_type", "question")
    fields.setdefault("sign_value", "11")
    fields.setdefault("question", "Will the caravan arrive?")
    fields.setdefault("ai_interpretation", "The road opens after the new moon.")
    fields.setdefault("reading_result", {"fc60": {"stamp": "VE-OX-OXFI", "moon": "waxing"}})
    return Reading.objects.create(owner=owner, profile=profile, **fields)


def stored_column(table: str, column: str, pk) -> bytes:
    with connection.cursor() as cursor:
        cursor.execute(f"SELECT {column} FROM {table} WHERE id = %s", [pk])  # noqa: S608
        value = cursor.fetchone()[0]
    return bytes(value) if not isinstance(value, str) else value.encode()


def change_data(profile, **overrides):
    data = {
        "name": profile.name,
        "name_persian": profile.name_persian or "",
        "birthday": profile.birthday.isoformat(),
        "gender": profile.gender or "",
        "owner": str(profile.owner_id) if profile.owner_id else "",
        "mother_name": profile.mother_name,
        "mother_name_persian": profile.mother_name_persian or "",
        "country": profile.country or "",
        "city": profile.city or "",
        "timezone": profile.timezone,
        "numerology_system": profile.numerology_system,
    }
    data.update(overrides)
    return data


# --- Profiles -------------------------------------------------------------------------------


def test_profile_changelist_shows_live_and_deleted_profiles(client, admin_user, user):
    make_profile(user, "Live Person")
    make_profile(user, "Gone Person", deleted=True)
    client.force_login(admin_user)

    everything = client.get(PROFILES).content.decode()
    assert "Live Person" in everything
    assert "Gone Person" in everything
    assert "By deleted" in everything


def test_profile_changelist_filters_deleted_yes_and_no(client, admin_user, user):
    make_profile(user, "Live Person")
    make_profile(user, "Gone Person", deleted=True)
    client.force_login(admin_user)

    deleted = client.get(PROFILES, {"deleted": "yes"}).content.decode()
    assert "Gone Person" in deleted
    assert "Live Person" not in deleted
    live = client.get(PROFILES, {"deleted": "no"}).content.decode()
    assert "Live Person" in live
    assert "Gone Person" not in live


def test_profile_search_matches_the_persian_name(client, admin_user, user):
    make_profile(user, "Sara Ahmadi", name_persian="سارا احمدی")
    make_profile(user, "Omid Rahimi", name_persian="امید رحیمی")
    client.force_login(admin_user)
    content = client.get(PROFILES, {"q": "سارا"}).content.decode()
    assert "Sara Ahmadi" in content
    assert "Omid Rahimi" not in content


def test_restore_action_brings_a_profile_back(client, admin_user, user):
    profile = make_profile(user, deleted=True)
    assert not Profile.objects.filter(pk=profile.pk).exists()
    client.force_login(admin_user)

    client.post(PROFILES, {"action": "restore", "_selected_action": [str(profile.pk)]})

    assert Profile.objects.filter(pk=profile.pk).exists()
    entry = AuditLog.objects.get(action="oracle_user.restore")
    assert (entry.resource_type, entry.resource_id, entry.actor) == (
        "oracle_user",
        profile.pk,
        admin_user,
    )


def test_restore_is_refused_while_a_live_twin_exists(client, admin_user, user):
    gone = make_profile(user, "Twin Name", deleted=True)
    make_profile(user, "Twin Name")
    client.force_login(admin_user)

    response = client.post(
        PROFILES, {"action": "restore", "_selected_action": [str(gone.pk)]}, follow=True
    )

    assert response.status_code == 200
    assert "Not restored" in response.content.decode()
    gone.refresh_from_db()
    assert gone.is_deleted
    assert not AuditLog.objects.filter(action="oracle_user.restore").exists()


def test_deleting_a_profile_from_its_page_is_soft(client, admin_user, user):
    profile = make_profile(user)
    reading = make_reading(user, profile)
    client.force_login(admin_user)
    url = f"{PROFILES}{profile.pk}/delete/"

    confirmation = client.get(url).content.decode()
    assert "can be restored" in confirmation
    response = client.post(url, {"post": "yes"})

    assert response.status_code == 302
    profile = Profile.all_objects.get(pk=profile.pk)
    assert profile.deleted_at is not None
    assert not Profile.objects.filter(pk=profile.pk).exists()
    assert Reading.objects.filter(pk=reading.pk).exists()
    entry = AuditLog.objects.get(action="oracle_user.delete")
    assert (entry.resource_id, entry.actor) == (profile.pk, admin_user)


def test_bulk_delete_action_is_soft_and_django_hard_delete_is_not_offered(client, admin_user, user):
    first, second = make_profile(user, "First One"), make_profile(user, "Second One")
    client.force_login(admin_user)

    changelist = client.get(PROFILES).content.decode()
    assert 'value="delete_selected"' not in changelist
    assert 'value="soft_delete_selected"' in changelist
    client.post(
        PROFILES,
        {"action": "soft_delete_selected", "_selected_action": [str(first.pk), str(second.pk)]},
    )
    client.post(PROFILES, {"action": "delete_selected", "_selected_action": [str(first.pk)]})

    assert Profile.all_objects.filter(pk__in=[first.pk, second.pk]).count() == 2
    assert Profile.objects.filter(pk__in=[first.pk, second.pk]).count() == 0
    assert AuditLog.objects.filter(action="oracle_user.delete").count() == 2


def test_admin_sees_the_mother_name_decrypted(client, admin_user, user):
    profile = make_profile(user, mother_name_persian="مریم")
    client.force_login(admin_user)
    content = client.get(f"{PROFILES}{profile.pk}/change/").content.decode()
    assert MOTHER in content
    assert "مریم" in content
    assert MASK not in content


def test_moderator_sees_the_mother_name_masked(client, moderator, user):
    profile = make_profile(user, mother_name_persian="مریم")
    client.force_login(moderator)
    response = client.get(f"{PROFILES}{profile.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200
    assert MOTHER not in content
    assert "مریم" not in content
    assert MASK in content


def test_mother_name_is_stored_encrypted(user):
    profile = make_profile(user)
    assert MOTHER.encode() not in stored_column("oracle_users", "mother_name", profile.pk)


def test_admin_edit_keeps_the_mother_name_encrypted_and_is_audited(client, admin_user, user):
    profile = make_profile(user)
    client.force_login(admin_user)

    response = client.post(
        f"{PROFILES}{profile.pk}/change/", change_data(profile, mother_name="Zahra Nouri")
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.mother_name == "Zahra Nouri"
    assert b"Zahra" not in stored_column("oracle_users", "mother_name", profile.pk)
    entry = AuditLog.objects.get(action="oracle_user.update")
    assert entry.details == {"updated_fields": ["mother_name"]}
    assert "Zahra" not in json.dumps(entry.details)


def test_moderator_saves_leave_the_mother_names_untouched(client, moderator, user):
    profile = make_profile(user, mother_name_persian="مریم")
    client.force_login(moderator)

    response = client.post(
        f"{PROFILES}{profile.pk}/change/",
        change_data(profile, city="Shiraz", mother_name="Overwritten", mother_name_persian=""),
    )

    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.city == "Shiraz"
    assert profile.mother_name == MOTHER
    assert profile.mother_name_persian == "مریم"


def test_unknown_time_zone_is_a_form_error(client, admin_user, user):
    profile = make_profile(user)
    client.force_login(admin_user)
    response = client.post(
        f"{PROFILES}{profile.pk}/change/", change_data(profile, timezone="Mars/Olympus")
    )
    assert response.status_code == 200
    assert "timezone" in response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert profile.timezone == "UTC"


def test_deleted_profile_page_opens_and_offers_no_second_delete(client, admin_user, user):
    profile = make_profile(user, deleted=True)
    client.force_login(admin_user)
    content = client.get(f"{PROFILES}{profile.pk}/change/").content.decode()
    assert "Sara Ahmadi" in content
    assert "This profile was deleted (" in content
    assert f"{PROFILES}{profile.pk}/delete/" not in content


def test_live_profile_page_has_no_deleted_banner(client, admin_user, user):
    profile = make_profile(user)
    client.force_login(admin_user)
    content = client.get(f"{PROFILES}{profile.pk}/change/").content.decode()
    assert "was deleted (" not in content
    assert f"{PROFILES}{profile.pk}/delete/" in content


def test_profile_changelist_does_not_query_once_per_row(
    client, admin_user, django_assert_max_num_queries
):
    for index in range(15):
        make_profile(UserFactory(), f"Person {index}")
    client.force_login(admin_user)
    with django_assert_max_num_queries(10):
        assert client.get(PROFILES).status_code == 200


# --- Readings -------------------------------------------------------------------------------


def test_readings_admin_refuses_add_and_change(client, admin_user, user):
    reading = make_reading(user, make_profile(user))
    client.force_login(admin_user)

    assert client.get(f"{READINGS}add/").status_code == 403
    assert client.post(f"{READINGS}add/", {"sign_type": "time"}).status_code == 403
    response = client.post(f"{READINGS}{reading.pk}/change/", {"sign_value": "99"})
    assert response.status_code == 403
    assert client.post(f"{READINGS}{reading.pk}/delete/", {"post": "yes"}).status_code == 403
    reading.refresh_from_db()
    assert reading.sign_value == "11"
    assert reading.deleted_at is None


def test_reading_page_is_view_only_with_the_result_pretty_printed(client, admin_user, user):
    reading = make_reading(user, make_profile(user))
    reading.refresh_from_db()  # as stored: PostgreSQL's jsonb orders the keys its own way
    client.force_login(admin_user)

    response = client.get(f"{READINGS}{reading.pk}/change/")

    assert response.status_code == 200
    content = response.content.decode()
    pretty = json.dumps(reading.reading_result, indent=2, ensure_ascii=False)
    assert f'<pre class="nps-json">{html.escape(pretty)}</pre>' in content
    assert 'name="_save"' not in content
    assert "Sara Ahmadi" in content


def test_admin_sees_question_and_interpretation_decrypted(client, admin_user, user):
    reading = make_reading(user, make_profile(user))
    client.force_login(admin_user)
    content = client.get(f"{READINGS}{reading.pk}/change/").content.decode()
    assert "Will the caravan arrive?" in content
    assert "The road opens after the new moon." in content


def test_moderator_sees_question_and_interpretation_masked(client, moderator, user):
    reading = make_reading(user, make_profile(user))
    client.force_login(moderator)
    response = client.get(f"{READINGS}{reading.pk}/change/")
    content = response.content.decode()
    assert response.status_code == 200
    assert "Will the caravan arrive?" not in content
    assert "The road opens after the new moon." not in content
    assert MASK in content


def test_multi_user_reading_lists_its_participants(client, admin_user, user):
    first, second = make_profile(user, "Ali Rezaei"), make_profile(user, "Neda Amini")
    reading = make_reading(
        user,
        sign_type="multi_user",
        is_multi_user=True,
        primary_profile=first,
        question=None,
        compatibility_matrix=[{"pair": [0, 1], "score": 0.8}],
    )
    ReadingParticipant.objects.create(reading=reading, profile=first, is_primary=True)
    ReadingParticipant.objects.create(reading=reading, profile=second)
    client.force_login(admin_user)

    content = client.get(f"{READINGS}{reading.pk}/change/").content.decode()

    assert "Participants" in content
    assert f'<a href="{PROFILES}{first.pk}/change/">Ali Rezaei</a>' in content
    assert f'<a href="{PROFILES}{second.pk}/change/">Neda Amini</a>' in content
    assert html.escape('"score": 0.8') in content


def test_reading_changelist_shows_deleted_readings_with_the_filter(client, admin_user, user):
    profile = make_profile(user)
    live = make_reading(user, profile, sign_value="live-sign")
    gone = make_reading(user, profile, sign_value="gone-sign")
    gone.delete()
    client.force_login(admin_user)

    everything = client.get(READINGS).content.decode()
    assert f"{READINGS}{live.pk}/change/" in everything
    assert f"{READINGS}{gone.pk}/change/" in everything
    deleted = client.get(READINGS, {"deleted": "yes"}).content.decode()
    assert f"{READINGS}{gone.pk}/change/" in deleted
    assert f"{READINGS}{live.pk}/change/" not in deleted


def test_reading_soft_delete_and_restore_actions_are_audited(client, moderator, user):
    reading = make_reading(user, make_profile(user))
    client.force_login(moderator)
    selected = [str(reading.pk)]

    client.post(READINGS, {"action": "soft_delete_selected", "_selected_action": selected})
    assert not Reading.objects.filter(pk=reading.pk).exists()
    assert Reading.all_objects.filter(pk=reading.pk).exists()
    client.post(READINGS, {"action": "restore", "_selected_action": selected})
    assert Reading.objects.filter(pk=reading.pk).exists()

    actions = list(
        AuditLog.objects.filter(resource_type="oracle_reading")
        .order_by("id")
        .values_list("action", "resource_id", "profile_id", "actor")
    )
    assert actions == [
        ("oracle_reading.delete", reading.pk, reading.profile_id, moderator.pk),
        ("oracle_reading.restore", reading.pk, reading.profile_id, moderator.pk),
    ]


def test_profile_page_links_to_its_readings(client, admin_user, user):
    profile, other = make_profile(user), make_profile(user, "Other Person")
    mine = make_reading(user, profile)
    theirs = make_reading(user, other)
    client.force_login(admin_user)

    profile_page = client.get(f"{PROFILES}{profile.pk}/change/").content.decode()
    assert f"{READINGS}?profile={profile.pk}" in profile_page
    listed = client.get(READINGS, {"profile": profile.pk}).content.decode()
    assert f"{READINGS}{mine.pk}/change/" in listed
    assert f"{READINGS}{theirs.pk}/change/" not in listed


def test_reading_changelist_does_not_query_once_per_row(
    client, admin_user, django_assert_max_num_queries
):
    for index in range(15):
        owner = UserFactory()
        make_reading(owner, make_profile(owner, f"Person {index}"))
    client.force_login(admin_user)
    with django_assert_max_num_queries(10):
        assert client.get(READINGS).status_code == 200


def test_plain_users_cannot_reach_the_oracle_admin(client, user):
    client.force_login(user)
    response = client.get(PROFILES)
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]


def test_reading_created_today_appears_in_the_date_hierarchy(client, admin_user, user):
    make_reading(user, make_profile(user))
    client.force_login(admin_user)
    today = timezone.now()
    response = client.get(READINGS, {"created_at__year": today.year})
    assert response.status_code == 200
    assert response.context["cl"].result_count == 1

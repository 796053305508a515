"""Services audit their own reads and restores; the one "readings of this profile" rule."""

import pytest

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core.models import AuditLog
from oracle.models import Reading, ReadingParticipant
from oracle.services import history, profiles
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

ADDRESS = "203.0.113.7"


@pytest.fixture
def principal():
    return principal_for_account(UserFactory(role=Role.USER), auth_type="jwt")


@pytest.fixture
def profile(principal):
    return ProfileFactory(owner=principal.account, name="Hamzeh")


def reading(principal, **fields):
    fields.setdefault("sign_type", "question")
    fields.setdefault("sign_value", "yes")
    return Reading.objects.create(owner=principal.account, **fields)


def audit_rows():
    return list(
        AuditLog.objects.order_by("id").values_list(
            "action", "resource_type", "resource_id", "profile_id", "ip_address", "actor"
        )
    )


def test_involving_finds_single_readings_and_group_readings_the_profile_is_in(principal, profile):
    other = ProfileFactory(owner=principal.account, name="Sara")
    single = reading(principal, profile=profile)
    led = reading(principal, sign_type="multi_user", is_multi_user=True, primary_profile=profile)
    joined = reading(principal, sign_type="multi_user", is_multi_user=True, profile=other)
    ReadingParticipant.objects.create(reading=joined, profile=other, is_primary=True)
    ReadingParticipant.objects.create(reading=joined, profile=profile)
    reading(principal, profile=other)
    reading(principal)  # anonymous

    involved = Reading.objects.involving(profile)

    assert set(involved) == {single, led, joined}
    assert involved.count() == 3  # a group reading is listed once, not once per link
    assert set(Reading.objects.involving(other)) == {
        joined,
        Reading.objects.get(profile=other, sign_type="question"),
    }


def test_involving_composes_with_other_filters(principal, profile):
    kept = reading(principal, profile=profile, sign_type="name")
    reading(principal, profile=profile, sign_type="question")
    assert list(Reading.objects.filter(sign_type="name").involving(profile)) == [kept]


def test_listing_readings_is_audited_by_the_service(principal, profile):
    history.list_readings(principal=principal, profile_id=profile.pk, client_address=ADDRESS)
    assert audit_rows() == [
        ("oracle_reading.list", "oracle_reading", None, profile.pk, ADDRESS, principal.account.pk)
    ]


def test_reading_a_reading_is_audited_by_the_service(principal, profile):
    row = reading(principal, profile=profile)
    assert (
        history.read_reading(principal=principal, reading_id=row.pk, client_address=ADDRESS) == row
    )
    assert audit_rows() == [
        ("oracle_reading.read", "oracle_reading", row.pk, profile.pk, ADDRESS, principal.account.pk)
    ]


def test_looking_a_reading_up_for_another_service_is_not_audited(principal):
    row = reading(principal)
    assert history.get_reading(principal=principal, reading_id=row.pk) == row
    assert audit_rows() == []


def test_a_reading_listing_refused_for_an_unseen_profile_is_not_audited(principal):
    with pytest.raises(profiles.ProfileNotFound):
        history.list_readings(principal=principal, profile_id=ProfileFactory().pk)
    assert audit_rows() == []


def test_listing_profiles_is_audited_by_the_service(principal, profile):
    page = profiles.list_profiles(principal=principal, client_address=ADDRESS)
    assert page.profiles == [profile]
    assert audit_rows() == [
        ("oracle_user.list", "oracle_user", None, None, ADDRESS, principal.account.pk)
    ]


def test_reading_a_profile_is_audited_by_the_service(principal, profile):
    shown = profiles.read_profile(
        principal=principal, profile_id=profile.pk, client_address=ADDRESS
    )
    assert shown == profile
    assert audit_rows() == [
        ("oracle_user.read", "oracle_user", profile.pk, profile.pk, ADDRESS, principal.account.pk)
    ]


def test_an_unseen_profile_is_not_found_and_not_audited(principal):
    with pytest.raises(profiles.ProfileNotFound):
        profiles.read_profile(principal=principal, profile_id=ProfileFactory().pk)
    assert audit_rows() == []


def test_restoring_a_profile_revives_it_and_is_audited(principal, profile):
    profile.delete()
    restored = profiles.restore_profile(
        principal=principal, profile_id=profile.pk, client_address=ADDRESS
    )
    assert not restored.is_deleted
    assert audit_rows() == [
        (
            "oracle_user.restore",
            "oracle_user",
            profile.pk,
            profile.pk,
            ADDRESS,
            principal.account.pk,
        )
    ]


def test_a_profile_is_not_restored_over_a_live_twin(principal, profile):
    profile.delete()
    ProfileFactory(owner=principal.account, name=profile.name, birthday=profile.birthday)
    with pytest.raises(profiles.DuplicateProfile):
        profiles.restore_profile(principal=principal, profile_id=profile.pk)
    profile.refresh_from_db()
    assert profile.is_deleted
    assert audit_rows() == []


def test_another_accounts_profile_cannot_be_restored(principal):
    theirs = ProfileFactory()
    theirs.delete()
    with pytest.raises(profiles.ProfileNotFound):
        profiles.restore_profile(principal=principal, profile_id=theirs.pk)

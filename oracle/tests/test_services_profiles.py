"""`profiles.list_profiles` orders: newest first for the API, by name for the profiles page."""

import datetime

import pytest

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.services import profiles
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def principal():
    return principal_for_account(UserFactory(role=Role.USER), auth_type="session")


def names(page) -> list[str]:
    return [profile.name for profile in page.profiles]


def test_profiles_are_listed_newest_first_by_default(principal):
    start = datetime.datetime(2025, 1, 1, tzinfo=datetime.UTC)
    for day, name in enumerate(("Bita", "arash", "Cyrus")):
        ProfileFactory(
            owner=principal.account, name=name, created_at=start + datetime.timedelta(days=day)
        )

    assert names(profiles.list_profiles(principal=principal)) == ["Cyrus", "arash", "Bita"]


def test_profiles_by_name_ignore_case_and_page_in_that_order(principal):
    for name in ("Bita", "arash", "Cyrus", "darya"):
        ProfileFactory(owner=principal.account, name=name)

    first = profiles.list_profiles(principal=principal, order="name", limit=2)
    second = profiles.list_profiles(principal=principal, order="name", limit=2, offset=2)

    assert names(first) == ["arash", "Bita"] and names(second) == ["Cyrus", "darya"]
    assert first.total == 4


def test_an_unknown_order_is_refused(principal):
    with pytest.raises(ValueError, match="Unknown profile order"):
        profiles.list_profiles(principal=principal, order="age")


@pytest.mark.parametrize("path", ["/oracle", "/history", "/settings"])
def test_a_page_with_a_profile_picker_writes_no_audit_row(client, user, path):
    """The pickers list names to choose from; rendering a page must not audit a profile list
    (the history page still audits the readings it lists)."""
    from nps.core.models import AuditLog

    ProfileFactory(owner=user, name="Zed")
    ProfileFactory(owner=user, name="Ava")
    client.force_login(user)
    response = client.get(path)
    assert response.status_code == 200
    assert not AuditLog.objects.filter(action="oracle_user.list").exists()
    assert [
        profile.name
        for profile in profiles.choices(principal_for_account(user, auth_type="session"))
    ] == ["Ava", "Zed"]

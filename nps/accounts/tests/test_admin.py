import pytest

from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def test_admin_lists_accounts_with_role_and_active_filters(client, admin_user):
    UserFactory(username="moddy", role=Role.MODERATOR)
    client.force_login(admin_user)
    response = client.get("/admin/accounts/user/")
    assert response.status_code == 200
    content = response.content.decode()
    assert "moddy" in content
    assert "By role" in content
    assert "By active" in content


def test_admin_filters_accounts_by_role(client, admin_user):
    UserFactory(username="moddy", role=Role.MODERATOR)
    UserFactory(username="plain", role=Role.USER)
    client.force_login(admin_user)
    content = client.get("/admin/accounts/user/?role__exact=moderator").content.decode()
    assert "moddy" in content
    assert "plain" not in content


def test_admin_creates_an_account_with_a_role(client, admin_user):
    client.force_login(admin_user)
    response = client.post(
        "/admin/accounts/user/add/",
        {
            "username": "newreader",
            "email": "new@example.com",
            "role": Role.READONLY,
            "usable_password": "true",
            "password1": "a-long-enough-passphrase-42",
            "password2": "a-long-enough-passphrase-42",
        },
    )
    assert response.status_code == 302
    created = User.objects.get(username="newreader")
    assert created.role == Role.READONLY
    assert created.check_password("a-long-enough-passphrase-42")


def test_deactivate_action_spares_the_acting_admin(client, admin_user):
    other = UserFactory()
    client.force_login(admin_user)
    client.post(
        "/admin/accounts/user/",
        {"action": "deactivate", "_selected_action": [str(other.pk), str(admin_user.pk)]},
    )
    other.refresh_from_db()
    admin_user.refresh_from_db()
    assert other.is_active is False
    assert admin_user.is_active is True


def test_moderator_cannot_open_the_accounts_admin(client):
    client.force_login(UserFactory(role=Role.MODERATOR))
    assert client.get("/admin/accounts/user/").status_code == 403


def test_plain_user_is_sent_to_the_admin_login(client, user):
    client.force_login(user)
    response = client.get("/admin/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]

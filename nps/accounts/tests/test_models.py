import pytest
from django.db import IntegrityError, connection, transaction

from nps.accounts.models import User
from nps.accounts.roles import ALL_SCOPES, Role, expand_scopes, scopes_for_role
from nps.accounts.tests.factories import UserFactory


def test_admin_role_has_every_scope():
    assert set(scopes_for_role(Role.ADMIN)) == set(ALL_SCOPES)


def test_no_role_grants_scanner_scopes():
    for role in Role.values:
        assert not any(scope.startswith("scanner:") for scope in scopes_for_role(role))


def test_unknown_role_gets_read_only_scopes():
    assert scopes_for_role("wizard") == scopes_for_role(Role.READONLY)


def test_scope_hierarchy_admin_implies_write_and_read():
    assert expand_scopes(["oracle:admin"]) == {"oracle:admin", "oracle:write", "oracle:read"}
    assert expand_scopes(["vault:write"]) == {"vault:write", "vault:read"}


def test_bare_admin_scope_implies_nothing_more():
    assert expand_scopes(["admin"]) == {"admin"}


def test_moderator_manages_oracle_but_not_accounts():
    scopes = expand_scopes(scopes_for_role(Role.MODERATOR))
    assert "oracle:admin" in scopes
    assert "admin" not in scopes


@pytest.mark.django_db
def test_user_table_keeps_v4_names():
    columns = {
        c.name for c in connection.introspection.get_table_description(connection.cursor(), "users")
    }
    assert {"id", "username", "password_hash", "role", "is_active", "created_at"} <= columns
    assert {"updated_at", "last_login"} <= columns


@pytest.mark.django_db
def test_plain_sql_insert_gets_database_defaults():
    with connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO users (username, password_hash) VALUES (%s, %s)", ["sqlonly", "!"]
        )
    user = User.objects.get(username="sqlonly")
    assert user.role == Role.USER
    assert user.is_active is True
    assert user.id is not None
    assert user.created_at is not None


@pytest.mark.django_db
def test_database_rejects_an_unknown_role():
    with pytest.raises(IntegrityError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(
            "INSERT INTO users (username, password_hash, role) VALUES (%s, %s, %s)",
            ["badrole", "!", "wizard"],
        )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("role", "staff", "superuser"),
    [
        (Role.ADMIN, True, True),
        (Role.MODERATOR, True, False),
        (Role.USER, False, False),
        (Role.READONLY, False, False),
    ],
)
def test_admin_console_access_follows_the_role(role, staff, superuser):
    account = UserFactory(role=role)
    assert account.is_staff is staff
    assert account.is_superuser is superuser


@pytest.mark.django_db
def test_inactive_admin_loses_every_permission():
    account = UserFactory(role=Role.ADMIN, is_active=False)
    assert not account.is_staff
    assert not account.has_perm("accounts.change_user")


@pytest.mark.django_db
def test_moderator_permissions_stop_at_accounts():
    moderator = UserFactory(role=Role.MODERATOR)
    assert moderator.has_perm("core.view_auditlog")
    assert not moderator.has_perm("accounts.change_user")
    assert not moderator.has_module_perms("accounts")


@pytest.mark.django_db
def test_password_is_stored_hashed_with_pbkdf2(password, production_hashers):
    account = UserFactory()
    assert account.password != password
    assert account.password.startswith("pbkdf2_sha256$1000000$")
    assert account.check_password(password)


@pytest.mark.django_db
def test_create_superuser_makes_an_admin():
    account = User.objects.create_superuser("root", "s3cret-pass-phrase", email="r@example.com")
    assert account.role == Role.ADMIN
    assert account.is_superuser


def test_one_account_per_email_address_whatever_its_case(db):
    """The database holds it too (two sign-ups at once, the admin): the checks before a save
    are not the only guard."""
    from django.core.exceptions import ValidationError
    from django.db import IntegrityError, transaction

    User.objects.create_user("first", "s3cret-pass-phrase", email="Reader@Example.com")
    User.objects.create_user("no-address-1", "s3cret-pass-phrase", email="")
    User.objects.create_user("no-address-2", "s3cret-pass-phrase", email="")  # none is no clash
    second = User(username="second", email="reader@example.COM")
    with pytest.raises(ValidationError, match="already exists"):
        second.validate_constraints()
    with pytest.raises(IntegrityError), transaction.atomic():
        second.save()


def test_a_sign_up_that_loses_the_race_for_an_address_is_told_beside_the_field(db, monkeypatch):
    from nps.accounts import signup
    from nps.core.errors import InvalidField

    User.objects.create_user("quicker", "s3cret-pass-phrase", email="BOTH@example.com")
    # the other sign-up was stored after this one's check: the check saw nothing
    monkeypatch.setattr(signup, "refuse_taken", lambda username, email: None)
    with pytest.raises(InvalidField) as refused:
        signup.open_account(
            username="slower", email="both@example.com", password="a-long-pass-phrase-2026"
        )
    assert refused.value.field == "email"

"""What a person does to their own account from `/settings` (and the API): change the password,
delete the account (soft: an admin can restore it)."""

from __future__ import annotations

from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import transaction

from nps.accounts import extensions
from nps.accounts.models import TokenSession, User
from nps.accounts.principal import Principal
from nps.core import audit
from nps.core.errors import Forbidden, InvalidField


def _account(principal: Principal) -> User:
    if principal.account is None:
        raise Forbidden("The legacy secret has no account")
    return principal.account


@transaction.atomic
def change_password(
    *,
    principal: Principal,
    current_password: str,
    new_password: str,
    client_address: str | None = None,
) -> User:
    """Check the current password and Django's validators, then change it. Saving the account
    ends its API token sessions (`User.save`); the page keeps its own browser session."""
    account = _account(principal)
    if not account.check_password(current_password):
        raise InvalidField(("current_password",), "The current password is not correct.")
    try:
        password_validation.validate_password(new_password, user=account)
    except ValidationError as error:
        raise InvalidField(("new_password",), " ".join(error.messages)) from None
    account.set_password(new_password)
    account.save()
    audit.record("auth.password_change", actor=account, client_address=client_address)
    return account


@transaction.atomic
def delete_account(*, principal: Principal, client_address: str | None = None) -> User:
    """Soft delete: the account is disabled (it can no longer log in, its tokens and keys stop
    working at once, its share links are revoked) and its data kept; an admin restores it by
    making it active again (the links stay revoked: the owner makes new ones)."""
    account = _account(principal)
    account.is_active = False
    account.save(update_fields=["is_active", "updated_at"])
    TokenSession.objects.filter(account=account).revoke()
    extensions.account_deleted(account)  # the oracle revokes its share links
    audit.record("account.delete", actor=account, client_address=client_address)
    return account

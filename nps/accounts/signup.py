"""Opening an account oneself (`/signup`): switchable off, rate-limited per address, audited."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction

from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.core import audit, ratelimit
from nps.core.errors import Forbidden, InvalidField


class SignupClosed(Forbidden):
    message = "This installation does not let people open accounts themselves"


def is_open() -> bool:
    return bool(settings.NPS_ALLOW_SIGNUP)


def open_account(
    *, username: str, email: str, password: str, client_address: str | None = None
) -> User:
    """A new `user` account. Raises `SignupClosed`, `RateLimitExceeded` (per address, class
    ``signup``), or `InvalidField` naming ``username`` (taken) or ``password`` (Django's
    validators)."""
    if not is_open():
        raise SignupClosed()
    ratelimit.charge("signup", client_address or "unknown")
    candidate = User(username=username, email=email, role=Role.USER)
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as error:
        raise InvalidField(("password",), " ".join(error.messages)) from None
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidField(("username",), "An account with that username already exists.")
    try:
        with transaction.atomic():
            account = User.objects.create_user(
                username=username, email=email, password=password, role=Role.USER
            )
            audit.record(
                "account.signup",
                actor=account,
                client_address=client_address,
                resource_type="account",
            )
    except IntegrityError:  # the same name taken by a concurrent sign-up
        raise InvalidField(("username",), "An account with that username already exists.") from None
    return account

"""Opening an account oneself (`/signup`): switchable off, rate-limited per address, audited."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import password_validation
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.core import audit, ratelimit
from nps.core.errors import Forbidden, InvalidField


class SignupClosed(Forbidden):
    message = "This installation does not let people open accounts themselves"


ADDRESS_REFUSED = gettext_lazy(
    "This e-mail address cannot be used for a new account. If it is yours, log in "
    "or ask for a new password."
)


def is_open() -> bool:
    return bool(settings.NPS_ALLOW_SIGNUP)


def open_account(
    *, username: str, email: str, password: str, client_address: str | None = None
) -> User:
    """A new `user` account. Raises `SignupClosed`, `RateLimitExceeded` (per address, class
    ``signup``), or `InvalidField` naming ``username`` (taken), ``email`` (already an account's,
    whatever its case) or ``password`` (the validators of AUTH_PASSWORD_VALIDATORS)."""
    if not is_open():
        raise SignupClosed()
    ratelimit.charge("signup", client_address or "unknown")
    candidate = User(username=username, email=email, role=Role.USER)
    try:
        password_validation.validate_password(password, user=candidate)
    except ValidationError as error:
        raise InvalidField(("password",), " ".join(error.messages)) from None
    refuse_taken(username, email)
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
    except IntegrityError:  # the same name or address taken by a concurrent sign-up
        if User.objects.filter(email__iexact=email).exclude(email="").exists():
            raise InvalidField(("email",), str(ADDRESS_REFUSED)) from None
        raise InvalidField(
            ("username",), _("An account with that username already exists.")
        ) from None
    return account


def refuse_taken(username: str, email: str) -> None:
    """`InvalidField` when the name or the address is already an account's, whatever its case
    (the database's unique indexes refuse what two concurrent sign-ups would both pass)."""
    if User.objects.filter(username__iexact=username).exists():
        raise InvalidField(("username",), _("An account with that username already exists."))
    if User.objects.filter(email__iexact=email).exists():
        # Says no more than that the address cannot be used (never whose it is), and where its
        # owner goes instead; the per-address sign-up limit keeps this from being a fast probe.
        raise InvalidField(("email",), str(ADDRESS_REFUSED))

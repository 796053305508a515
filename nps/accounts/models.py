"""Login accounts (V4's `users` table).

Permissions come from the role alone: `admin` may do everything, including in the admin console;
`moderator` manages every account's oracle data; `user` and `readonly` manage only their own.
"""

import uuid

from django.contrib.auth.base_user import AbstractBaseUser, BaseUserManager
from django.contrib.auth.validators import UnicodeUsernameValidator
from django.db import models
from django.db.models.functions import Lower, Now
from django.utils import timezone
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

from nps.accounts.roles import ROLES_SEEING_ALL, Role, expand_scopes, scopes_for_role
from nps.core.dates import AUTO as AUTO_CALENDAR
from nps.core.dates import CALENDAR_CHOICES
from nps.core.db import RandomUUID
from nps.core.validators import validate_timezone_name

# Admin-console areas a moderator may use; everything else (accounts, keys, lockouts) is admin-only.
MODERATOR_APPS = frozenset({"oracle", "vault", "learning", "core"})


class UserManager(BaseUserManager):
    use_in_migrations = True

    def create_user(self, username: str, password: str | None = None, **fields) -> "User":
        if not username:
            raise ValueError("A username is required.")
        user = self.model(username=self.model.normalize_username(username), **fields)
        user.email = self.normalize_email(user.email)
        user.set_password(password)
        user.save(using=self._db)
        return user

    def create_superuser(self, username: str, password: str | None = None, **fields) -> "User":
        fields["role"] = Role.ADMIN
        return self.create_user(username, password, **fields)


class User(AbstractBaseUser):
    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=RandomUUID(), editable=False
    )
    username = models.CharField(
        _("username"),
        max_length=100,
        unique=True,
        validators=[UnicodeUsernameValidator()],
        help_text=_("Letters, digits and @/./+/-/_ only."),
        error_messages={"unique": _("An account with that username already exists.")},
    )
    email = models.EmailField(_("email address"), blank=True, default="", db_default="")
    password = models.CharField(_("password"), max_length=128, db_column="password_hash")
    role = models.CharField(
        _("role"), max_length=20, choices=Role.choices, default=Role.USER, db_default=Role.USER
    )
    is_active = models.BooleanField(
        _("active"),
        default=True,
        db_default=True,
        help_text=_("Inactive accounts cannot log in, and their tokens and API keys stop working."),
    )
    # Raised by "log out everywhere": every browser session signed before it stops being valid.
    session_epoch = models.PositiveIntegerField(
        _("session generation"), default=0, db_default=0, editable=False
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    objects = UserManager()

    USERNAME_FIELD = "username"
    EMAIL_FIELD = "email"
    REQUIRED_FIELDS = ["email"]

    class Meta:
        db_table = "users"
        verbose_name = _("account")
        verbose_name_plural = _("accounts")
        ordering = ["username"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values), name="users_role_check"
            ),
            # One account per address, whatever its case (sign-up and settings say so beside
            # the field; this holds under concurrent requests and in the admin too).
            models.UniqueConstraint(
                Lower("email"),
                condition=~models.Q(email=""),
                name="users_email_unique",
                violation_error_message=_("An account with this e-mail address already exists."),
            ),
        ]

    def __str__(self) -> str:
        return self.username

    def _get_session_auth_hash(self, secret=None) -> str:
        """Django keeps this hash in every browser session and drops a session whose hash no
        longer matches: it follows the password (Django's rule) and the session generation, so
        raising `session_epoch` ends the account's sessions in every browser. Generation 0 gives
        Django's own hash, so sessions from before this rule stay valid."""
        if not self.session_epoch:
            return super()._get_session_auth_hash(secret=secret)
        return salted_hmac(
            "nps.accounts.User.session_auth_hash",
            f"{self.password}:{self.session_epoch}",
            secret=secret,
            algorithm="sha256",
        ).hexdigest()

    def save(self, *args, **kwargs) -> None:
        # `set_password()` leaves the new clear password in `_password` until the row is saved.
        password_changed = self._password is not None and not self._state.adding
        super().save(*args, **kwargs)
        if password_changed:
            # A new password ends every API login of the account at once (their access tokens too).
            TokenSession.objects.filter(account=self).revoke()

    @property
    def is_admin(self) -> bool:
        return self.is_active and self.role == Role.ADMIN

    @property
    def sees_all_accounts_data(self) -> bool:
        """Moderators and admins see every account's profiles and readings."""
        return self.is_active and self.role in ROLES_SEEING_ALL

    @property
    def scopes(self) -> frozenset[str]:
        return expand_scopes(scopes_for_role(self.role))

    # What the Django admin asks of a user: derived from the role, no per-user permission rows.
    @property
    def is_staff(self) -> bool:
        return self.is_active and self.role in ROLES_SEEING_ALL

    @property
    def is_superuser(self) -> bool:
        return self.is_admin

    def has_perm(self, perm: str, obj=None) -> bool:
        if self.is_admin:
            return True
        if not self.is_staff:
            return False
        app_label = perm.split(".", 1)[0]
        return app_label in MODERATOR_APPS

    def has_perms(self, perm_list, obj=None) -> bool:
        return all(self.has_perm(perm, obj) for perm in perm_list)

    def has_module_perms(self, app_label: str) -> bool:
        return self.is_admin or (self.is_staff and app_label in MODERATOR_APPS)


class ApiKeyQuerySet(models.QuerySet):
    def usable(self):
        """Keys that authenticate now: active, unexpired, and (when owned) of an active account."""
        return (
            self.filter(is_active=True)
            .filter(models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=timezone.now()))
            .filter(models.Q(user__isnull=True) | models.Q(user__is_active=True))
        )


class ApiKey(models.Model):
    """An API key (V4's `api_keys`). Only its SHA-256 is stored; the key itself is shown once."""

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=RandomUUID(), editable=False
    )
    user = models.ForeignKey(
        User,
        verbose_name=_("account"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="api_keys",
    )
    key_hash = models.CharField(_("key hash (SHA-256)"), max_length=64, unique=True, editable=False)
    name = models.CharField(_("name"), max_length=100)
    scopes = models.JSONField(_("scopes"), default=list, db_default=[], blank=True)
    rate_limit = models.PositiveIntegerField(
        _("requests per minute"),
        null=True,
        blank=True,
        help_text=_("Empty: the server's default limit."),
    )
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_default=Now())
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    last_used = models.DateTimeField(_("last used"), null=True, blank=True, editable=False)
    is_active = models.BooleanField(_("active"), default=True, db_default=True)

    objects = ApiKeyQuerySet.as_manager()

    class Meta:
        db_table = "api_keys"
        verbose_name = _("API key")
        verbose_name_plural = _("API keys")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return self.name

    @property
    def is_expired(self) -> bool:
        return self.expires_at is not None and self.expires_at <= timezone.now()


class TokenSessionQuerySet(models.QuerySet):
    def live(self):
        """Sessions whose tokens still work: not revoked, not expired, of an active account."""
        return self.filter(
            revoked_at__isnull=True, expires_at__gt=timezone.now(), account__is_active=True
        )

    def revoke(self) -> int:
        return self.filter(revoked_at__isnull=True).update(revoked_at=timezone.now())


class TokenSession(models.Model):
    """One API login (`POST /api/auth/login`) and the token chain that grew from it.

    Access and refresh tokens carry the session's id (claim `sid`); a token works only while its
    session is live, so logging out, a password change or "log out everywhere" ends its tokens at
    once. Only the id (`jti`) of the one refresh token that may be used next is stored — never a
    token, which could be replayed by whoever reads the database.
    """

    id = models.UUIDField(
        primary_key=True, default=uuid.uuid4, db_default=RandomUUID(), editable=False
    )
    account = models.ForeignKey(
        User,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="token_sessions",
    )
    refresh_jti = models.CharField(_("current refresh token id"), max_length=64, editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_default=Now())
    refreshed_at = models.DateTimeField(_("last refreshed"), null=True, blank=True)
    expires_at = models.DateTimeField(_("expires"))
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)

    objects = TokenSessionQuerySet.as_manager()

    class Meta:
        db_table = "auth_token_sessions"
        verbose_name = _("API login session")
        verbose_name_plural = _("API login sessions")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["account", "revoked_at"], name="idx_token_sessions_account")
        ]

    def __str__(self) -> str:
        return str(self.pk)


class Theme(models.TextChoices):
    SYSTEM = "system", _("Follow the system")
    DARK = "dark", _("Dark")
    LIGHT = "light", _("Light")


class Preferences(models.Model):
    """An account's settings (`/settings`, `GET/PUT /api/settings`); a missing row means the
    defaults. The language is used after login on any device (the login sets the cookie)."""

    account = models.OneToOneField(
        User,
        verbose_name=_("account"),
        primary_key=True,
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="preferences",
    )
    language = models.CharField(_("language"), max_length=8, blank=True, default="")
    theme = models.CharField(_("theme"), max_length=8, choices=Theme.choices, default=Theme.DARK)
    numerology_system = models.CharField(
        _("numerology system"), max_length=20, blank=True, default="auto"
    )
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        blank=True,
        default="",
        validators=[validate_timezone_name],
    )
    default_reading_type = models.CharField(
        _("default reading type"), max_length=20, blank=True, default="time"
    )
    # How dates are shown, whatever the language: "auto" is Jalali in Persian, Gregorian in English.
    calendar = models.CharField(
        _("calendar"),
        max_length=10,
        choices=CALENDAR_CHOICES,
        default=AUTO_CALENDAR,
        db_default=AUTO_CALENDAR,
    )
    default_profile = models.ForeignKey(
        "oracle.Profile",
        verbose_name=_("default profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    # The timing advisor's best hours are offered from `waking_from` until `waking_until` (the
    # hour that starts at 21:00 ends at 22:00); a range past midnight (22 → 6) is allowed.
    waking_from = models.PositiveSmallIntegerField(_("waking hours from"), default=7, db_default=7)
    waking_until = models.PositiveSmallIntegerField(
        _("waking hours until"), default=22, db_default=22
    )
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    class Meta:
        db_table = "account_preferences"
        verbose_name = _("preferences")
        verbose_name_plural = _("preferences")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(waking_from__lte=23)
                & models.Q(waking_until__gte=1, waking_until__lte=24)
                & ~models.Q(waking_from=models.F("waking_until")),
                name="account_preferences_waking_hours",
            )
        ]

    def __str__(self) -> str:
        return str(self.account_id)

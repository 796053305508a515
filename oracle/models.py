"""The oracle domain: profiles of people read for, stored readings, who took part in them.

V4's tables and columns with database defaults and ON DELETE rules, plus what V4
lacked: the owning account, per-profile numerology system / gender / time zone, favourites and soft
delete of readings. Mother names, questions and interpretations are encrypted at rest; no clear copy
of them is kept anywhere else (not in `reading_result`, not in `sign_value`).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Length, Now
from django.db.models.lookups import GreaterThanOrEqual
from django.urls import reverse
from django.utils.timezone import now
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from nps.core.blind_index import TermHashesField
from nps.core.fields import EncryptedTextField, PointField
from nps.core.models import AliveManager, SoftDeleteModel, SoftDeleteQuerySet
from nps.core.validators import validate_timezone_name


class NumerologySystem(models.TextChoices):
    AUTO = "auto", _("Automatic (Abjad for Persian script)")
    PYTHAGOREAN = "pythagorean", _("Pythagorean")
    CHALDEAN = "chaldean", _("Chaldean")
    ABJAD = "abjad", _("Abjad")


class Gender(models.TextChoices):
    MALE = "male", _("Male")
    FEMALE = "female", _("Female")


class ReadingKind(models.TextChoices):
    """What a person calls a reading, the one vocabulary of every page, list, filter, export and
    setting: the consultation's tabs, the result templates' reading type, the default reading
    type. `{{ reading.kind.label }}` names it."""

    TIME = "time", _("Time")
    NAME = "name", _("Name")
    QUESTION = "question", _("Question")
    DAILY = "daily", _("Daily")
    GROUP = "multi", _("Group")

    @classmethod
    def of(cls, sign_type: str) -> "ReadingKind":
        """The kind of a stored `sign_type` (Time for a value no longer known)."""
        return cls(_KIND_OF_SIGN_TYPE.get(sign_type, cls.TIME.value))

    @classmethod
    def totals(cls, by_sign_type: dict[str, int]) -> list[tuple["ReadingKind", int]]:
        """Counts by `sign_type` as counts by kind, in this order, leaving out the zeros."""
        counts = dict.fromkeys(cls, 0)
        for sign_type, count in by_sign_type.items():
            counts[cls.of(sign_type)] += count
        return [(kind, count) for kind, count in counts.items() if count]

    @property
    def sign_types(self) -> tuple[str, ...]:
        """The stored `sign_type` values of this kind (a time reading has two: V4's "reading")."""
        return tuple(value for value, kind in _KIND_OF_SIGN_TYPE.items() if kind == self.value)

    @property
    def engine_kind(self) -> str:
        """The interpretation engine's name of this kind (`oracle.engines.interpretation`)."""
        return {"time": "reading", "multi": "group"}.get(self.value, self.value)


class SignType(models.TextChoices):
    """The stored kind (`sign_type`, V4's six values, a DB CHECK). "reading" is V4's time
    reading, labelled as one: each label is its `ReadingKind`'s."""

    TIME = "time", _("Time")
    NAME = "name", _("Name")
    QUESTION = "question", _("Question")
    READING = "reading", _("Time")
    MULTI_USER = "multi_user", _("Group")
    DAILY = "daily", _("Daily")

    @property
    def kind(self) -> ReadingKind:
        return ReadingKind.of(self.value)


_KIND_OF_SIGN_TYPE = {
    "time": "time",
    "reading": "time",
    "name": "name",
    "question": "question",
    "multi_user": "multi",
    "daily": "daily",
}


class OwnedQuerySet(SoftDeleteQuerySet):
    def visible_to(self, principal):
        """Rows a principal may see: all for admins and moderators, else its account's own."""
        if principal.sees_all:
            return self
        return self.owned_by(principal)

    def owned_by(self, principal):
        """The principal's account's own rows, whoever it is (none for an account-less key)."""
        if principal.account is None:
            return self.none()
        return self.filter(owner=principal.account)


class ReadingQuerySet(OwnedQuerySet):
    def involving(self, profile):
        """Readings a profile takes part in: its single readings, and the group readings it is
        the primary person of or a participant in.

        No DISTINCT is needed (the participants are a subquery), and none would work: PostgreSQL
        cannot compare the profile's `point` column.
        """
        participations = ReadingParticipant.objects.filter(profile=profile).values("reading_id")
        return self.filter(
            models.Q(profile=profile)
            | models.Q(primary_profile=profile)
            | models.Q(pk__in=participations)
        )


class Profile(SoftDeleteModel):
    """A person readings are made for (V4's `oracle_users`; not a login account)."""

    id = models.AutoField(primary_key=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_column="created_by",
        related_name="oracle_profiles",
    )
    name = models.CharField(_("name"), max_length=200)
    name_persian = models.CharField(_("Persian name"), max_length=200, null=True, blank=True)
    birthday = models.DateField(_("birthday"))
    mother_name = EncryptedTextField(_("mother's name"))
    mother_name_persian = EncryptedTextField(_("mother's Persian name"), null=True, blank=True)
    country = models.CharField(_("country"), max_length=100, null=True, blank=True)
    city = models.CharField(_("city"), max_length=100, null=True, blank=True)
    coordinates = PointField(_("coordinates (longitude, latitude)"), null=True, blank=True)
    timezone = models.CharField(
        _("time zone"),
        max_length=64,
        default="UTC",
        db_default="UTC",
        help_text=_("IANA name, e.g. Asia/Tehran; readings for this person use it."),
        validators=[validate_timezone_name],
    )
    gender = models.CharField(
        _("gender"), max_length=10, choices=Gender.choices, null=True, blank=True
    )
    numerology_system = models.CharField(
        _("numerology system"),
        max_length=20,
        choices=NumerologySystem.choices,
        default=NumerologySystem.AUTO,
        db_default=NumerologySystem.AUTO,
    )
    created_at = models.DateTimeField(_("created"), default=now, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    objects = AliveManager.from_queryset(OwnedQuerySet)()
    all_objects = models.Manager.from_queryset(OwnedQuerySet)()

    class Meta(SoftDeleteModel.Meta):
        db_table = "oracle_users"
        verbose_name = _("profile")
        verbose_name_plural = _("profiles")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=GreaterThanOrEqual(Length("name"), 2), name="oracle_users_name_check"
            ),
            models.CheckConstraint(
                condition=models.Q(gender__in=Gender.values) | models.Q(gender__isnull=True),
                name="oracle_users_gender_check",
            ),
            models.CheckConstraint(
                condition=models.Q(numerology_system__in=NumerologySystem.values),
                name="oracle_users_numerology_system_check",
            ),
            # V4's partial unique index, per owning account: one account's profiles must not
            # collide with (or reveal) another account's.
            models.UniqueConstraint(
                fields=["owner", "name", "birthday"],
                condition=models.Q(deleted_at__isnull=True),
                name="idx_oracle_users_name_birthday_active",
            ),
        ]
        indexes = [
            models.Index(
                fields=["deleted_at"],
                condition=models.Q(deleted_at__isnull=True),
                name="idx_oracle_users_active",
            ),
            models.Index(fields=["-created_at"], name="idx_oracle_users_created_at"),
            models.Index(fields=["name"], name="idx_oracle_users_name"),
        ]

    def __str__(self) -> str:
        return self.name

    @property
    def longitude(self) -> float | None:
        return self.coordinates[0] if self.coordinates else None

    @property
    def latitude(self) -> float | None:
        return self.coordinates[1] if self.coordinates else None


class Reading(SoftDeleteModel):
    """A stored reading (V4's `oracle_readings`).

    `reading_result` holds the computed result *without* its sensitive text: the question (or the
    name read, or the moment asked about) lives only in the encrypted `question`, the
    interpretation only in the encrypted `ai_interpretation`; the readings service puts them
    back together.
    """

    id = models.BigAutoField(primary_key=True)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_column="account_id",
        related_name="oracle_readings",
    )
    profile = models.ForeignKey(
        Profile,
        verbose_name=_("profile"),
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        db_column="user_id",
        related_name="readings",
    )
    is_multi_user = models.BooleanField(_("multi-user"), default=False, db_default=False)
    primary_profile = models.ForeignKey(
        Profile,
        verbose_name=_("primary profile"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        db_column="primary_user_id",
        related_name="primary_readings",
    )
    question = EncryptedTextField(_("question"), null=True, blank=True)
    question_persian = EncryptedTextField(_("Persian question"), null=True, blank=True)
    sign_type = models.CharField(_("sign type"), max_length=20, choices=SignType.choices)
    sign_value = models.CharField(_("sign value"), max_length=100)
    reading_result = models.JSONField(_("result"), null=True, blank=True)
    ai_interpretation = EncryptedTextField(_("interpretation"), null=True, blank=True)
    ai_interpretation_persian = EncryptedTextField(
        _("Persian interpretation"), null=True, blank=True
    )
    individual_results = models.JSONField(_("individual results"), null=True, blank=True)
    compatibility_matrix = models.JSONField(_("compatibility matrix"), null=True, blank=True)
    combined_energy = models.JSONField(_("combined energy"), null=True, blank=True)
    numerology_system = models.CharField(
        _("numerology system"),
        max_length=20,
        choices=NumerologySystem.choices,
        null=True,
        blank=True,
    )
    is_favorite = models.BooleanField(_("favourite"), default=False, db_default=False)
    created_at = models.DateTimeField(_("created"), default=now, db_default=Now())

    objects = AliveManager.from_queryset(ReadingQuerySet)()
    all_objects = models.Manager.from_queryset(ReadingQuerySet)()

    class Meta(SoftDeleteModel.Meta):
        db_table = "oracle_readings"
        verbose_name = _("reading")
        verbose_name_plural = _("readings")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(sign_type__in=SignType.values),
                name="oracle_readings_sign_type_check",
            ),
        ]
        indexes = [
            models.Index(fields=["-created_at"], name="idx_oracle_readings_created_at"),
            models.Index(fields=["sign_type"], name="idx_oracle_readings_sign_type"),
            models.Index(fields=["is_multi_user"], name="idx_oracle_readings_is_multi"),
            models.Index(
                fields=["owner", "-created_at"],
                condition=models.Q(deleted_at__isnull=True),
                name="idx_oracle_readings_owner_live",
            ),
            # From the index alone: the account's live readings by type with their count, id
            # sum and largest id (`stats.history_totals` after a change), and the history's
            # totals — the count and the favourites among them (`history._totals`).
            models.Index(
                fields=["owner", "sign_type", "id", "is_favorite"],
                condition=models.Q(deleted_at__isnull=True),
                name="idx_oracle_readings_owner_kind",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.kind.label} #{self.pk}"

    def get_absolute_url(self) -> str:
        return reverse("oracle:reading", args=[self.pk])

    @property
    def kind(self) -> ReadingKind:
        """What a person calls this reading (`SignType` "reading" is a time reading)."""
        return ReadingKind.of(self.sign_type)

    @property
    def title(self) -> str:
        """What a list shows of the reading: its question or name (decrypted), the moment, the
        day, the group's names. When the reader may not read its texts (`private_hidden` set by
        `oracle.views.reading_page.annotate`: a moderator, another account's reading) the question
        or name is the mask and nothing is decrypted."""
        from oracle.services.titles import reading_title

        key = (getattr(self, "private_hidden", False), get_language())
        cached = self.__dict__.get("_title")
        if cached is None or cached[0] != key:
            cached = self.__dict__["_title"] = (key, reading_title(self, private_hidden=key[0]))
        return cached[1]


class ReadingParticipant(models.Model):
    """A profile that took part in a multi-user reading (V4's `oracle_reading_users`)."""

    pk = models.CompositePrimaryKey("reading_id", "profile_id")
    reading = models.ForeignKey(
        Reading, on_delete=models.CASCADE, related_name="participants", db_column="reading_id"
    )
    profile = models.ForeignKey(
        Profile,
        on_delete=models.CASCADE,
        related_name="participations",
        db_column="user_id",
    )
    is_primary = models.BooleanField(_("primary"), default=False, db_default=False)
    created_at = models.DateTimeField(_("created"), default=now, db_default=Now())

    class Meta:
        db_table = "oracle_reading_users"
        verbose_name = _("reading participant")
        verbose_name_plural = _("reading participants")
        indexes = [
            models.Index(fields=["profile"], name="idx_oracle_reading_users_user"),
            models.Index(fields=["reading"], name="idx_oracle_reading_users_read"),
        ]

    def __str__(self) -> str:
        return f"{self.reading_id}:{self.profile_id}"


class ReadingSearchIndex(models.Model):
    """The keyed blind index of one reading: the 64-bit keyed hashes of every word of its texts
    and of their prefixes (`nps.core.blind_index.index_hashes`), never the words, in one row.

    On PostgreSQL the hashes are a `bigint[]` with a GIN index (created by migration
    `oracle.0014_reading_search_index_filled`, PostgreSQL only); a search asks for the rows whose
    array holds all of its words' hashes. See `oracle.services.search_index`.
    """

    reading = models.OneToOneField(
        Reading,
        on_delete=models.CASCADE,
        primary_key=True,
        related_name="search_index",
        db_column="reading_id",
    )
    terms = TermHashesField(_("terms"))

    class Meta:
        db_table = "oracle_reading_search_index"
        verbose_name = _("reading search index")
        verbose_name_plural = _("reading search indexes")

    def __str__(self) -> str:
        return f"{self.reading_id}: {len(self.terms or ())} terms"


class ShareLinkQuerySet(models.QuerySet):
    def active(self):
        """Links that still open: not revoked, not expired, of a live reading and of accounts
        that are neither deleted nor disabled (`oracle.services.sharing.open_share_link`)."""
        return self.filter(
            models.Q(expires_at__isnull=True) | models.Q(expires_at__gt=now()),
            models.Q(owner__isnull=True) | models.Q(owner__is_active=True),
            models.Q(reading__owner__isnull=True) | models.Q(reading__owner__is_active=True),
            revoked_at__isnull=True,
            reading__deleted_at__isnull=True,
        )


class ShareLink(models.Model):
    """A public link to one reading (`/share/<token>`). Only the SHA-256 of the token is stored:
    whoever reads the database cannot open the links (which would show decrypted texts)."""

    id = models.BigAutoField(primary_key=True)
    reading = models.ForeignKey(
        Reading, on_delete=models.CASCADE, related_name="share_links", db_column="reading_id"
    )
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("owner"),
        null=True,
        on_delete=models.CASCADE,
        db_column="account_id",
        related_name="share_links",
    )
    token_hash = models.CharField(_("token hash (SHA-256)"), max_length=64, unique=True)
    token_prefix = models.CharField(_("token prefix"), max_length=8)
    created_at = models.DateTimeField(_("created"), default=now, db_default=Now())
    expires_at = models.DateTimeField(_("expires"), null=True, blank=True)
    revoked_at = models.DateTimeField(_("revoked"), null=True, blank=True)
    view_count = models.PositiveIntegerField(_("views"), default=0, db_default=0)
    last_viewed_at = models.DateTimeField(_("last viewed"), null=True, blank=True)

    objects = ShareLinkQuerySet.as_manager()

    class Meta:
        db_table = "oracle_share_links"
        verbose_name = _("share link")
        verbose_name_plural = _("share links")
        ordering = ["-created_at"]

    def __str__(self) -> str:
        return f"{self.token_prefix}… → {self.reading_id}"

    @property
    def is_active(self) -> bool:
        expired = self.expires_at is not None and self.expires_at <= now()
        return self.revoked_at is None and not expired


class HistoryVersion(models.Model):
    """Numbers that move whenever an account's history changes as its counts see it, kept by
    database triggers (migration `oracle 0016`), so every way of writing (the services, bulk
    imports, the admin, raw SQL) moves them:

    * ``version``: every change of its readings; ``changes``: every one but an added reading (a
      reading deleted, restored, moved, re-dated or re-composed);
    * ``journal``: its journal entries and their tags; ``feedback``: its ratings.

    What is counted over a whole history and kept in the cache stands while the numbers it was
    counted under have not moved (`oracle.services.stats`): a look-up of one row instead of a
    scan of the readings, the journal or the feedback."""

    # The account's id, without a foreign key: a row deleted with its account moves the numbers
    # of an account that is going (the row is left behind, a few bytes).
    account_id = models.UUIDField(primary_key=True)
    version = models.BigIntegerField(default=0)
    changes = models.BigIntegerField(default=0)
    journal = models.BigIntegerField(default=0)
    feedback = models.BigIntegerField(default=0)

    class Meta:
        db_table = "oracle_history_versions"

    def __str__(self) -> str:
        return f"{self.account_id}: {self.version}/{self.changes}/{self.journal}/{self.feedback}"

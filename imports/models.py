"""What was imported from NPS V4 and V3, and what V3 kept that no other app has yet.

* `ImportedRecord`: the source identity of every imported row (V4 table + id + creation time, V3
  file + hash of the entry), so a second run imports nothing twice, and the admin can show where a
  profile or reading came from. Kept here rather than as columns on oracle's tables.
* `ImportJob`: an import started from the admin console, run as a background job.
* `LegacyLearningState`, `PendingTelegramLink`: V3's learning state and Telegram chat id, for the
  Learning app and a later Telegram feature to read (`imports.services.learning_state_for`).
"""

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nps.core.fields import EncryptedTextField


class Source(models.TextChoices):
    V4 = "v4", _("NPS V4")
    V3 = "v3", _("NPS V3")


class Kind(models.TextChoices):
    ACCOUNT = "account", _("account")
    PROFILE = "profile", _("profile")
    READING = "reading", _("reading")
    AUDIT = "audit", _("audit entry")
    LEARNING = "learning", _("learning state")
    TELEGRAM = "telegram", _("Telegram link")


class ImportedRecord(models.Model):
    """One row of V4 or V3 that was imported, and the NPS object it became."""

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    source_key = models.CharField(_("source identity"), max_length=200)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)
    object_id = models.CharField(_("object id"), max_length=64)
    # False when the source row was matched to an object already in NPS (nothing was created).
    created = models.BooleanField(_("created by the import"), default=True, db_default=True)
    job = models.ForeignKey(
        "ImportJob",
        verbose_name=_("import job"),
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="records",
    )
    imported_at = models.DateTimeField(_("imported"), default=timezone.now, db_default=Now())

    class Meta:
        verbose_name = _("imported record")
        verbose_name_plural = _("imported records")
        ordering = ["-imported_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["source", "source_key"], name="imports_record_source_key"
            )
        ]
        indexes = [models.Index(fields=["kind", "object_id"], name="imports_record_object")]

    def __str__(self) -> str:
        return f"{self.source}:{self.source_key}"


class JobStatus(models.TextChoices):
    PENDING = "pending", _("waiting")
    RUNNING = "running", _("running")
    DONE = "done", _("done")
    FAILED = "failed", _("failed")


class ImportJob(models.Model):
    """An import started from the admin console and run by a worker (eagerly in `make run`).

    The secrets it needs (V4's database URL and key, V3's passwords) and the V3 files it reads are
    encrypted, and erased once the job has run; the report holds counts and reasons only.
    """

    source = models.CharField(_("source"), max_length=10, choices=Source.choices)
    owner = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("import into account"),
        on_delete=models.CASCADE,
        related_name="+",
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("started by"),
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    execute = models.BooleanField(_("write the data"), default=False)
    status = models.CharField(
        _("status"), max_length=10, choices=JobStatus.choices, default=JobStatus.PENDING
    )
    # JSON text: V3's files ({path: base64}) and the options with secrets (URL, keys, passwords).
    payload = EncryptedTextField(_("payload"), null=True, blank=True, editable=False)
    report = models.JSONField(_("report"), null=True, blank=True, editable=False)
    error = models.TextField(_("error"), blank=True, default="", editable=False)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_default=Now())
    started_at = models.DateTimeField(_("started"), null=True, blank=True, editable=False)
    finished_at = models.DateTimeField(_("finished"), null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("import")
        verbose_name_plural = _("imports")
        ordering = ["-created_at", "-id"]

    def __str__(self) -> str:
        return f"{self.get_source_display()} #{self.pk}"


class LegacyLearningState(models.Model):
    """V3's "AI level" state of an account (data/learning/learning_state.json), kept as V3 had it.

    The Learning app decides how V3's levels (1–5 by XP) map to its own; insights and
    recommendations (AI text about the person's use) are encrypted.
    """

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="legacy_learning_state",
    )
    xp = models.PositiveIntegerField(_("XP"), default=0)
    level = models.PositiveSmallIntegerField(_("level"), default=1)
    model = models.CharField(_("AI model"), max_length=20, blank=True, default="")
    insights = EncryptedTextField(_("insights"), null=True, blank=True)
    recommendations = EncryptedTextField(_("recommendations"), null=True, blank=True)
    total_learn_calls = models.PositiveIntegerField(_("learn calls"), default=0)
    last_learn = models.DateTimeField(_("last learned"), null=True, blank=True)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now, db_default=Now())

    class Meta:
        verbose_name = _("V3 learning state")
        verbose_name_plural = _("V3 learning states")

    def __str__(self) -> str:
        return f"{self.account} L{self.level}"


class PendingTelegramLink(models.Model):
    """V3's Telegram chat id of an account, not yet confirmed: the bot token must be entered again
    (it is never imported), then the link can be confirmed."""

    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="pending_telegram_link",
    )
    chat_id = EncryptedTextField(_("chat id"))
    was_enabled = models.BooleanField(_("enabled in V3"), default=False)
    imported_at = models.DateTimeField(_("imported"), default=timezone.now, db_default=Now())

    class Meta:
        verbose_name = _("pending Telegram link")
        verbose_name_plural = _("pending Telegram links")

    def __str__(self) -> str:
        return str(self.account)

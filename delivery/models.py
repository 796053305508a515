"""Daily delivery: who wants the day's reading, where (e-mail, a Telegram chat), and what was sent.

* `DeliveryChoice`: an account's choice (`daily_delivery` of the settings): e-mail and/or Telegram,
  at a local time in the account's time zone. Defaults: off, 08:00.
* `TelegramLink`: the chat linked to an account. The chat id is encrypted; the chat is found by a
  keyed digest of its id (`chat_digest`), so an update names its account without decrypting rows.
* `LinkCode`: a one-time code that links a chat (15 minutes); only its digest is stored.
* `Delivery`: one row per account, channel and local day — the unique constraint is what makes a
  delivery happen once, whatever runs overlap. Status, tries and the last error are kept.
"""

import datetime

from django.conf import settings
from django.db import models
from django.db.models.functions import Now
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from nps.core.fields import EncryptedTextField

DEFAULT_TIME = datetime.time(8, 0)


class Channel(models.TextChoices):
    EMAIL = "email", _("e-mail")
    TELEGRAM = "telegram", _("Telegram")


class Status(models.TextChoices):
    PENDING = "pending", _("due")
    SENDING = "sending", _("sending")
    SENT = "sent", _("sent")
    RETRY = "retry", _("failed, will retry")
    FAILED = "failed", _("failed")
    # The worker stopped while sending: it may have reached the person, so it is not sent again.
    UNKNOWN = "unknown", _("interrupted (not sent again)")
    SKIPPED = "skipped", _("skipped")


class DeliveryChoice(models.Model):
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="daily_delivery",
    )
    email = models.BooleanField(_("by e-mail"), default=False, db_default=False)
    telegram = models.BooleanField(_("by Telegram"), default=False, db_default=False)
    time = models.TimeField(_("local time"), default=DEFAULT_TIME, db_default=DEFAULT_TIME)
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    class Meta:
        verbose_name = _("daily delivery choice")
        verbose_name_plural = _("daily delivery choices")

    def __str__(self) -> str:
        return str(self.account)


class TelegramLink(models.Model):
    account = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="telegram_link",
    )
    chat_digest = models.CharField(_("chat digest"), max_length=64, unique=True, editable=False)
    chat_id = EncryptedTextField(_("chat id"))
    linked_at = models.DateTimeField(_("linked"), default=timezone.now, db_default=Now())

    class Meta:
        verbose_name = _("Telegram link")
        verbose_name_plural = _("Telegram links")

    def __str__(self) -> str:
        return str(self.account)


class LinkCode(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="telegram_link_codes",
    )
    code_digest = models.CharField(_("code digest"), max_length=64, unique=True, editable=False)
    expires_at = models.DateTimeField(_("expires"))
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_default=Now())

    class Meta:
        verbose_name = _("Telegram link code")
        verbose_name_plural = _("Telegram link codes")

    def __str__(self) -> str:
        return str(self.account)


class Delivery(models.Model):
    account = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("account"),
        on_delete=models.CASCADE,
        related_name="deliveries",
    )
    channel = models.CharField(_("channel"), max_length=10, choices=Channel.choices)
    local_day = models.DateField(_("local day"))
    status = models.CharField(
        _("status"),
        max_length=10,
        choices=Status.choices,
        default=Status.PENDING,
        db_default=Status.PENDING,
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0, db_default=0)
    last_error = models.TextField(_("last error"), blank=True, default="", db_default="")
    next_attempt_at = models.DateTimeField(_("next attempt"), default=timezone.now)
    sent_at = models.DateTimeField(_("sent"), null=True, blank=True)
    created_at = models.DateTimeField(_("created"), default=timezone.now, db_default=Now())
    updated_at = models.DateTimeField(_("updated"), auto_now=True, db_default=Now())

    class Meta:
        verbose_name = _("daily delivery")
        verbose_name_plural = _("daily deliveries")
        constraints = [
            models.UniqueConstraint(
                fields=["account", "channel", "local_day"], name="delivery_once_per_day"
            ),
        ]
        indexes = [models.Index(fields=["status", "next_attempt_at"], name="delivery_due_idx")]

    def __str__(self) -> str:
        return f"{self.account} {self.channel} {self.local_day}"

"""Sending the day's reading at each person's own hour (`manage.py deliver_daily`, and the beat
job `delivery.tasks.deliver_daily` every few minutes).

Exactly once per account, channel and local day:

1. *Claim by inserting*: a due delivery is a `Delivery` row; the unique constraint (account,
   channel, local day) lets only one exist, whichever run or worker inserts it first.
2. *Take it under a lock*: a run takes a row with `SELECT … FOR UPDATE SKIP LOCKED` while it is
   due (or due again after a failure), marks it `sending` and commits before anything is sent; a
   second run skips the locked row, and then finds it no longer due.
3. *Send, then record*: `sent`; or, when the mail server or the Bot API refused, `retry` after 1,
   2, 4 … minutes (up to `NPS_DELIVERY_MAX_ATTEMPTS` tries in all, then `failed`). A run that died
   between 2 and 3 leaves `sending`: it may have reached the person, so after `STALE` it is marked
   `unknown` and not sent again (at most once beats twice).
"""

from __future__ import annotations

import datetime
import logging
from dataclasses import dataclass, field

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Q
from django.utils import timezone

from delivery.models import Channel, Delivery, DeliveryChoice, Status, TelegramLink
from delivery.services import choices, content, mail, messages, telegram
from nps.accounts import preferences

logger = logging.getLogger(__name__)

STALE = datetime.timedelta(minutes=15)
MAX_ERROR_LENGTH = 500


@dataclass
class Outcome:
    created: int = 0
    sent: int = 0
    retry: int = 0
    failed: int = 0
    skipped: int = 0
    details: list[str] = field(default_factory=list)

    def as_dict(self) -> dict[str, int]:
        return {
            "created": self.created,
            "sent": self.sent,
            "retry": self.retry,
            "failed": self.failed,
            "skipped": self.skipped,
        }


def due_day(choice: DeliveryChoice, now: datetime.datetime) -> datetime.date | None:
    """The local day whose delivery is due at `now` for this choice, if any: its local time has
    come (in the account's zone, with its daylight-saving rules) and at most
    `NPS_DELIVERY_GRACE_HOURS` have passed since."""
    zone = preferences.zone_of(choice.account)
    today = now.astimezone(zone).date()
    grace = datetime.timedelta(hours=settings.NPS_DELIVERY_GRACE_HOURS)
    for day in (today, today - datetime.timedelta(days=1)):
        scheduled = datetime.datetime.combine(day, choice.time, tzinfo=zone)
        if scheduled <= now < scheduled + grace:
            return day
    return None


def _channels(choice: DeliveryChoice, linked: set) -> list[str]:
    wanted = []
    if choice.email and choices.email_available() and choice.account.email:
        wanted.append(Channel.EMAIL)
    if choice.telegram and choices.telegram_available() and choice.account_id in linked:
        wanted.append(Channel.TELEGRAM)
    return wanted


def create_due(now: datetime.datetime, outcome: Outcome) -> None:
    """Insert the row of every delivery due at `now` (a row that exists is left alone)."""
    rows = DeliveryChoice.objects.filter(
        Q(email=True) | Q(telegram=True), account__is_active=True
    ).select_related("account", "account__preferences")
    linked = set(TelegramLink.objects.values_list("account_id", flat=True))
    for choice in rows:
        day = due_day(choice, now)
        if day is None:
            continue
        for channel in _channels(choice, linked):
            try:
                with transaction.atomic():
                    _row, created = Delivery.objects.get_or_create(
                        account=choice.account,
                        channel=channel,
                        local_day=day,
                        defaults={"next_attempt_at": now},
                    )
            except IntegrityError:  # inserted by another run a moment ago
                created = False
            outcome.created += int(created)


def _take(pk: int, now: datetime.datetime) -> Delivery | None:
    with transaction.atomic():
        row = (
            Delivery.objects.select_for_update(skip_locked=True)
            .select_related("account")
            .filter(pk=pk, status__in=(Status.PENDING, Status.RETRY), next_attempt_at__lte=now)
            .first()
        )
        if row is None:
            return None
        row.status = Status.SENDING
        row.attempts = F("attempts") + 1
        row.save(update_fields=["status", "attempts", "updated_at"])
    row.refresh_from_db(fields=["attempts"])
    return row


def _send(row: Delivery) -> None:
    account = row.account
    found = content.daily_content(account, row.local_day)
    if row.channel == Channel.EMAIL:
        mail.send_daily(account, found)
        return
    link = TelegramLink.objects.filter(account=account).first()
    if link is None or link.chat_id is None:
        raise telegram.TelegramError("The chat is no longer linked")
    with content.speaking_as(account):
        text = messages.daily_text(found)
    telegram.send_message(link.chat_id, text)


def _record_failure(row: Delivery, error: Exception, now: datetime.datetime) -> str:
    text = f"{type(error).__name__}: {error}"[:MAX_ERROR_LENGTH]
    if row.attempts >= settings.NPS_DELIVERY_MAX_ATTEMPTS:
        status, next_at = Status.FAILED, row.next_attempt_at
    else:
        status = Status.RETRY
        next_at = now + datetime.timedelta(minutes=2 ** (row.attempts - 1))
    Delivery.objects.filter(pk=row.pk).update(
        status=status, last_error=text, next_attempt_at=next_at, updated_at=timezone.now()
    )
    logger.warning(
        "Daily delivery %s (%s) failed, try %s: %s", row.pk, row.channel, row.attempts, text
    )
    return status


def mark_stale() -> int:
    """Rows left `sending` by a run that stopped: not sent again (they may have arrived)."""
    return Delivery.objects.filter(
        status=Status.SENDING, updated_at__lt=timezone.now() - STALE
    ).update(
        status=Status.UNKNOWN,
        last_error="The run stopped while sending; not sent again.",
        updated_at=timezone.now(),
    )


def deliver_due(*, now: datetime.datetime | None = None) -> Outcome:
    """Send everything due at `now` (default: now), and what is due again after a failure."""
    now = now or timezone.now()
    outcome = Outcome()
    mark_stale()
    create_due(now, outcome)
    waiting = Delivery.objects.filter(
        status__in=(Status.PENDING, Status.RETRY), next_attempt_at__lte=now
    ).values_list("pk", flat=True)
    for pk in list(waiting):
        row = _take(pk, now)
        if row is None:
            outcome.skipped += 1  # another run has it, or sent it
            continue
        try:
            _send(row)
        except Exception as error:  # any failure of one send is recorded; the others go on
            status = _record_failure(row, error, now)
            outcome.retry += int(status == Status.RETRY)
            outcome.failed += int(status == Status.FAILED)
            continue
        Delivery.objects.filter(pk=row.pk).update(
            status=Status.SENT, sent_at=timezone.now(), last_error="", updated_at=timezone.now()
        )
        outcome.sent += 1
    return outcome

"""A reading's title as a list shows it (`Reading.title`): its question or name, the moment,
the day, the group's names, in the reader's calendar and language."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING

from django.utils.translation import gettext as _

from nps.core.privacy import MASK
from nps.core.templatetags.nps import localdate
from oracle.models import SignType
from oracle.services import sealing

if TYPE_CHECKING:
    from oracle.models import Reading


def reading_title(reading: Reading, *, private_hidden: bool = False) -> str:
    """What a list shows of a reading: its question or name (decrypted), the moment, the day,
    the group.
    ``private_hidden``: the reader may not read its texts (a moderator, another account's
    reading): the question or name is the mask, the moment the stored one."""
    if private_hidden:
        return _masked_title(reading)
    if reading.sign_type == SignType.QUESTION:
        return reading.question or _("A question")
    if reading.sign_type == SignType.NAME:
        return reading.question or _("A name")
    if reading.sign_type == SignType.MULTI_USER:
        return _(", ").join(sealing.member_names(reading)) or _("A group")
    if reading.sign_type in (SignType.READING, SignType.TIME):
        return moment_text(reading.question or reading.sign_value)
    if reading.sign_type == SignType.DAILY:
        return day_text(reading.sign_value)
    return reading.question or reading.sign_value


def _masked_title(reading: Reading) -> str:
    """The title from clear columns only: nothing is decrypted for a reader who may not read it."""
    if reading.sign_type in (SignType.QUESTION, SignType.NAME):
        return MASK
    if reading.sign_type == SignType.MULTI_USER:
        people = [
            str(person["name"])
            for person in reading.individual_results or []
            if isinstance(person, dict) and person.get("name")
        ]
        return _(", ").join(people) or _("A group")
    if reading.sign_type == SignType.DAILY:
        return day_text(reading.sign_value)
    return moment_text(reading.sign_value)


def day_text(value: str) -> str:
    """A daily reading's day (``YYYY-MM-DD``) as "The day of 16 Azar 1405" in the reader's
    calendar."""
    try:
        day = dt.date.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return _("The day of %(date)s") % {"date": localdate(day)}


def moment_text(value: str) -> str:
    """A time reading's moment (ISO, as read) as a person reads a date: its own wall-clock time,
    Jalali with Persian digits in Persian; anything that is not a moment as it is."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return localdate(moment.replace(tzinfo=None), "time")

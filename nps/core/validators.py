"""Validators any app's models, forms and serializers share."""

import zoneinfo

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

TIMEZONES = frozenset(zoneinfo.available_timezones())


def validate_timezone_name(value: str) -> None:
    """A time zone is an IANA name (Asia/Tehran, UTC): offsets change with the seasons."""
    if value not in TIMEZONES:
        raise ValidationError(
            _("Unknown time zone: use an IANA name such as Asia/Tehran or UTC."),
            code="invalid",
        )

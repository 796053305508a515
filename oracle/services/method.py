"""The method stamp: the conventions a reading was computed with (its response's ``method``).

Every reading records them, so a reading read again later — after a change of the engines, of a
profile's letter system, of the account's zone — still says how its numbers and moons were made.
Values are stable codes (the API's); the pages and exports label them (`method_lines`).

* ``numerology_system`` and ``numerology_reason``: the letter system that counted a name, and
  why — ``auto_by_script`` (Persian/Arabic script → Abjad, else Pythagorean), ``override`` (the
  request named it), ``profile`` (the profile's own setting), ``account_default`` (the settings
  page's default); ``null``/``no_name`` when no name was counted (a moment without a profile).
* ``master_numbers``: the numbers every reduction keeps (one rule everywhere).
* ``abjad``: the Abjad conventions, when Abjad counted a name.
* ``ganzhi_year_boundary``: ``january_1`` — the Gānzhī year turns with the Gregorian year, as in
  V4 (no Chinese-New-Year shift).
* ``moon_model``: ``fc60_mean_month`` (FC60's symbolic moon); ``sky_model``: the ephemeris of the
  ``sky`` block, or null when the reading has none.
* ``timezone`` and ``utc_offset``: the zone the moment was read in and its offset then.
* ``engine_version``: `oracle.engines.version.ENGINE_VERSION` when the reading was made.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Mapping
from typing import Any

from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from nps.core import places
from nps.core.dates import is_persian, to_persian_digits
from oracle.engines import i18n
from oracle.engines.fc60 import MOON_REF_JDN, SYNODIC_MONTH
from oracle.engines.numerology import ABJAD
from oracle.engines.version import ENGINE_VERSION
from oracle.models import NumerologySystem

AUTO_BY_SCRIPT, OVERRIDE, PROFILE, ACCOUNT_DEFAULT, NO_NAME = (
    "auto_by_script",
    "override",
    "profile",
    "account_default",
    "no_name",
)
MASTER_NUMBERS = (11, 22, 33)
ABJAD_CONVENTIONS = "kabir; persian_letters_as_arabic; hamza_1; teh_marbuta_5"
GANZHI_YEAR_BOUNDARY = "january_1"
MOON_MODEL = "fc60_mean_month"
_DECIMAL_POINT = re.compile(r"(?<=[0-9])\.(?=[0-9])")

REASON_LABELS = {
    AUTO_BY_SCRIPT: gettext_lazy("chosen automatically from the name's script"),
    OVERRIDE: gettext_lazy("chosen for this reading"),
    PROFILE: gettext_lazy("the profile's setting"),
    ACCOUNT_DEFAULT: gettext_lazy("your account's default"),
    NO_NAME: gettext_lazy("no name was counted (numbers from the date)"),
}


def stamp(
    *,
    numerology_system: str | None,
    numerology_reason: str,
    moment: dt.datetime | None = None,
    zone_name: str | None = None,
    sky_block: Mapping[str, Any] | None = None,
) -> dict[str, Any]:
    """The ``method`` of a reading (see the module's docstring)."""
    offset = moment.utcoffset() if moment is not None else None
    return {
        "engine_version": ENGINE_VERSION,
        "numerology_system": numerology_system,
        "numerology_reason": numerology_reason,
        "master_numbers": list(MASTER_NUMBERS),
        "abjad": ABJAD_CONVENTIONS if numerology_system == ABJAD else None,
        "ganzhi_year_boundary": GANZHI_YEAR_BOUNDARY,
        "moon_model": MOON_MODEL,
        "sky_model": sky_block.get("model") if sky_block else None,
        "timezone": zone_name if moment is not None else None,
        "utc_offset": _offset_text(offset) if moment is not None else None,
    }


def _offset_text(offset: dt.timedelta | None) -> str:
    minutes = round((offset or dt.timedelta()) / dt.timedelta(minutes=1))
    sign = "-" if minutes < 0 else "+"
    return f"{sign}{abs(minutes) // 60:02d}:{abs(minutes) % 60:02d}"


def zone_label(zone: dt.tzinfo | None) -> str:
    """An IANA name (``Asia/Tehran``), or ``UTC``/the offset for a fixed zone."""
    key = getattr(zone, "key", None)
    if key:
        return key
    if zone is None or zone.utcoffset(None) in (None, dt.timedelta()):
        return "UTC"
    return "UTC" + _offset_text(zone.utcoffset(None))


def is_outdated(method: Any) -> bool:
    """Whether a stored reading was computed by other engines than today's (or before readings
    carried a method at all)."""
    return not isinstance(method, Mapping) or method.get("engine_version") != ENGINE_VERSION


def _number(value: Any) -> str:
    """A number of the stamp in the language's digits (``29.53`` / ``۲۹٫۵۳``, ``+03:30`` /
    ``+۰۳:۳۰``). Only the numbers: the names around them (V4, DE421, Skyfield 1.55) stay as they
    are written."""
    text = str(value)
    if not is_persian():
        return text
    return to_persian_digits(_DECIMAL_POINT.sub("٫", text))


def method_lines(method: Any) -> list[tuple[str, str]]:
    """``(label, value)`` pairs of a stored method in the active language (pages and exports);
    an empty list for a reading made before readings carried one. The values are final text:
    their numbers are already in the language's digits, so a page or a file shows them as
    they are (digits converted over the whole value would turn "V4" and "DE421" Persian)."""
    if not isinstance(method, Mapping):
        return []
    language = translation.get_language()
    lines: list[tuple[str, str]] = []
    system = method.get("numerology_system")
    reason = REASON_LABELS.get(method.get("numerology_reason"), "")
    if system:
        system_name = (
            NumerologySystem(system).label
            if system in NumerologySystem.values
            else i18n.term(str(system), language)
        )
        lines.append((_("Numerology system"), f"{system_name} — {reason}"))
    else:
        lines.append((_("Numerology system"), str(reason)))
    masters = method.get("master_numbers") or []
    with i18n.speaking(language):  # "11, 22 and 33" / "11، 22 و 33"
        numbers = i18n.and_list([_number(number) for number in masters])
    lines.append(
        (
            _("Master numbers"),
            _("%(numbers)s are kept, never reduced") % {"numbers": numbers},
        )
    )
    if method.get("abjad"):
        lines.append(
            (
                _("Abjad"),
                _(
                    "the great (kabir) values; Persian letters take their Arabic counterpart's "
                    "value; hamza = 1; ة and ۀ = 5"
                ),
            )
        )
    lines.append(
        (
            _("Gānzhī year"),
            _("turns on 1 January (the Gregorian year, as V4; no Chinese New Year shift)"),
        )
    )
    lines.append(
        (
            _("FC60 moon"),
            _("the mean synodic month of %(days)s days counted from JD %(epoch)s")
            % {"days": _number(SYNODIC_MONTH), "epoch": _number(MOON_REF_JDN)},
        )
    )
    if method.get("sky_model"):
        lines.append(
            (
                _("Moon in the sky"),
                _("positions of the real Moon and Sun from the %(model)s ephemeris")
                % {"model": method["sky_model"]},
            )
        )
    if method.get("timezone"):
        lines.append(
            (
                _("Time zone"),
                _("%(zone)s (UTC%(offset)s at that moment)")
                % {
                    "zone": _number(places.zone_place(str(method["timezone"]))),
                    "offset": _number(method.get("utc_offset") or ""),
                },
            )
        )
    lines.append((_("Engine version"), _number(method.get("engine_version") or "—")))
    return lines

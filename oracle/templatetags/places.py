"""Places as the reader reads them (``{% load places %}``): countries, cities and time zones
named in the active language; the stored values stay ISO country codes and IANA keys."""

from django import template
from django.utils import translation

from nps.core import places
from oracle.services import location

register = template.Library()


def _persian() -> bool:
    return (translation.get_language() or "").startswith("fa")


@register.filter
def country_name(name: str | None) -> str:
    """A stored country (its ISO code, or a name stored before codes) as CLDR names it in the
    reader's language; a value naming no current country as it is."""
    if not name:
        return ""
    code = location.country_code_of(name)
    return places.country_name(code, name) if code else name


@register.filter
def city_name(name: str | None, country: str | None = None) -> str:
    """``{{ profile.city|city_name:profile.country }}``: in Persian when its Persian name is
    known."""
    if not name:
        return ""
    if not _persian():
        return name
    return location.persian_city_name(name, location.country_code_of(country or "")) or name


@register.filter
def zone_name(zone: str | None) -> str:
    """An IANA zone as "City — Country (UTC±hh:mm)" in the reader's language ("UTC+01:00" for a
    fixed zone such as ``Etc/GMT-1``)."""
    return places.zone_label(zone) if zone else ""

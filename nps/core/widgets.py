"""Form widgets with a small script on top: each one is a plain, working HTML control without it.

The scripts (static/js/) find their inputs by a `data-` attribute that carries the translated
strings as JSON, so the Content-Security-Policy needs no inline script or JS catalogue.
"""

import json

from django import forms
from django.forms import Script
from django.forms.utils import flatatt
from django.utils.dates import MONTHS
from django.utils.html import format_html, format_html_join
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from nps.core.dates import active_calendar


def strings_attribute(strings: dict) -> str:
    """The strings as JSON for a `data-` attribute (lazy translations resolved now)."""
    return json.dumps({key: str(value) for key, value in strings.items()}, ensure_ascii=False)


class PersianKeyboardMixin:
    """A Persian (right-to-left) text control; `persian-keyboard.js` adds an on-screen keyboard."""

    strings = {
        "toggle": _("Toggle Persian keyboard"),
        "title": _("Persian keyboard"),
        "close": _("Close keyboard"),
        "space": _("Space"),
        "half_space": _("Half-space"),
        "backspace": _("Backspace"),
        "shift": _("Shift"),
        "fatha": _("Fatha"),
        "damma": _("Damma"),
        "kasra": _("Kasra"),
        "shadda": _("Shadda"),
        "tanwin": _("Tanwin"),
        "sukun": _("Sukun"),
        "hamza": _("Hamza"),
    }

    class Media:
        js = [Script("js/persian-keyboard.js", defer=True)]

    def __init__(self, attrs=None):
        super().__init__({"lang": "fa", "dir": "rtl", **(attrs or {})})

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["widget"]["attrs"]["data-persian-keyboard"] = strings_attribute(self.strings)
        return context


class PersianKeyboardInput(PersianKeyboardMixin, forms.TextInput):
    """`forms.CharField(widget=PersianKeyboardInput())`."""


class PersianKeyboardTextarea(PersianKeyboardMixin, forms.Textarea):
    """`forms.CharField(widget=PersianKeyboardTextarea(attrs={"rows": 3}))`."""


def resolve_date(limit):
    """A `date`, or a callable giving one (`date.today`), as ISO text; None stays None."""
    value = limit() if callable(limit) else limit
    return value.isoformat() if value else None


class DualCalendarDateInput(forms.DateInput):
    """A native `<input type="date">` holding the ISO Gregorian date; `calendar-picker.js` adds a
    calendar that shows Gregorian or Jalali (Solar Hijri) months.

    `forms.DateField(widget=DualCalendarDateInput(max_date=date.today))` — no future dates. The
    limits (a `date` or a callable) become the input's `min`/`max`; the form field still has to
    validate them on the server.
    """

    input_type = "date"
    strings = {
        "open": _("Choose a date"),
        "dialog": _("Calendar"),
        "gregorian": _("Gregorian"),
        "jalali": _("Solar Hijri"),
        "previous_month": _("Previous month"),
        "next_month": _("Next month"),
        "previous_year": _("Previous year"),
        "next_year": _("Next year"),
        "close": _("Close calendar"),
        "today": _("Today"),
    }
    weekdays = [
        pgettext_lazy("weekday, two letters", "Su"),
        pgettext_lazy("weekday, two letters", "Mo"),
        pgettext_lazy("weekday, two letters", "Tu"),
        pgettext_lazy("weekday, two letters", "We"),
        pgettext_lazy("weekday, two letters", "Th"),
        pgettext_lazy("weekday, two letters", "Fr"),
        pgettext_lazy("weekday, two letters", "Sa"),
    ]

    class Media:
        # A module script: deferred by the browser, and it imports the vendored Jalali converter.
        js = [Script("js/calendar-picker.js", type="module")]

    def __init__(self, attrs=None, *, min_date=None, max_date=None):
        super().__init__(attrs, format="%Y-%m-%d")
        self.min_date = min_date
        self.max_date = max_date

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        widget_attrs = context["widget"]["attrs"]
        for attribute, limit in (("min", self.min_date), ("max", self.max_date)):
            if (iso := resolve_date(limit)) is not None:
                widget_attrs[attribute] = iso
        widget_attrs["data-calendar-picker"] = json.dumps(
            {
                **{key: str(text) for key, text in self.strings.items()},
                "months": [str(MONTHS[number]) for number in range(1, 13)],
                "weekdays": [str(day) for day in self.weekdays],
                # The calendar the picker opens in: the account's (nps.core.dates).
                "calendar": active_calendar(),
            },
            ensure_ascii=False,
        )
        return context


class TimeZoneSelect(forms.Select):
    """A list of every time zone, "City — Country (UTC±hh:mm)" in the reader's language, sorted
    by city so typing a city's first letters finds it. The value is the IANA key.

    `blank_label` adds an empty first choice (an optional zone). A stored zone that is valid but
    not in the list (an old alias such as "Asia/Calcutta") is kept as its own choice, so editing
    a form never changes it silently.
    """

    def __init__(self, attrs=None, *, blank_label: str | None = None):
        super().__init__(attrs)
        self.blank_label = blank_label

    def render(self, name, value, attrs=None, renderer=None):
        from nps.core.places import zone_choices, zone_label, zone_options_html

        value = value or ""
        extra = []
        if self.blank_label is not None:
            extra.append(("", self.blank_label))
        if value and value not in dict(zone_choices()):
            extra.append((value, zone_label(value)))  # "UTC+01:00" for Etc/GMT-1
        head = format_html_join(
            "",
            '<option value="{}"{}>{}</option>',
            ((key, " selected" if key == value else "", label) for key, label in extra),
        )
        attributes = self.build_attrs(self.attrs, {**(attrs or {}), "name": name})
        return format_html(
            "<select{}>{}{}</select>",
            flatatt(attributes),
            head,
            zone_options_html(value if value not in dict(extra) else None),
        )

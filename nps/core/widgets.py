"""Form widgets with a small script on top: each one is a plain, working HTML control without it.

The scripts (static/js/) find their inputs by a `data-` attribute that carries the translated
strings as JSON, so the Content-Security-Policy needs no inline script or JS catalogue.
"""

import json

from django import forms
from django.forms import Script
from django.utils.translation import gettext_lazy as _

WIDGETS_CSS = {"all": ["css/widgets.css"]}


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
    }

    class Media:
        js = [Script("js/persian-keyboard.js", defer=True)]
        css = WIDGETS_CSS

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

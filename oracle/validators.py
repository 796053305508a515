"""Validators shared by the model, the admin form, the API serializers and the page forms.

The time-zone validator is the core's (`nps.core.validators`): accounts and imports use it too.
"""

import unicodedata

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

# Letters of the Arabic script (Persian's included) and their marks; presentation forms too.
_ARABIC_SCRIPT = (
    ("\u0600", "\u06ff"),
    ("\u0750", "\u077f"),
    ("\u08a0", "\u08ff"),
    ("\ufb50", "\ufdff"),
    ("\ufe70", "\ufeff"),
)
# Besides letters: spaces, the zero-width non-joiner (می‌خواهم) and joiner, the tatweel, and
# the marks a name may hold (hyphen, full stop, apostrophe, Persian comma, parentheses).
_PERSIAN_NAME_EXTRAS = frozenset(" \u200c\u200d\u0640-.'’،()")


def _is_arabic_script_letter(character: str) -> bool:
    return unicodedata.category(character)[0] in "LM" and any(
        low <= character <= high for low, high in _ARABIC_SCRIPT
    )


def is_persian_name(value: str) -> bool:
    """Only Persian/Arabic letters (and their marks), spaces, ZWNJ and a few punctuation marks,
    with at least one letter."""
    return any(_is_arabic_script_letter(character) for character in value) and all(
        character in _PERSIAN_NAME_EXTRAS or _is_arabic_script_letter(character)
        for character in value
    )


PERSIAN_NAME_MESSAGE = _(
    "Write this name in Persian letters only (spaces, the half-space and - . ' are allowed)."
)


def validate_persian_name(value: str) -> None:
    """A "… in Persian" field of a profile holds a name in Persian script (blank is allowed)."""
    if value and value.strip() and not is_persian_name(value.strip()):
        raise ValidationError(PERSIAN_NAME_MESSAGE, code="not_persian")

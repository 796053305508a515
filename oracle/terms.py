"""The engines' short English names (``Fire``, ``Horse``, ``New Moon``, ``pythagorean``…) as the
active language reads them: one Persian spelling for each, in the engines' own table
(:mod:`oracle.engines.texts_fa`), used by the ``|term`` filter and the pictures."""

from __future__ import annotations

from typing import Any

from django.utils import translation
from django.utils.functional import lazy

from oracle.engines import i18n


def label(name: Any, english: str | None = None) -> Any:
    """``name`` in the active language; ``english`` replaces the engine's name in English."""
    if _persian(translation.get_language()):
        return i18n.term(name, "fa")
    return english if english is not None else i18n.term(name, "en")


def _persian(language: str | None) -> bool:
    return bool(language) and language.split("-")[0].lower() == "fa"


#: A label computed when shown (module-level tables are built before any language is active).
lazy_label = lazy(label, str)

"""English ⇄ Persian translation: language detection and FC60 term protection.

Pure: no network, no clock, no cache. The AI call itself is not made here — a caller that has an AI
client passes it as ``generate`` (see :data:`oracle.engines.interpretation.TextGenerator`); without
one, :func:`translate` returns V4's no-AI result (the original text, ``ai_generated`` False, the
protected terms found).

Unlike V4, terms are matched as whole words only (``OX`` is protected
in ``the OX`` but not inside ``BOX``), and the text is scanned once, so the ``__TERMnnn__``
placeholders are never themselves scanned for terms (no spurious ``ER`` from ``TERM``).

Beyond V4, :func:`translate` also keeps exactly what a translation must not touch: FC60 tokens and
stamps (upper-case code words such as ``OXMT`` or ``VE-OX-OXFI``), numbers (``11``, ``58.5%``,
``2026-02-06``, in Western or Persian digits) and the people's names it is given. They travel
as ``__KEEPnnn__`` placeholders (not listed in ``preserved_terms``, which stays V4's), and an
answer that lost any placeholder is refused (the original text comes back).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

from oracle.engines.interpretation import TextGenerator, call_generator

# Order matters: ties in the length sort keep this order (V4).
FC60_PRESERVED_TERMS: tuple[str, ...] = (
    "FC60",
    "FrankenChron-60",
    "Wu Xing",
    "Wood",
    "Fire",
    "Earth",
    "Metal",
    "Water",
    "Rat",
    "Ox",
    "Tiger",
    "Rabbit",
    "Dragon",
    "Snake",
    "Horse",
    "Goat",
    "Monkey",
    "Rooster",
    "Dog",
    "Pig",
    "Ganzhi",
    "Life Path",
    "Soul Urge",
    "Expression",
    "RA",
    "OX",
    "TI",
    "RU",
    "DR",
    "SN",
    "HO",
    "GO",
    "MO",
    "RO",
    "DO",
    "PI",
    "WU",
    "FI",
    "ER",
    "MT",
    "WA",
)

# Longest first; `sorted` is stable so equal lengths keep the table order.
_TERMS_BY_LENGTH: tuple[str, ...] = tuple(sorted(FC60_PRESERVED_TERMS, key=len, reverse=True))
_TERM_RANK = {term: rank for rank, term in enumerate(_TERMS_BY_LENGTH)}
# A term counts only as a whole word: no letter, digit or underscore directly before or after it.
_TERM_PATTERN = re.compile(
    r"(?<!\w)(?:" + "|".join(re.escape(term) for term in _TERMS_BY_LENGTH) + r")(?!\w)"
)
_PLACEHOLDER_PATTERN = re.compile(r"__TERM([0-9]{3,7})__")
_KEEP_PLACEHOLDER_PATTERN = re.compile(r"__KEEP([0-9]{3,7})__")
# Upper-case code words of 3+ letters (FC60 tokens and stamps, joined by - or :), 2-letter
# tokens of a stamp (before a hyphen), and numbers.
_CODE_WORD = r"[A-Z][A-Z0-9]{2,}(?:[-:][A-Z0-9]{2,})*|[A-Z]{2}(?=-)"
_NUMBER = r"[0-9۰-۹]+(?:[.,:/\-٫][0-9۰-۹]+)*%?"
_KEEP_PATTERN = re.compile(rf"(?<![\w])(?:{_CODE_WORD}|{_NUMBER})(?![\w])")
_PERSIAN_RANGES = ((0x0600, 0x06FF), (0x0750, 0x077F), (0x08A0, 0x08FF))

TRANSLATION_SYSTEM_PROMPT = (
    "You are a careful literary translator between English and Persian (Farsi) for a numerology "
    "oracle. Keep the meaning, tone and warmth of the original. Never translate or alter "
    "placeholders of the form __TERM000__ or __KEEP000__; copy them exactly."
)

_PROTECTED_LIST = ", ".join(FC60_PRESERVED_TERMS[:20])

EN_TO_FA_TEMPLATE = (
    "Translate the following English numerology reading into Persian (Farsi). Keep its warm, "
    "poetic tone. Do not translate these terms: " + _PROTECTED_LIST + ". Keep every __TERMnnn__ "
    "and __KEEPnnn__ placeholder exactly as it is. Answer with the translation only.\n\n{text}"
)
FA_TO_EN_TEMPLATE = (
    "Translate the following Persian (Farsi) numerology reading into English. Keep its tone and "
    "nuance. Do not translate these terms: " + _PROTECTED_LIST + ". Keep every __TERMnnn__ "
    "and __KEEPnnn__ placeholder exactly as it is. Answer with the translation only.\n\n{text}"
)


def detect_language(text: str) -> str:
    """``"fa"`` when the text has more Persian/Arabic code points than Latin ones, else ``"en"``.

    "Latin" is V4's range U+0041–U+007A, which also holds ``[\\]^_```.
    """
    persian = latin = 0
    for char in text or "":
        code = ord(char)
        if 0x41 <= code <= 0x7A:
            latin += 1
        elif any(low <= code <= high for low, high in _PERSIAN_RANGES):
            persian += 1
    return "fa" if persian > latin else "en"


def protect_terms(text: str) -> tuple[str, list[tuple[str, str]]]:
    """Replace every whole-word FC60 term by a ``__TERMnnn__`` placeholder.

    Returns the protected text and ``[(term, placeholder), …]`` in V4's order (longest term first,
    table order among equal lengths); ``nnn`` counts the distinct terms found in that order (from
    0, or past any ``__TERMnnn__`` the text already contains, so restoring is exact).
    """
    found = sorted({match.group(0) for match in _TERM_PATTERN.finditer(text)}, key=_TERM_RANK.get)
    if not found:
        return text, []
    # Numbering starts at 0 (V4) unless the text already holds such a placeholder itself.
    taken = {int(number) for number in _PLACEHOLDER_PATTERN.findall(text)}
    start = 0
    while taken.intersection(range(start, start + len(found))):
        start = max(taken) + 1
    placeholders = {term: f"__TERM{start + index:03d}__" for index, term in enumerate(found)}
    protected = _TERM_PATTERN.sub(lambda match: placeholders[match.group(0)], text)
    return protected, list(placeholders.items())


def restore_terms(text: str, replacements: Sequence[tuple[str, str]]) -> str:
    """Put the protected terms back in place of their placeholders."""
    terms = {placeholder: term for term, placeholder in replacements}
    return _PLACEHOLDER_PATTERN.sub(lambda match: terms.get(match.group(0), match.group(0)), text)


def protect_tokens(text: str, names: Sequence[str] = ()) -> tuple[str, list[tuple[str, str]]]:
    """Replace the people's ``names``, FC60 code words and numbers by ``__KEEPnnn__``.

    Runs on a text whose V4 terms are already placeholders (their ``__TERMnnn__`` are left
    alone); equal values share one placeholder. Returns the text and ``[(value, placeholder)]``.
    """
    values: dict[str, str] = {}
    taken = {int(number) for number in _KEEP_PLACEHOLDER_PATTERN.findall(text)}
    counter = iter(number for number in range(10**7) if number not in taken)

    def placeholder(value: str) -> str:
        if value not in values:
            values[value] = f"__KEEP{next(counter):03d}__"
        return values[value]

    cleaned = sorted(
        {name.strip() for name in names if name and name.strip()}, key=len, reverse=True
    )
    if cleaned:
        name_pattern = re.compile(
            r"(?<!\w)(?:" + "|".join(re.escape(name) for name in cleaned) + r")(?!\w)"
        )
        text = name_pattern.sub(lambda match: placeholder(match.group(0)), text)

    def keep(match: re.Match[str]) -> str:
        value = match.group(0)
        if value in _TERM_RANK or _PLACEHOLDER_PATTERN.fullmatch(value):
            return value
        return placeholder(value)

    return _KEEP_PATTERN.sub(keep, text), list(values.items())


def restore_tokens(text: str, replacements: Sequence[tuple[str, str]]) -> str:
    values = {placeholder: value for value, placeholder in replacements}
    return _KEEP_PLACEHOLDER_PATTERN.sub(
        lambda match: values.get(match.group(0), match.group(0)), text
    )


def _result(
    text: str,
    translated: str,
    source_lang: str,
    target_lang: str,
    preserved: list[str],
    *,
    ai_generated: bool = False,
    elapsed_ms: float = 0.0,
) -> dict[str, Any]:
    return {
        "source_text": text,
        "translated_text": translated,
        "source_lang": source_lang,
        "target_lang": target_lang,
        "preserved_terms": preserved,
        "ai_generated": ai_generated,
        "elapsed_ms": elapsed_ms,
    }


def translate(
    text: str,
    source_lang: str = "en",
    target_lang: str = "fa",
    fc60_context: str | None = None,
    *,
    generate: TextGenerator | None = None,
    names: Sequence[str] = (),
) -> dict[str, Any]:
    """V4's ``TranslationResult.to_dict()``.

    Without ``generate`` (or when it fails) the original text comes back with ``ai_generated``
    False and ``preserved_terms`` listing the FC60 terms found. With ``generate`` the protected text
    is sent in the EN→FA or FA→EN prompt (any other pair uses EN→FA, as V4), temperature 0.3, and
    the terms are restored in the answer. ``elapsed_ms`` is the time spent in ``generate``.
    """
    if not text or not text.strip():
        return _result(text, text, source_lang, target_lang, [])
    protected, replacements = protect_terms(text)
    preserved = [term for term, _ in replacements]
    if generate is None:
        return _result(text, text, source_lang, target_lang, preserved)
    template = (
        FA_TO_EN_TEMPLATE if (source_lang, target_lang) == ("fa", "en") else EN_TO_FA_TEMPLATE
    )
    protected, kept = protect_tokens(protected, names)
    prompt = template.format(text=protected)
    if fc60_context:
        prompt += f"\n\nFC60 context (for reference, do not translate): {fc60_context}"
    answer, elapsed_ms = call_generator(
        generate, prompt, system_prompt=TRANSLATION_SYSTEM_PROMPT, temperature=0.3
    )
    placeholders = [placeholder for _, placeholder in (*replacements, *kept)]
    if answer is None or any(placeholder not in answer for placeholder in placeholders):
        return _result(text, text, source_lang, target_lang, preserved, elapsed_ms=elapsed_ms)
    return _result(
        text,
        restore_terms(restore_tokens(answer, kept), replacements),
        source_lang,
        target_lang,
        preserved,
        ai_generated=True,
        elapsed_ms=elapsed_ms,
    )

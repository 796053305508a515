"""The sealed storage format of a reading: what is encrypted, and how a stored row is put back.

Nothing encrypted may also sit in clear (a stored reading's `reading_result` is the response
without its sensitive texts). The columns of `oracle_readings` hold:

* ``question`` (encrypted): the question text (question readings), the name read (name
  readings), the raw ``datetime`` input, ``""`` for "now" (time readings), ``""`` (multi-user).
* ``ai_interpretation`` (encrypted): for single readings, the JSON text of an object holding every
  interpretation text of the response and the reader's personal block — ``summary`` and
  ``numerology.interpretation`` (time), ``interpretation`` and ``advice`` (question),
  ``interpretation`` and ``letters`` (name: the letters spell the name), ``person`` and the
  ``ai_interpretation`` dict (all three). For multi-user readings it is V4's JSON text of the
  interpretation dict (NULL when none was asked for).
* ``reading_result``: the rest of the response, without ``reading_id``. Person data from a
  profile lives only in the encrypted object; the mother's name is never in the response at all
  (only the number computed from it).

:func:`reading_response` puts a stored row back together into exactly what the endpoint returned.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from oracle.models import Reading, SignType

# V4's response keys per stored kind: they come first when a row is reassembled, in V4's order.
V4_KEYS: Mapping[str, tuple[str, ...]] = {
    SignType.READING: ("fc60", "numerology", "zodiac", "chinese", "summary", "generated_at"),
    SignType.QUESTION: ("question", "answer", "sign_number", "interpretation", "confidence"),
    SignType.NAME: (
        "name",
        "destiny_number",
        "soul_urge",
        "personality",
        "letters",
        "interpretation",
    ),
    SignType.MULTI_USER: (
        "user_count",
        "pair_count",
        "computation_ms",
        "profiles",
        "pairwise_compatibility",
        "group_energy",
        "group_dynamics",
        "ai_interpretation",
    ),
}

# Paths of the response that are kept only in the encrypted `ai_interpretation` column.
SEALED_PATHS: Mapping[str, tuple[tuple[str, ...], ...]] = {
    SignType.READING: (
        ("summary",),
        ("numerology", "interpretation"),
        ("person",),
        ("ai_interpretation",),
    ),
    SignType.QUESTION: (("interpretation",), ("advice",), ("person",), ("ai_interpretation",)),
    SignType.NAME: (("letters",), ("interpretation",), ("person",), ("ai_interpretation",)),
}

# The response key holding the text the request was about, restored from the `question` column.
ASKED_KEY: Mapping[str, str] = {SignType.QUESTION: "question", SignType.NAME: "name"}


@dataclass(frozen=True)
class SealedReading:
    """A response split into the clear `reading_result` and the encrypted `ai_interpretation`."""

    reading_result: dict[str, Any]
    ai_interpretation: str | None


def seal(sign_type: str, response: Mapping[str, Any]) -> SealedReading:
    """Split a response into what is stored in clear and the JSON text that is encrypted."""
    clear, sealed = _split(sign_type, response)
    if sign_type != SignType.MULTI_USER:
        return SealedReading(clear, _json(sealed))
    interpretation = clear.pop("ai_interpretation", None)
    return SealedReading(clear, _json(interpretation) if interpretation is not None else None)


def _split(sign_type: str, response: Mapping[str, Any]) -> tuple[dict[str, Any], dict[str, Any]]:
    """``(clear, sealed)``: the response without its sealed paths, and those paths alone."""
    # Only the dicts along sealed paths are copied: the rest is shared with `response`, which
    # is not changed (a deep copy of every reading cost a tenth of the request).
    clear = dict(response)
    clear.pop("reading_id", None)
    asked = ASKED_KEY.get(sign_type)
    if asked is not None:
        clear.pop(asked, None)
    sealed: dict[str, Any] = {}
    for path in SEALED_PATHS.get(sign_type, ()):
        parent, target = clear, sealed
        for key in path[:-1]:
            child = parent.get(key) if isinstance(parent, dict) else None
            if not isinstance(child, dict):
                parent = None
                break
            parent[key] = child = dict(child)
            parent, target = child, target.setdefault(key, {})
        if isinstance(parent, dict) and path[-1] in parent:
            target[path[-1]] = parent.pop(path[-1])
    return clear, sealed


def _merge(into: dict[str, Any], sealed: Mapping[str, Any]) -> None:
    for key, value in sealed.items():
        if isinstance(value, Mapping) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value


def _json(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def sealed_object(reading: Reading) -> dict[str, Any] | None:
    """The decrypted ``ai_interpretation`` as an object (None when absent or plain V4 text)."""
    text = reading.ai_interpretation
    if not text:
        return None
    try:
        value = json.loads(text)
    except ValueError:
        return None
    return value if isinstance(value, dict) else None


def reading_response(reading: Reading) -> dict[str, Any]:
    """Exactly what the endpoint returned when ``reading`` was made (V4's keys first).

    Rows written elsewhere (imported from V4, or with an interpretation that is plain text) come
    back as their stored ``reading_result`` plus ``reading_id``.
    """
    stored = reading.reading_result if isinstance(reading.reading_result, dict) else {}
    response = copy.deepcopy(stored)
    sealed = sealed_object(reading)
    if reading.sign_type == SignType.MULTI_USER:
        response["ai_interpretation"] = sealed or response.get("ai_interpretation")
    elif sealed is not None:
        _merge(response, sealed)
    asked = ASKED_KEY.get(reading.sign_type)
    if asked is not None and asked not in response:
        response[asked] = reading.question or ""
    first = [key for key in V4_KEYS.get(reading.sign_type, ()) if key in response]
    ordered = {key: response[key] for key in first}
    ordered.update((key, value) for key, value in response.items() if key not in ordered)
    ordered["reading_id"] = reading.pk
    return ordered


def search_texts(reading: Reading) -> Iterable[str]:
    """The decrypted texts search looks in: question, sign value and every interpretation."""
    yield reading.question or ""
    yield reading.sign_value or ""
    sealed = sealed_object(reading)
    if sealed is None:
        yield reading.ai_interpretation or ""
        return
    if reading.sign_type == SignType.MULTI_USER:
        yield from _strings(sealed)
        return
    for key in ("summary", "interpretation", "advice"):
        value = sealed.get(key)
        if isinstance(value, str):
            yield value
    interpretation = sealed.get("ai_interpretation")
    if isinstance(interpretation, dict) and isinstance(interpretation.get("text"), str):
        yield interpretation["text"]


def _strings(value: Any) -> Iterable[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, list):
        for item in value:
            yield from _strings(item)

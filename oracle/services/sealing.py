"""The sealed storage format of a reading: what is encrypted, and how a stored row is put back.

Nothing encrypted may also sit in clear (a stored reading's `reading_result` is the response
without its sensitive texts). The columns of `oracle_readings` hold:

* ``question`` (encrypted): the question text (question readings), the name read (name
  readings), the raw ``datetime`` input, ``""`` for "now" (time readings), ``""`` (multi-user).
* ``ai_interpretation`` (encrypted): for single readings, the JSON text of an object holding every
  interpretation text of the response and the reader's personal block — ``summary`` and
  ``numerology.interpretation`` (time), ``interpretation`` and ``advice`` (question),
  ``interpretation`` and ``letters`` (name: the letters spell the name), ``person`` and the
  ``ai_interpretation`` dict (all three, and the daily reading's), and the birth signs of the
  reader's ``sky`` (``sky.birth``: they follow from the birth date). The rest of ``sky`` and
  ``method`` (the moment's sky, the conventions used) hold nothing private and stay clear.
  For multi-user readings, the JSON text of an object holding the interpretation dict
  (``null`` when none was asked for) and everything that names the members
  (``GROUP_SEALED_PATHS``: each profile's ``name``, each pair's ``user1``/``user2`` and the
  whole ``group_dynamics``, whose roles, bonds and sentences name people), marked
  ``"sealed": "group-1"``. Group readings stored before that mark held V4's JSON text of the
  interpretation dict alone (migration ``0010_group_names_sealed`` moved their names in); such
  rows, and V4's, are still read.
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

from nps.core.privacy import masked
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
    SignType.DAILY: ("date", "insight", "lucky_numbers", "optimal_activity"),
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
        ("sky", "birth"),
        ("ai_interpretation",),
    ),
    SignType.QUESTION: (
        ("interpretation",),
        ("advice",),
        ("person",),
        ("sky", "birth"),
        ("ai_interpretation",),
    ),
    SignType.NAME: (("letters",), ("interpretation",), ("person",), ("ai_interpretation",)),
    SignType.DAILY: (("person",), ("sky", "birth"), ("ai_interpretation",)),
}

# Paths of a group reading's response that name its members (`*`: every item of a list), kept
# only in the encrypted column. The numbers stay in clear (history totals, V4's group columns).
GROUP_SEALED_PATHS: tuple[tuple[str, ...], ...] = (
    ("profiles", "*", "name"),
    ("pairwise_compatibility", "*", "user1"),
    ("pairwise_compatibility", "*", "user2"),
    ("group_dynamics",),
    ("ai_interpretation",),
)
# The mark of a group reading's sealed object (older rows hold the interpretation dict alone).
GROUP_FORMAT_KEY, GROUP_FORMAT = "sealed", "group-1"

# The response key holding the text the request was about, restored from the `question` column.
ASKED_KEY: Mapping[str, str] = {SignType.QUESTION: "question", SignType.NAME: "name"}


@dataclass(frozen=True)
class SealedReading:
    """A response split into the clear `reading_result` and the encrypted `ai_interpretation`."""

    reading_result: dict[str, Any]
    ai_interpretation: str | None


def seal(sign_type: str, response: Mapping[str, Any]) -> SealedReading:
    """Split a response into what is stored in clear and the JSON text that is encrypted."""
    if sign_type == SignType.MULTI_USER:
        return _seal_group(response)
    clear, sealed = _split(sign_type, response)
    return SealedReading(clear, _json(sealed))


_MISSING = object()


def _seal_group(response: Mapping[str, Any]) -> SealedReading:
    """A group reading: its members' names and the interpretation sealed, the numbers clear."""
    clear: Any = {key: value for key, value in response.items() if key != "reading_id"}
    sealed: dict[str, Any] = {GROUP_FORMAT_KEY: GROUP_FORMAT, "ai_interpretation": None}
    for path in GROUP_SEALED_PATHS:
        clear, taken = _take(clear, path)
        if taken is not _MISSING:
            _merge(sealed, taken)
    return SealedReading(clear, _json(sealed))


def _take(node: Any, path: tuple[str, ...]) -> tuple[Any, Any]:
    """``(node without what is at path, that alone in its containers)``; ``_MISSING`` when the
    path holds nothing. Only the containers along the path are copied (``node`` is unchanged)."""
    head, rest = path[0], path[1:]
    if head == "*":
        if not isinstance(node, list):
            return node, _MISSING
        pairs = [_take(item, rest) for item in node]
        if all(taken is _MISSING for _kept, taken in pairs):
            return node, _MISSING
        return [kept for kept, _taken in pairs], [
            {} if taken is _MISSING else taken for _kept, taken in pairs
        ]
    if not isinstance(node, dict) or head not in node:
        return node, _MISSING
    kept = dict(node)
    if not rest:
        return kept, {head: kept.pop(head)}
    child, taken = _take(node[head], rest)
    if taken is _MISSING:
        return node, _MISSING
    kept[head] = child
    return kept, {head: taken}


def is_group_object(sealed: Any) -> bool:
    """Whether a decrypted group ``ai_interpretation`` is the sealed object (not V4's dict)."""
    return isinstance(sealed, dict) and sealed.get(GROUP_FORMAT_KEY) == GROUP_FORMAT


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
        current = into.get(key)
        if isinstance(value, Mapping) and isinstance(current, dict):
            _merge(current, value)
        elif isinstance(value, list) and isinstance(current, list) and len(value) == len(current):
            for index, item in enumerate(value):  # a list's items, each merged with its own
                if isinstance(item, Mapping) and isinstance(current[index], dict):
                    _merge(current[index], item)
                elif item != {}:
                    current[index] = item
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
    if reading.sign_type == SignType.MULTI_USER and is_group_object(sealed):
        interpretation = sealed.get("ai_interpretation")
        _merge(response, {key: value for key, value in sealed.items() if key != GROUP_FORMAT_KEY})
        response["ai_interpretation"] = interpretation if isinstance(interpretation, dict) else None
    elif reading.sign_type == SignType.MULTI_USER:
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


def masked_response(reading: Reading) -> dict[str, Any]:
    """What someone who may not read the reading's private texts (a moderator, for another
    account's reading) sees of it: the stored response with the question or name asked and every
    sealed text replaced by the mask, and the sealed structures (the person block, a name's
    letters, the interpretation object) left out. The numbers, stamps and pictures stay."""
    response = reading_response(reading)
    asked = ASKED_KEY.get(reading.sign_type)
    if asked is not None:
        response[asked] = masked(response.get(asked))
    if reading.sign_type == SignType.MULTI_USER:
        paths: Iterable[tuple[str, ...]] = GROUP_SEALED_PATHS
    else:
        paths = SEALED_PATHS.get(reading.sign_type, (("ai_interpretation",),))
    for path in paths:
        _mask_at(response, path)
    return response


def _mask_at(node: Any, path: tuple[str, ...]) -> None:
    """Mask the text at ``path`` of ``node`` (``*``: every item of a list); drop a structure."""
    head, rest = path[0], path[1:]
    if head == "*":
        for item in node if isinstance(node, list) else ():
            _mask_at(item, rest)
    elif isinstance(node, dict) and head in node:
        if rest:
            _mask_at(node[head], rest)
        elif isinstance(node[head], str):
            node[head] = masked(node[head])
        else:
            del node[head]


def search_texts(reading: Reading) -> Iterable[str]:
    """The decrypted texts search looks in: question, sign value and every interpretation."""
    yield reading.question or ""
    yield reading.sign_value or ""
    sealed = sealed_object(reading)
    if sealed is None:
        yield reading.ai_interpretation or ""
        return
    if reading.sign_type == SignType.MULTI_USER:  # the names, the dynamics, the interpretation
        yield from _strings(
            {key: value for key, value in sealed.items() if key != GROUP_FORMAT_KEY}
        )
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


def member_names(reading: Reading) -> list[str]:
    """The names of a group reading's members, in the request's order (decrypted)."""
    profiles = reading_response(reading).get("profiles")
    people = profiles if isinstance(profiles, list) else []
    return [
        str(person["name"]) for person in people if isinstance(person, dict) and person.get("name")
    ]


def group_interpretation_text(reading: Reading) -> str | None:
    """V4's ``ai_interpretation`` of a stored group reading: the JSON text of the interpretation
    dict (None when none was asked for), or the stored text of an older row."""
    sealed = sealed_object(reading)
    if not is_group_object(sealed):
        return reading.ai_interpretation
    interpretation = sealed.get("ai_interpretation")
    if interpretation is None or isinstance(interpretation, str):
        return interpretation
    return _json(interpretation)


def group_columns(clear: Mapping[str, Any]) -> dict[str, Any]:
    """V4's clear group columns of a sealed group reading: copies of the clear result's parts,
    so they name nobody either."""
    return {
        "individual_results": clear.get("profiles"),
        "compatibility_matrix": clear.get("pairwise_compatibility"),
        "combined_energy": clear.get("group_energy"),
    }


def with_group_columns(
    response: Mapping[str, Any],
    *,
    individual_results: Any = None,
    compatibility_matrix: Any = None,
    combined_energy: Any = None,
) -> dict[str, Any]:
    """A group response completed from V4's group columns where it lacks those parts (a V4 row
    may hold them only there), so sealing it keeps every name."""
    completed = dict(response)
    for key, value in (
        ("profiles", individual_results),
        ("pairwise_compatibility", compatibility_matrix),
        ("group_energy", combined_energy),
    ):
        if key not in completed and value is not None:
            completed[key] = value
    return completed

"""The golden vectors of the engine tests, kept as data beside the tests.

One JSON file per engine area (`fc60.json`, `multi_user.json`, …), each an object whose keys name
the tables of its test module (a constant's name, or the name of the test a table parametrizes).
JSON has no tuples, dates or non-string keys: where a test needs them, its module rebuilds them
next to the `load()` call, or `params()` does it position by position.
"""

import json
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent

CONVERTERS: dict[str, Callable] = {
    "tuple": tuple,
    "date": date.fromisoformat,
    "datetime": datetime.fromisoformat,
}


def load(area: str) -> dict:
    """The parsed content of `<area>.json` (a fresh copy on every call)."""
    return json.loads((HERE / f"{area}.json").read_text(encoding="utf-8"))


def params(rows: list[dict], *types: str | Callable | None) -> list:
    """`pytest.param`s from rows `{"values": [...], "id": ...}` (the id is optional).

    `types` says, position by position, what a value was before JSON: "tuple", "date" or
    "datetime" (an ISO string), or a function that rebuilds it; `None` (or a missing position)
    keeps the value as it is.
    """
    converters = [CONVERTERS.get(kind, kind) if kind else None for kind in types]
    result = []
    for row in rows:
        values = [
            converter(value) if converter else value
            for value, converter in zip(
                row["values"], converters + [None] * len(row["values"]), strict=False
            )
        ]
        result.append(pytest.param(*values, id=row.get("id")))
    return result

"""Errors raised by the engines.

Every error is a `ValueError` (so V4-style callers that catch `ValueError` keep working) whose
message tells a person what to change. The web layer turns any `EngineError` into a 422 naming the
field.
"""


class EngineError(ValueError):
    """Base class: input the engines cannot compute a reading for."""

    field: str | None = None

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        if field is not None:
            self.field = field


class InvalidDateError(EngineError):
    """A calendar date that does not exist (2026-02-30) or is outside the supported years."""

    field = "date"


class InvalidTimeError(EngineError):
    """An hour, minute or second outside the clock (25:00, 12:61)."""

    field = "time"


class InvalidTimezoneError(EngineError):
    """A UTC offset outside −12:00…+14:00 or with minutes outside 0–59."""

    field = "timezone"


class InvalidNameError(EngineError):
    """A name that is empty or has no letters the chosen numerology system can count."""

    field = "name"


class InvalidNumerologySystemError(EngineError):
    """A numerology system other than pythagorean, chaldean, abjad (or auto)."""

    field = "numerology_system"


class InvalidGroupError(EngineError):
    """A multi-user request with fewer than 2 or more than 10 people, or a malformed person."""

    field = "users"


class UnparseableInputError(EngineError):
    """Text that is neither a date, a date-time, a number nor an FC60 token string."""

    field = "input"


class InvalidNumberError(EngineError):
    """A value that is not a usable whole number (a base-60 digit of 75, a negative to_base60)."""

    field = "number"


def require_int(value: object, what: str, error: type[EngineError] = InvalidNumberError) -> int:
    """Accept real integers only: a float day or a string hour is a caller bug worth naming."""
    if isinstance(value, bool) or not isinstance(value, int):
        raise error(f"The {what} must be a whole number, not {value!r}.")
    return value

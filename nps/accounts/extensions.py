"""What the account pages take from the apps above the core, which register it in their
`AppConfig.ready()` (as `nps.core.blind_index.register_rebuilder`): `nps/` imports no app above it
(`nps/core/tests/test_layers.py`).

The oracle registers the account's profiles (the settings' default profile), the labels of its
reading types and numerology systems (the settings' choices), and what deleting an account
revokes (its share links).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from typing import Any

_profiles: dict[str, Callable] = {}
_choices: dict[str, Callable[[], Iterable[tuple[str, Any]]]] = {}
_on_account_deleted: list[Callable[..., None]] = []


def register_profiles(*, listed: Callable, visible: Callable) -> None:
    """`listed(principal)`: the profiles the settings offer as the default (objects with `pk` and
    `name`, by name); `visible(principal, profile_id)`: whether the account may use that one."""
    _profiles.update(listed=listed, visible=visible)


def profiles_of(principal) -> Sequence[Any]:
    return _profiles["listed"](principal) if "listed" in _profiles else []


def profile_visible(principal, profile_id: int) -> bool:
    return "visible" in _profiles and _profiles["visible"](principal, profile_id)


def register_choices(field: str, choices: Callable[[], Iterable[tuple[str, Any]]]) -> None:
    """`choices()`: the (value, label) pairs a settings field offers (read when a form is made)."""
    _choices[field] = choices


def choices_of(field: str, values: Iterable[str]) -> list[tuple[str, Any]]:
    """The registered choices of `field`, else its bare `values`."""
    if field in _choices:
        return list(_choices[field]())
    return [(value, value) for value in values]


def register_account_deleted(receiver: Callable[..., None]) -> None:
    """`receiver(account=…)` runs when an account is deleted, in the same transaction."""
    if receiver not in _on_account_deleted:
        _on_account_deleted.append(receiver)


def account_deleted(account) -> None:
    for receiver in _on_account_deleted:
        receiver(account=account)


_preferences: dict[str, tuple[Callable, Callable]] = {}


def register_preference(name: str, *, read: Callable, update: Callable) -> None:
    """A setting another app keeps, shown and changed with the account's own preferences (the
    settings page, `GET/PUT /api/settings`): `read(account)` → its value; `update(principal=…,
    client_address=…, value=…)` checks and stores a new one (raising `InvalidField`)."""
    _preferences[name] = (read, update)


def preference_values(account) -> dict[str, Any]:
    return {name: read(account) for name, (read, _update) in _preferences.items()}


def is_kept_elsewhere(name: str) -> bool:
    return name in _preferences


def update_preference(name: str, *, principal, client_address: str | None, value: Any) -> None:
    _preferences[name][1](principal=principal, client_address=client_address, value=value)


_on_email_removed: list[Callable[..., None]] = []


def register_email_removed(receiver: Callable[..., None]) -> None:
    """`receiver(account=…, client_address=…)` runs when an account's e-mail address is removed
    (the settings), in the same transaction: what needs the address stops (the daily e-mail)."""
    if receiver not in _on_email_removed:
        _on_email_removed.append(receiver)


def email_removed(account, *, client_address: str | None) -> None:
    for receiver in _on_email_removed:
        receiver(account=account, client_address=client_address)

"""What is kept in a worker's memory (`Memory`), and HTML fragments rendered once and kept there
(issue 22): one way for every page part that renders the same HTML visit after visit (the
Vault's entry cards, a reading's result, the dashboard, the settings' forms).

A fragment is kept under a key made of *everything* its template reads — the values shown, the
language, calendar, zone and day, the permissions — so a changed value, or another language, is
another key and a kept fragment can never be stale. Fragments stay in this process's memory (an
LRU per kind), never in Redis or on disk: they hold decrypted texts (notes, questions, names),
which must not sit in clear outside the worker.

The CSRF token differs per response: a fragment is rendered with a placeholder in its place, and
the response's token is put in when it is served.
"""

from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any

from django.middleware.csrf import get_token
from django.template import Context
from django.utils import timezone, translation
from django.utils.safestring import SafeString, mark_safe

from nps.core.dates import active_calendar, display_zone

CSRF_PLACEHOLDER = "nps-kept-csrf-placeholder"

_all: list[Memory] = []


class Memory:
    """Values kept in this worker's memory: at most ``capacity`` of them, the least recently used
    forgotten first; safe to share between threads. The one way the project keeps something in a
    worker (HTML fragments, a journal's decrypted tags, the dashboard's day alone)."""

    def __init__(self, capacity: int):
        self.capacity = capacity
        self._values: OrderedDict[Hashable, Any] = OrderedDict()
        self._lock = threading.Lock()
        _all.append(self)

    def get(self, key: Hashable) -> Any:
        """The value kept under ``key``, or None."""
        with self._lock:
            value = self._values.get(key)
            if value is not None:
                self._values.move_to_end(key)
            return value

    def put(self, key: Hashable, value: Any) -> None:
        with self._lock:
            self._values[key] = value
            self._values.move_to_end(key)
            while len(self._values) > self.capacity:
                self._values.popitem(last=False)

    def __len__(self) -> int:
        return len(self._values)

    def forget(self) -> None:
        with self._lock:
            self._values.clear()


class Fragments(Memory):
    """One kind of kept HTML fragment, keyed by what it shows (`html`)."""

    def __init__(self, name: str, capacity: int):
        super().__init__(capacity)
        self.name = name

    @staticmethod
    def key(parts: Any) -> bytes:
        """A key of ``parts`` (anything whose ``repr`` names each value it holds)."""
        return hashlib.blake2b(repr(parts).encode(), digest_size=20).digest()

    def html(self, request, parts: Any, render: Callable[[str], str]) -> SafeString:
        """The fragment of ``parts``: kept, or ``render(csrf_placeholder)`` and kept; with this
        response's CSRF token in it. ``render`` gets the placeholder to use as the token."""
        key = self.key(parts)
        html = self.get(key)
        if html is None:
            html = str(render(CSRF_PLACEHOLDER))
            self.put(key, html)
        if CSRF_PLACEHOLDER in html:
            html = html.replace(CSRF_PLACEHOLDER, str(get_token(request)))
        return mark_safe(html)  # noqa: S308 — rendered by a template


def reader_parts() -> tuple[str, str, str, str]:
    """What every fragment of a page reads of its reader: the language, the calendar, and the
    zone with today in it (dates are written in them)."""
    zone = display_zone()
    return (
        translation.get_language(),
        active_calendar(),
        str(zone),
        timezone.localdate(timezone=zone).isoformat(),
    )


def render_in(context: Context, fragments: Fragments, template_name: str, parts: Any) -> SafeString:
    """``template_name`` (a template or a ``template#partial``) rendered with the page's
    ``context`` — or kept, under ``parts`` with the reader's language, calendar, zone and day."""
    template = context.template.engine.get_template(template_name)

    def render(csrf_token: str) -> str:
        with context.push(csrf_token=csrf_token):
            return template.render(context)

    return fragments.html(context.get("request"), (template_name, reader_parts(), parts), render)


# Dashboards (~9 KB), settings forms (up to ~40 KB: the zone list): ~6 MB per worker at most.
PAGE_PARTS = Fragments("page parts", capacity=300)


def forget_all() -> None:
    """Empty everything kept in this worker's memory (tests)."""
    for memory in _all:
        memory.forget()

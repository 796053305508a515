"""The liveness probe's answer, made once by the whole stack and then served as it was made.

`GET /api/health` always answers the same body and headers (`nps.core.health.HealthView`). A
load balancer asks it every few seconds, and the rest of the stack — sessions, locale, CSRF,
authentication, the CSP builder, DRF's negotiation, URL resolution — cost it six times what a bare
Django view costs (docs/PERFORMANCE.md). So `RequestMiddleware` lets the first bare probe of a
process go through everything, keeps its answer here, and answers the next ones with a copy: same
status, body and headers (the security headers included), a fresh request id, and the request's
log line and metrics as usual.

Only a *bare* probe is answered this way: `GET` of exactly the path, no query string, no cookie,
no `Authorization`, no `Origin` (CORS), no `Accept-Language`, an `Accept` of anything or JSON
(not the browsable API's HTML), and a `Host` the settings allow.
Anything else takes the whole stack. Answers are kept apart for HTTP and HTTPS (HSTS), and
forgotten when a setting changes (tests).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import DisallowedHost
from django.core.signals import setting_changed
from django.http import HttpRequest, HttpResponse

PATH = "/api/health"
# Headers of a request that can change the answer (a session, a CORS origin, a language, a key).
_VARYING = ("HTTP_COOKIE", "HTTP_AUTHORIZATION", "HTTP_ORIGIN", "HTTP_ACCEPT_LANGUAGE")
# What a probe accepts: anything, or JSON — the kept answer's type.
_PLAIN_ACCEPT = frozenset({"", "*/*", "application/json"})
# Headers made for each request, never copied from the kept answer.
_PER_REQUEST = frozenset({"x-request-id"})


@dataclass(frozen=True)
class KeptAnswer:
    status: int
    content: bytes
    headers: tuple[tuple[str, str], ...]
    view: str
    route: str


_kept: dict[bool, KeptAnswer] = {}  # by request.is_secure()


def is_bare_probe(request: HttpRequest) -> bool:
    if request.method != "GET" or request.path_info != PATH:
        return False
    meta = request.META
    if meta.get("QUERY_STRING") or any(meta.get(name) for name in _VARYING):
        return False
    if meta.get("HTTP_ACCEPT", "*/*") not in _PLAIN_ACCEPT:  # e.g. the browsable API's HTML
        return False
    try:
        request.get_host()
    except DisallowedHost:
        return False
    return True


def kept_answer(request: HttpRequest) -> KeptAnswer | None:
    """The answer to serve this bare probe with, once one was kept."""
    return _kept.get(request.is_secure())


def answer(kept: KeptAnswer) -> HttpResponse:
    response = HttpResponse(kept.content, status=kept.status)
    for name, value in kept.headers:
        response[name] = value
    return response


def keep(request: HttpRequest, response: HttpResponse, view: str, route: str | None) -> None:
    """Keep the whole stack's answer to a bare probe (a 200 of the health view only)."""
    if response.status_code != 200 or view != "health" or route is None:
        return
    if response.streaming or response.cookies:
        return
    headers = tuple(
        (name, value) for name, value in response.items() if name.lower() not in _PER_REQUEST
    )
    kept = KeptAnswer(response.status_code, response.content, headers, view, route)
    _kept[request.is_secure()] = kept


def forget(**_kwargs) -> None:
    _kept.clear()


setting_changed.connect(forget)

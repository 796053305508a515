"""One log line per request, the request id, and the request's metrics.

`RequestMiddleware` comes first in `MIDDLEWARE`. For every request it

- takes the id from an incoming `X-Request-ID` when it looks like one (8–64 letters, digits,
  `-`, `_`, `.`, `:` — a proxy's or a client's id), or makes one (32 hex digits), keeps it for the
  request's log lines (`request_id` on every record, through `RequestIdFilter`), returns it in the
  `X-Request-ID` header and shows it on the 500 page (`{% request_id %}`);
- times the queries the request makes and the whole request (Prometheus, `nps.core.metrics`);
- answers a bare liveness probe with the answer the whole stack gave the first one
  (`nps.core.liveness`);
- logs one line on the `nps.request` logger: method, route (the URL pattern, never the path with
  its values or the query string), view, status, duration and the account's id. No user data, no
  headers, no secrets.

Log output (settings `LOGGING`): JSON lines (python-json-logger) when `NPS_LOG_FORMAT=json` — the
default with `DEBUG` off —, readable text otherwise.
"""

import contextvars
import logging
import re
import time
import traceback
import uuid

from django.conf import settings
from django.db import connections
from django.utils.functional import empty

from nps.core import liveness, metrics

logger = logging.getLogger("nps.request")

REQUEST_ID_HEADER = "X-Request-ID"
_VALID_REQUEST_ID = re.compile(r"^[A-Za-z0-9._:-]{8,64}$")
_current_request_id: contextvars.ContextVar[str | None] = contextvars.ContextVar(
    "nps_request_id", default=None
)


def current_request_id() -> str | None:
    """The id of the request being answered (None outside a request)."""
    return _current_request_id.get()


def request_id_from(header: str | None) -> str:
    if header and _VALID_REQUEST_ID.match(header):
        return header
    return uuid.uuid4().hex


def _account_id(request) -> str | None:
    """The account's id, without triggering a session lookup that has not happened."""
    user = request.__dict__.get("user")
    if user is None:
        return None
    if getattr(user, "_wrapped", None) is empty:  # a lazy request.user nobody looked at
        return None
    if not getattr(user, "is_authenticated", False):
        return None
    return str(user.pk)


def _view_labels(request) -> tuple[str, str | None]:
    """(metrics label of the view, the URL pattern) — both bounded sets, free of user data."""
    match = getattr(request, "resolver_match", None)
    if match is None:
        if request.path.startswith("/" + settings.STATIC_URL.lstrip("/")):
            return "static", None
        return "unresolved", None
    return (match.view_name or match._func_path), match.route


class RequestMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response
        self.alias = "default"

    def __call__(self, request):
        if request.META.get("nps.warmup"):  # nps.core.warmup: not a client's request
            return self.get_response(request)
        started = time.perf_counter()
        request_id = request_id_from(request.META.get("HTTP_X_REQUEST_ID"))
        request.request_id = request_id
        token = _current_request_id.set(request_id)
        try:
            probe = liveness.is_bare_probe(request)
            kept = liveness.kept_answer(request) if probe else None
            if kept is not None:  # the liveness probe, answered as the whole stack did before
                response = liveness.answer(kept)
                view, route = kept.view, kept.route
            else:
                with connections[self.alias].execute_wrapper(metrics.DatabaseTimer(self.alias)):
                    response = self.get_response(request)
                view, route = _view_labels(request)
                if probe:
                    liveness.keep(request, response, view, route)
            seconds = time.perf_counter() - started
            response[REQUEST_ID_HEADER] = request_id
            status = response.status_code
            metrics.observe_request(view, request.method, status, seconds)
            logger.info(
                "%s %s %s %.1fms",
                request.method,
                route or view,
                status,
                seconds * 1000,
                extra={
                    "method": request.method,
                    "route": route,
                    "view": view,
                    "status": status,
                    "duration_ms": round(seconds * 1000, 2),
                    "account_id": _account_id(request),
                },
            )
            return response
        finally:
            _current_request_id.reset(token)


def scrubbed_traceback(error: BaseException) -> str:
    """The traceback of `error` and of the exceptions it was raised from, without their messages.

    An exception's message can hold user data (a database error quotes the row's values, a
    parsing error the text it could not read); the frames and the exception types are enough to
    find the fault, and the request id leads to the request.
    """
    chain: list[BaseException] = []
    while error is not None and error not in chain:
        chain.append(error)
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
    lines: list[str] = []
    for link in reversed(chain):
        if lines:
            lines.append("\nWhich led to:\n")
        lines.append("Traceback (most recent call last):\n")
        lines.extend(traceback.format_tb(link.__traceback__))
        kind = type(link)
        lines.append(
            f"{kind.__module__}.{kind.__qualname__} (message withheld: it may hold user data)"
        )
    return "".join(lines)


class RequestIdFilter(logging.Filter):
    """Adds `request_id` to every record and drops what would carry user data.

    Django's `django.request` logger attaches the request object (its repr has the query string)
    to records of failed requests; the JSON formatter would print it. A logged exception keeps
    its traceback but not its message (`scrubbed_traceback`).
    """

    def filter(self, record: logging.LogRecord) -> bool:
        record.request_id = _current_request_id.get() or "-"
        if hasattr(record, "request"):
            del record.request
        if record.exc_info and record.exc_info[1] is not None:
            record.exc_text = scrubbed_traceback(record.exc_info[1])
            record.exc_info = None
        return True

"""A database that does not answer becomes `503 Service Unavailable` with `Retry-After`, not a 500.

PostgreSQL restarting, failing over or refusing connections shows up as Django's `OperationalError`
or `InterfaceError` anywhere in a request: in a view (a service's query), or in a middleware (the
session or account lookup of `AuthenticationMiddleware` / `PrincipalMiddleware`).

- `DatabaseUnavailableMiddleware.process_exception` answers an error raised by a view.
- An error raised by a middleware is turned into a 500 by Django before any outer middleware sees
  it; Django sends `got_request_exception` first, so `mark_request` flags the request, and the
  middleware (outermost but for the metrics) replaces that 500 by the 503.

Under `/api/` the answer is V4's JSON (`{"detail": ...}`), elsewhere a small page rendered without
the request's context (which would query the database again). Nothing is half-written: each
request's writes are in one transaction (the services are atomic), which PostgreSQL rolls back when
the connection is lost; the next request reconnects (`CONN_HEALTH_CHECKS`).
"""

import logging
import sys

from django.conf import settings
from django.core.signals import got_request_exception
from django.db import InterfaceError, OperationalError
from django.dispatch import receiver
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.template.loader import render_to_string

logger = logging.getLogger(__name__)

DATABASE_ERRORS = (OperationalError, InterfaceError)
API_DETAIL = "Service temporarily unavailable: the database is not answering. Retry shortly."


def retry_after() -> int:
    return int(getattr(settings, "DATABASE_RETRY_AFTER", 3))


def unavailable_response(request: HttpRequest) -> HttpResponse:
    if request.path.startswith("/api/"):
        response = JsonResponse({"detail": API_DETAIL}, status=503)
    else:
        response = HttpResponse(render_to_string("503.html"), status=503)
    response["Retry-After"] = str(retry_after())
    response["Cache-Control"] = "no-store"
    return response


def _log(request: HttpRequest, exception: BaseException) -> None:
    # The class only: a database error's message can quote the statement and its values.
    logger.warning(
        "Database unavailable (%s) during %s %s: answered 503",
        type(exception).__name__,
        request.method,
        request.path,
    )


@receiver(got_request_exception)
def mark_request(sender, request=None, **kwargs) -> None:
    exception = sys.exc_info()[1]
    if request is not None and isinstance(exception, DATABASE_ERRORS):
        request.database_unavailable = exception


class DatabaseUnavailableMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        exception = getattr(request, "database_unavailable", None)
        if exception is not None and response.status_code >= 500:
            _log(request, exception)
            return unavailable_response(request)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if isinstance(exception, DATABASE_ERRORS):
            _log(request, exception)
            return unavailable_response(request)
        return None

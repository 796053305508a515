"""What every API view shares: the base view, scope checks, V4's error shapes and rate limits.

Error contract (V4's, with validation as 422): no credentials → 401 `Not authenticated` with
`WWW-Authenticate: Bearer` (before the body is read); bad credentials → 403 `Invalid credentials`;
missing scope → 403 `Insufficient scope: requires '<scope>'`; validation → 422 with a pydantic-style
`detail` list naming each field; not found or not yours → 404; rate limit → 429 with `Retry-After`.
"""

from django.conf import settings
from django.core.exceptions import RequestDataTooBig
from django.http import Http404
from rest_framework import exceptions, status
from rest_framework.permissions import BasePermission
from rest_framework.response import Response
from rest_framework.views import APIView

from nps.accounts.authentication import BearerAuthentication, SessionPrincipalAuthentication
from nps.accounts.principal import Principal
from nps.core import ratelimit
from nps.core.errors import Conflict, Forbidden, InvalidField, NotAuthenticated, NotFound
from nps.core.http import client_ip


class RequestTooLarge(exceptions.APIException):
    status_code = status.HTTP_413_REQUEST_ENTITY_TOO_LARGE
    default_detail = "The request body is too large."


class HasScope(BasePermission):
    """The view's `required_scope` (per method via `required_scopes`) must be granted."""

    def has_permission(self, request, view) -> bool:
        if not isinstance(request.auth, Principal):
            raise exceptions.NotAuthenticated()
        scopes = getattr(view, "required_scopes", {})
        required = scopes.get(request.method, getattr(view, "required_scope", None))
        if required and not request.auth.has_scope(required):
            raise exceptions.PermissionDenied(f"Insufficient scope: requires '{required}'")
        return True


class ApiView(APIView):
    """Base of every API view: Bearer auth, scope check, default-class rate limit, size limit."""

    authentication_classes = [BearerAuthentication, SessionPrincipalAuthentication]
    permission_classes = [HasScope]
    required_scope: str | None = None
    public = False  # True: no authentication at all (health, login)
    rate_limited = True  # False: not counted (the liveness probe, cheaper to answer than to count)

    def get_authenticators(self):
        return [] if self.public else super().get_authenticators()

    def get_permissions(self):
        return [] if self.public else super().get_permissions()

    @property
    def principal(self) -> Principal:
        return self.request.auth

    @property
    def client_address(self) -> str | None:
        """The caller's address for the audit log (services take it, never the request)."""
        return client_ip(self.request)

    def initial(self, request, *args, **kwargs):
        super().initial(request, *args, **kwargs)
        self.check_rate_limit(request)
        length = request.META.get("CONTENT_LENGTH") or "0"
        if length.isdigit() and int(length) > settings.DATA_UPLOAD_MAX_MEMORY_SIZE:
            limit_kb = settings.DATA_UPLOAD_MAX_MEMORY_SIZE // 1024
            raise RequestTooLarge(f"The request body is larger than {limit_kb} KB.")

    def check_rate_limit(self, request) -> None:
        principal = request.auth if isinstance(request.auth, Principal) else None
        request.authenticated = principal is not None
        if not self.rate_limited:
            return
        key = principal.rate_key if principal else f"ip:{client_ip(request)}"
        rate = None
        api_key = principal.api_key if principal else None
        if api_key is not None and api_key.rate_limit:
            rate = ratelimit.Rate(api_key.rate_limit, 60)
        state = ratelimit.hit("default", key, rate)
        request.rate_limit_state = state
        if state.exceeded:
            raise ratelimit.RateLimitExceeded(state)

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        state = getattr(request, "rate_limit_state", None)
        if state is not None and response.status_code != 429:
            for name, value in state.headers().items():
                response.setdefault(name, value)
        if getattr(request, "authenticated", False):
            # Answers to an authenticated caller may hold decrypted private data (mother names,
            # questions, interpretations): no browser or proxy may keep them.
            response["Cache-Control"] = "no-store"
        return response


def validation_detail(errors, location: str, path: tuple = ()) -> list[dict]:
    """DRF's nested error dict → V4's (pydantic) list of `{type, loc, msg}`."""
    if isinstance(errors, dict):
        items = []
        for name, value in errors.items():
            sub_path = path if name == "non_field_errors" else (*path, name)
            items.extend(validation_detail(value, location, sub_path))
        return items
    if isinstance(errors, list) and errors and all(isinstance(e, str) for e in errors):
        return [
            {"type": getattr(e, "code", None) or "value_error", "loc": [location, *path], "msg": e}
            for e in errors
        ]
    if isinstance(errors, list):
        items = []
        for index, value in enumerate(errors):
            if value:
                items.extend(validation_detail(value, location, (*path, index)))
        return items
    return [{"type": "value_error", "loc": [location, *path], "msg": str(errors)}]


def default_location(request) -> str:
    """Where a field without an explicit location is: the query string for reads, else the body."""
    return "query" if request is not None and request.method in ("GET", "DELETE") else "body"


def error(status_code: int, detail, headers: dict | None = None) -> Response:
    return Response({"detail": detail}, status=status_code, headers=headers)


def exception_handler(exc, context):
    request = context.get("request")
    if isinstance(exc, ratelimit.RateLimitExceeded):
        return error(429, "Rate limit exceeded", exc.state.headers())
    if isinstance(exc, exceptions.Throttled):
        wait = str(int(exc.wait or 1))
        return error(429, "Rate limit exceeded", {"Retry-After": wait})
    if isinstance(exc, exceptions.NotAuthenticated):
        return error(401, "Not authenticated", {"WWW-Authenticate": "Bearer"})
    if isinstance(exc, exceptions.AuthenticationFailed):
        return error(403, "Invalid credentials")
    if isinstance(exc, exceptions.ParseError):
        return error(422, [{"type": "json_invalid", "loc": ["body"], "msg": str(exc.detail)}])
    if isinstance(exc, exceptions.ValidationError):
        return error(422, validation_detail(exc.detail, default_location(request)))
    if isinstance(exc, InvalidField):
        location = exc.location or default_location(request)
        return error(422, [{"type": exc.code, "loc": [location, *exc.path], "msg": str(exc)}])
    if isinstance(exc, RequestDataTooBig):
        return error(413, "The request body is too large.")
    if isinstance(exc, NotFound):
        return error(404, str(exc))
    if isinstance(exc, Conflict):
        return error(409, str(exc))
    if isinstance(exc, Forbidden):
        return error(403, str(exc))
    if isinstance(exc, NotAuthenticated):
        return error(401, str(exc))
    if isinstance(exc, Http404):
        return error(404, str(exc) or "Not Found")
    if isinstance(exc, exceptions.MethodNotAllowed):
        return error(405, "Method Not Allowed")
    if isinstance(exc, exceptions.APIException):
        return error(exc.status_code, exc.detail)
    return None  # a real server error: Django logs it and answers 500


def path_int(value: str, name: str) -> int:
    """A path segment that must be a whole number: anything else is a 422 naming it (as V4)."""
    if not value.isascii() or not value.isdigit() or len(value) > 18:
        raise InvalidField(name, "Input should be a valid integer.", location="path")
    return int(value)

"""What every page answer gets, whatever its view: refused NUL bytes, and no caching of private
or shared answers.

* A service's `NotFound` is answered with the 404 page and its `Forbidden` with the 403 page,
  wherever a page view lets them through: the one mapping of these errors for pages (the API's
  is `nps.core.api.exception_handler`).
* A rate limit a page's service charges (searches, downloads) is answered with the 429 page and
  `Retry-After`, as the API answers it.
* A NUL byte in a page's query or form values is refused with the 400 page before any view runs
  (PostgreSQL cannot store or compare one: `/profiles?q=a%00b` used to answer 500). The API
  validates its own parameters (422 naming the field).
* Pages for a signed-in account hold private data (names, birthdays, questions, interpretations):
  `Cache-Control: private, no-store`. A public share page and its JSON are `no-store` too, so a
  revoked link stops working at every cache at once. The API sets its own header
  (`nps.core.api`).
"""

from django.core.exceptions import PermissionDenied
from django.core.handlers.exception import response_for_exception
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseBadRequest
from django.shortcuts import render
from django.template import loader
from django.utils.cache import patch_cache_control

from nps.core import ratelimit
from nps.core.errors import Forbidden, NotFound

API_PREFIX = "/api/"
SHARE_URL_NAMES = frozenset({"oracle:share", "api-share-token"})
FORM_TYPES = ("application/x-www-form-urlencoded", "multipart/form-data")


def _holds_nul(values) -> bool:
    return any("\x00" in key or any("\x00" in v for v in items) for key, items in values.lists())


def _has_nul(request: HttpRequest) -> bool:
    if "\x00" in request.path or _holds_nul(request.GET):
        return True
    return (
        request.method == "POST" and request.content_type in FORM_TYPES and _holds_nul(request.POST)
    )


def _signed_in(request: HttpRequest) -> bool:
    user = getattr(request, "user", None)
    return user is not None and user.is_authenticated


class PageGuardMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not request.path.startswith(API_PREFIX) and _has_nul(request):
            return HttpResponseBadRequest(loader.render_to_string("400.html", request=request))
        response = self.get_response(request)
        match = getattr(request, "resolver_match", None)
        if match is not None and match.view_name in SHARE_URL_NAMES:
            patch_cache_control(response, no_store=True)
        elif not request.path.startswith(API_PREFIX) and _signed_in(request):
            patch_cache_control(response, private=True, no_store=True)
        return response

    def process_exception(self, request: HttpRequest, exception: Exception):
        if request.path.startswith(API_PREFIX):
            return None
        if isinstance(exception, ratelimit.RateLimitExceeded):
            response = render(request, "429.html", status=429)
            response["Retry-After"] = str(exception.state.reset)
            return response
        # As if the view had raised Django's own: the project's 404 / 403 handlers answer.
        if isinstance(exception, NotFound):
            return response_for_exception(request, Http404(str(exception)))
        if isinstance(exception, Forbidden):
            return response_for_exception(request, PermissionDenied(str(exception)))
        return None

"""What every htmx request of the site gets, whatever view answers it.

A page view behind ``login_required`` answers a visitor without a session with a redirect to the
login page. The browser's XMLHttpRequest follows it silently, so htmx would receive the whole
login page (200) and swap it into the slot that asked: a second sidebar and login form inside a
card. :class:`HtmxLoginRedirectMiddleware` answers such a request with django-htmx's client
redirect instead: the *page* goes to the login form, with ``next`` the page the person was on
(htmx's ``HX-Current-URL``), not the fragment's address.

The other half is in the browser (``static/js/htmx-guard.js``, loaded by ``base.html``): a 4xx
answer is never swapped (htmx's default, base.html's ``htmx-config`` adds only 422 form errors) and
leaves the page as it is, and a whole page is never swapped into a slot.
"""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import parse_qs, urlencode, urlsplit

from django.conf import settings
from django.contrib.auth import REDIRECT_FIELD_NAME
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.utils.cache import patch_vary_headers
from django_htmx.http import HttpResponseClientRedirect

REDIRECTS = (301, 302, 303, 307, 308)


def login_redirect_for(request: HttpRequest, response: HttpResponse) -> str | None:
    """The login address the page should go to, when ``response`` sends an htmx request there."""
    if not getattr(request, "htmx", False) or response.status_code not in REDIRECTS:
        return None
    login = resolve_url(settings.LOGIN_URL)
    location = urlsplit(response.get("Location", ""))
    if location.path != urlsplit(login).path:
        return None
    page = request.htmx.current_url_abs_path  # None when the page is on another origin
    if page is None or REDIRECT_FIELD_NAME not in parse_qs(location.query):
        return response["Location"]  # e.g. after logging out: the login form, no way back
    return f"{login}?{urlencode({REDIRECT_FIELD_NAME: page})}"


class HtmxLoginRedirectMiddleware:
    """An htmx request that would be redirected to the login page redirects its page instead."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        response = self.get_response(request)
        location = login_redirect_for(request, response)
        if location is None:
            return response
        redirect = HttpResponseClientRedirect(location)
        patch_vary_headers(redirect, ("HX-Request",))
        return redirect

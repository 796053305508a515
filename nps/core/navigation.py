"""The main navigation: every section of NPS, in one place.

A section whose page is not built yet is shown as such (not as a link to a 404). Logged out, the
navigation lists only what one can use without an account (the welcome page, logging in, opening
an account where sign-up is on): the sections would only bounce to the login page.
"""

from dataclasses import dataclass

from django.http import HttpRequest
from django.urls import NoReverseMatch, reverse
from django.utils.translation import gettext_lazy as _


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str | None
    current: bool


SECTIONS = (
    ("home", _("Dashboard")),
    ("oracle:consult", _("Oracle")),
    ("oracle:profiles", _("Profiles")),
    ("oracle:history", _("History")),
    ("vault:index", _("Vault")),
    ("learning:index", _("Learning")),
    ("settings", _("Settings")),
)


def section_url(url_name: str) -> str | None:
    try:
        return reverse(url_name)
    except NoReverseMatch:
        return None


def is_current(path: str, url: str) -> bool:
    return path == url if url == "/" else path.startswith(url)


def logged_out_items(request: HttpRequest) -> list[NavItem]:
    from nps.accounts import signup

    pages = [("home", _("Home")), ("login", _("Log in"))]
    if signup.is_open():
        pages.append(("signup", _("Create an account")))
    items = []
    for url_name, label in pages:
        url = section_url(url_name)
        if url:
            items.append(NavItem(label, url, is_current(request.path, url)))
    return items


def navigation(request: HttpRequest) -> dict:
    """Context processor: `nav_items` for templates/_nav.html."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {"nav_items": logged_out_items(request)}
    items = []
    for url_name, label in SECTIONS:
        url = section_url(url_name)
        items.append(NavItem(label, url, bool(url) and is_current(request.path, url)))
    if user.is_staff:
        url = reverse("admin:index")
        items.append(NavItem(_("Admin"), url, is_current(request.path, url)))
    return {"nav_items": items}

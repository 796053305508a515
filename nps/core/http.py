"""Request helpers shared by pages, the API, the audit log and the login lockout."""

from django.conf import settings
from django.http import HttpRequest


def client_ip(request: HttpRequest | None) -> str | None:
    """The client's address.

    `X-Forwarded-For` is trusted only when `TRUSTED_PROXY_COUNT` proxies are declared in front of
    the app; the address is then the one the outermost trusted proxy saw. Anyone can forge the
    header, so without declared proxies it is ignored.
    """
    if request is None:
        return None
    proxies = settings.TRUSTED_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip() for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
        ]
        forwarded = [part for part in forwarded if part]
        if len(forwarded) >= proxies:
            return forwarded[-proxies][:45]
    return (request.META.get("REMOTE_ADDR") or "")[:45] or None

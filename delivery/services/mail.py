"""The day's reading by e-mail: a text and an HTML part in the account's language (Persian right
to left, in the account's calendar — Jalali by default — with Persian digits), and the ways out:
`List-Unsubscribe` (+ `List-Unsubscribe-Post`, RFC 8058 one-click) and a signed link in the
mail that needs no login."""

from __future__ import annotations

from django.conf import settings
from django.core import signing
from django.core.mail import EmailMultiAlternatives
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.translation import gettext as _

from delivery.models import DeliveryChoice
from delivery.services.content import DailyContent, speaking_as
from nps.core import audit, dates

UNSUBSCRIBE_SALT = "delivery.unsubscribe-email"


def unsubscribe_token(account) -> str:
    return signing.dumps(str(account.pk), salt=UNSUBSCRIBE_SALT, compress=True)


def unsubscribe_url(account) -> str:
    return settings.NPS_SITE_URL + reverse(
        "delivery-unsubscribe", args=[unsubscribe_token(account)]
    )


def account_for_token(token: str):
    """The account a signed unsubscribe token names, or None (forged, damaged, unknown)."""
    from django.contrib.auth import get_user_model

    try:
        account_id = signing.loads(token, salt=UNSUBSCRIBE_SALT)
    except signing.BadSignature:
        return None
    return get_user_model().objects.filter(pk=account_id).first()


@transaction.atomic
def unsubscribe(
    account, *, client_address: str | None = None, source: str = "unsubscribe link"
) -> bool:
    """Turn e-mail delivery off; False when it already was. `source`: what turned it off (the
    unsubscribe link, or the account's address removed in its settings)."""
    changed = DeliveryChoice.objects.filter(account=account, email=True).update(email=False)
    if changed:
        audit.record(
            "account.daily_delivery",
            actor=account,
            client_address=client_address,
            resource_type="account",
            details={"fields": ["email"], "email": False, "from": source},
        )
    return bool(changed)


def build_daily(account, found: DailyContent) -> EmailMultiAlternatives:
    with speaking_as(account, found.language) as language:
        link = unsubscribe_url(account)
        context = {
            "content": found,
            "result": found.result,
            "day": dates.format_date(found.day),
            "language": language,
            "direction": "rtl" if language == "fa" else "ltr",
            "unsubscribe_url": link,
            "settings_url": settings.NPS_SITE_URL + reverse("settings"),
            "section_titles": {
                "core_identity": _("Core identity"),
                "message": _("Message"),
                "advice": _("Advice"),
                "caution": _("Caution"),
            },
        }
        subject = _("Your day, %(date)s — NPS") % {"date": context["day"]}
        text = render_to_string("delivery/email/daily.txt", context)
        html = render_to_string("delivery/email/daily.html", context)
    message = EmailMultiAlternatives(
        subject=subject,
        body=text,
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[account.email],
        headers={
            "List-Unsubscribe": f"<{link}>",
            "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
            "Content-Language": found.language,
        },
    )
    message.attach_alternative(html, "text/html")
    return message


def send_daily(account, found: DailyContent) -> None:
    build_daily(account, found).send(fail_silently=False)

"""Filters of the delivery app's templates (the plain-text e-mail)."""

from django import template

from delivery.services.content import plain

register = template.Library()


@register.filter
def plain_text(value):
    """An engine text for a plain-text part: no `**` marks, dates in the reader's calendar,
    Persian digits in Persian."""
    return plain(value)


@register.inclusion_tag("delivery/_settings_section.html", takes_context=True)
def daily_delivery_section(context):
    """The settings page's "Daily reading" section: the choice, and the Telegram link."""
    from django.conf import settings

    from delivery.forms import DailyDeliveryForm
    from delivery.services import choices, linking

    request = context["request"]
    account = request.user
    form = context.get("delivery_form")
    if form is None:
        initial = choices.as_dict(choices.choice_of(account))
        form = DailyDeliveryForm(initial=initial, account=account)
    return {
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "delivery_form": form,
        "telegram_available": choices.telegram_available(),
        "email_available": choices.email_available(),
        "telegram_linked": choices.is_linked(account),
        "telegram_pending_v3": linking.pending_v3_link(account),
        "telegram_code": context.get("telegram_code"),
        "bot_username": settings.TELEGRAM_BOT_USERNAME,
    }

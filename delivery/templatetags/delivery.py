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
    telegram = choices.telegram_available()
    form = context.get("delivery_form")
    kept_form = None  # a form sent back with its errors is rendered
    if form is None:
        initial = choices.as_dict(choices.choice_of(account))
        form = DailyDeliveryForm(initial=initial, account=account)
        # what the unfilled form holds (its values; a field off, and why), to keep its HTML under
        # (`{% kept %}`, nps.core.kept)
        kept_form = (
            tuple(sorted((name, str(value)) for name, value in initial.items())),
            tuple(
                (name, field.disabled, str(field.help_text)) for name, field in form.fields.items()
            ),
        )
    return {
        "kept_form": kept_form,
        "request": request,
        "csrf_token": context.get("csrf_token"),
        "delivery_form": form,
        "telegram_available": telegram,
        "email_available": choices.email_available(),
        # asked only where the section shows them: with a Telegram bot configured
        "telegram_linked": telegram and choices.is_linked(account),
        "telegram_pending_v3": telegram and linking.pending_v3_link(account),
        "telegram_code": context.get("telegram_code"),
        "bot_username": settings.TELEGRAM_BOT_USERNAME,
    }

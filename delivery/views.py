"""The delivery app's pages and the Telegram webhook.

* `settings/delivery`, `settings/telegram/link`, `settings/telegram/unlink`: the settings page's
  "Daily reading" section (plain forms that post and come back to `/settings`).
* `delivery/unsubscribe/<token>`: the signed link of every daily e-mail; no login.
* `telegram/webhook`: the bot's updates.
"""

from __future__ import annotations

import hmac
import json
import logging

from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse, HttpResponseForbidden, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_POST

from delivery.forms import DailyDeliveryForm
from delivery.services import bot, choices, linking, mail
from nps.accounts import settings_views
from nps.core.http import client_ip
from nps.core.pages import service_errors

logger = logging.getLogger(__name__)


@require_POST
@login_required
def save_delivery(request: HttpRequest) -> HttpResponse:
    form = DailyDeliveryForm(request.POST, account=request.user)
    if form.is_valid():
        with service_errors(form):
            choices.update_choice(
                principal=request.principal,
                client_address=client_ip(request),
                email=form.cleaned_data["email"],
                telegram=form.cleaned_data["telegram"],
                time=form.cleaned_data["time"],
            )
            messages.success(request, _("Daily reading saved."))
            return redirect("settings")
    return settings_views._render(request, status=422, delivery_form=form)


@require_POST
@login_required
def telegram_link(request: HttpRequest) -> HttpResponse:
    if not choices.telegram_available():
        messages.error(request, _("Telegram is not configured on this server."))
        return redirect("settings")
    new_code = linking.create_code(principal=request.principal, client_address=client_ip(request))
    return settings_views._render(request, telegram_code=new_code)


@require_POST
@login_required
def telegram_unlink(request: HttpRequest) -> HttpResponse:
    if linking.unlink(account=request.user, client_address=client_ip(request)):
        messages.success(request, _("Telegram unlinked."))
    return redirect("settings")


# A mail client's one-click unsubscribe (RFC 8058) POSTs here without a CSRF token or a session:
# the signed token in the path is what authorizes it. A GET only shows the button, because mail
# scanners open links to look at them and must not switch anything off.
@csrf_exempt
@require_http_methods(["GET", "POST"])
def unsubscribe(request: HttpRequest, token: str) -> HttpResponse:
    account = mail.account_for_token(token)
    if account is None:
        raise Http404(_("This link is not valid."))
    done = False
    if request.method == "POST":
        mail.unsubscribe(account, client_address=client_ip(request))
        done = True
    return render(request, "delivery/unsubscribe.html", {"done": done, "token": token})


# Telegram cannot send a CSRF token; the webhook is authenticated by the secret header instead
# (X-Telegram-Bot-Api-Secret-Token, set with `manage.py telegram_webhook --set`), compared in
# constant time. Anything else is a 403 and nothing is done.
@csrf_exempt
@require_POST
def telegram_webhook(request: HttpRequest) -> HttpResponse:
    secret = settings.TELEGRAM_WEBHOOK_SECRET
    given = request.headers.get("X-Telegram-Bot-Api-Secret-Token", "")
    if (
        not settings.TELEGRAM_BOT_TOKEN
        or not secret
        or not hmac.compare_digest(given.encode(), secret.encode())
    ):
        return HttpResponseForbidden()
    try:
        update = json.loads(request.body)
    except ValueError:
        return JsonResponse({"ok": True})  # nothing to answer; Telegram must not send it again
    if isinstance(update, dict):
        try:
            bot.handle_update(update)
        except Exception:  # answered 200 all the same: a retried update would repeat its reading
            logger.exception("A Telegram update could not be handled")
    return JsonResponse({"ok": True})

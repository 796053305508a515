"""Share links on pages: the owner's panel on a reading's page (make, copy, views, revoke) and the
public `/share/<token>` page (no login; 404 unknown, 410 revoked or expired)."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from nps.core.http import client_ip
from nps.core.pages import render_page, require_scope, service_errors, wants_fragment
from oracle.forms.share import ShareForm
from oracle.models import SignType
from oracle.services import history, sharing
from oracle.services.export import kind_label
from oracle.views.reading_page import reading_page_context

READING_TEMPLATE = "oracle/reading.html"
SHARE_REFUSED = gettext_lazy("Your account may look at readings but not share them.")


def share_url(request: HttpRequest, token: str) -> str:
    return request.build_absolute_uri(reverse("oracle:share", args=[token]))


def _panel(request: HttpRequest, reading_id: int, *, form=None, new_url=None, status=200):
    """The share panel alone under htmx, else the whole reading page with it."""
    reading = history.get_reading(principal=request.principal, reading_id=reading_id)
    context = reading_page_context(request, reading)
    context.update(share_form=form or ShareForm(), new_share_url=new_url)
    return render_page(request, READING_TEMPLATE, "share-panel", context, status=status)


@require_POST
@login_required
@require_scope(
    "oracle:write", gettext_lazy("Your account may look at readings but not share them.")
)
def share_create(request: HttpRequest, reading_id: int) -> HttpResponse:
    form = ShareForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            made = sharing.create_share_link(
                principal=request.principal,
                reading_id=reading_id,
                expires_in_days=form.cleaned_data["expires_in_days"],
                client_address=client_ip(request),
            )
            return _panel(request, reading_id, new_url=share_url(request, made.token))
    return _panel(request, reading_id, form=form, status=422)


@require_POST
@login_required
def share_revoke(request: HttpRequest, reading_id: int, link_id: int) -> HttpResponse:
    sharing.revoke_share_link(
        principal=request.principal, link_id=link_id, client_address=client_ip(request)
    )
    if wants_fragment(request):
        return _panel(request, reading_id)
    return redirect("oracle:reading", reading_id)


def og_description(shared: sharing.SharedReading) -> str:
    reading, response = shared.reading, shared.response
    parts = [kind_label(reading.sign_type)]
    if reading.sign_type == SignType.QUESTION and response.get("answer"):
        parts.append(_("the oracle answers: %(answer)s") % {"answer": response["answer"]})
    elif reading.sign_type == SignType.NAME and response.get("destiny_number") is not None:
        parts.append(_("destiny number %(number)s") % {"number": response["destiny_number"]})
    return " — ".join(parts)


@require_GET
def shared_reading(request: HttpRequest, token: str) -> HttpResponse:
    try:
        shared = sharing.open_share_link(token=token)
    except sharing.ShareLinkGone:  # an unknown token (`NotFound`) is the 404 page
        return render(request, "oracle/share_gone.html", status=410)
    reading = shared.reading
    context = {
        "link": shared.link,
        "reading": reading,
        "result": shared.response,
        "reading_type": reading.kind,
        "stored_reading": True,
        "subject": None,
        "og_title": _("A %(kind)s shared from NPS") % {"kind": kind_label(reading.sign_type)},
        "og_description": og_description(shared),
        "og_url": request.build_absolute_uri(),
    }
    return render(request, "oracle/share.html", context)

"""`/history` and `/readings/<id>`: the account's stored readings, searched and filtered, each one
shown again exactly as it was made; favourite, delete with Undo, restore.

The list is one view, full page or fragment: a plain GET renders the page (one page of rows, with
plain "newer"/"load more" links); under htmx a filter change renders ``#history-results`` and
"load more" renders only the next rows (``#reading-rows-more``), appended by htmx (``beforeend``)
with the new "load more" link swapped out of band. Mutations answer the changed row under htmx and
redirect back without it.
"""

from __future__ import annotations

import datetime as dt
from typing import Any
from urllib.parse import urlencode

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST
from django.views.decorators.vary import vary_on_headers

from nps.core import ratelimit
from nps.core.http import client_ip
from nps.core.pages import page_number, service_errors
from nps.core.templatetags.nps import localdate
from oracle.forms.history import HistoryFilterForm
from oracle.forms.share import ShareForm
from oracle.models import Reading, SignType
from oracle.services import export, history, profiles, sealing

TEMPLATE = "oracle/history.html"
PAGE_SIZE = 12
PROFILE_FILTER_LIMIT = 500
UNDO_KEY = "history_undo"

# The stored kind → the result templates' reading type (oracle/templates/oracle/results/).
RESULT_TYPES = {
    SignType.READING: "time",
    SignType.TIME: "time",
    SignType.QUESTION: "question",
    SignType.NAME: "name",
    SignType.MULTI_USER: "multi",
    SignType.DAILY: "daily",
}


def result_type(reading: Reading) -> str:
    return RESULT_TYPES.get(reading.sign_type, "time")


def reading_title(reading: Reading) -> str:
    """What a list shows of a reading: its question or name (decrypted), the moment, the group."""
    if reading.sign_type == SignType.QUESTION:
        return reading.question or _("A question")
    if reading.sign_type == SignType.NAME:
        return reading.question or _("A name")
    if reading.sign_type == SignType.MULTI_USER:
        people = [
            person.get("name")
            for person in reading.individual_results or []
            if isinstance(person, dict) and person.get("name")
        ]
        return ", ".join(people) or _("A group")
    if reading.sign_type in (SignType.READING, SignType.TIME):
        return moment_text(reading.question or reading.sign_value)
    return reading.question or reading.sign_value


def moment_text(value: str) -> str:
    """A time reading's moment (ISO, as read) as a person reads a date: its own wall-clock time,
    Jalali with Persian digits in Persian; anything that is not a moment as it is."""
    try:
        moment = dt.datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return value
    return localdate(moment.replace(tzinfo=None), "time")


def annotate(readings: list[Reading]) -> list[Reading]:
    for reading in readings:
        reading.result_type = result_type(reading)
        reading.title = reading_title(reading)
    return readings


def _require_write(request: HttpRequest) -> None:
    if not request.principal.has_scope("oracle:write"):
        raise PermissionDenied(_("Your account may look at readings but not change them."))


def _list_context(request: HttpRequest) -> dict[str, Any]:
    people = profiles.list_profiles(
        principal=request.principal, limit=PROFILE_FILTER_LIMIT, order="name"
    ).profiles
    form = HistoryFilterForm(request.GET, profiles=people)
    form.is_valid()
    if form.cleaned_data.get("q"):
        ratelimit.charge("search", request.principal.rate_key)
    number = page_number(request)
    with service_errors(form):
        page = history.list_readings(
            principal=request.principal,
            limit=PAGE_SIZE,
            offset=(number - 1) * PAGE_SIZE,
            client_address=client_ip(request),
            **form.service_arguments(),
        )
    query = {
        key: value for key, value in request.GET.items() if key != "page" and value not in ("",)
    }

    def page_url(n: int) -> str:
        params = {**query, **({"page": n} if n > 1 else {})}
        return reverse("oracle:history") + (f"?{urlencode(params)}" if params else "")

    shown = min(page.total, number * PAGE_SIZE)
    filtered = any(form.cleaned_data.get(name) for name in form.fields if name != "sort")
    return {
        "form": form,
        "readings": annotate(page.readings),
        "total": page.total,
        "favorites": page.favorites,
        "filtered": filtered,
        "page_number": number,
        "first_row": (number - 1) * PAGE_SIZE + 1,
        "shown": shown,
        "more_url": page_url(number + 1) if shown < page.total else None,
        "newer_url": page_url(number - 1) if number > 1 else None,
        "here": page_url(number),
        "can_write": request.principal.has_scope("oracle:write"),
        "widget_media": form.media,
    }


@require_GET
@login_required
@vary_on_headers("HX-Request")
def history_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(request)
    context["undo"] = request.session.pop(UNDO_KEY, None)
    if request.htmx and context["page_number"] > 1:
        return render(request, f"{TEMPLATE}#reading-rows-more", context)
    if request.htmx:
        return render(request, f"{TEMPLATE}#history-results", context)
    return render(request, TEMPLATE, context)


@require_GET
@login_required
def reading_detail(request: HttpRequest, reading_id: int) -> HttpResponse:
    with service_errors(forms.Form()):
        reading = history.read_reading(
            principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
        )
    context = reading_page_context(request, reading)
    context["share_form"] = ShareForm()
    return render(request, "oracle/reading.html", context)


def reading_page_context(request: HttpRequest, reading: Reading) -> dict[str, Any]:
    """What the reading page shows: the stored response through the result templates, and the
    owner's share links."""
    annotate([reading])
    return {
        "reading": reading,
        "result": sealing.reading_response(reading),
        "reading_type": reading.result_type,
        "subject": reading.profile if reading.sign_type != SignType.MULTI_USER else None,
        "can_write": request.principal.has_scope("oracle:write"),
        "here": reverse("oracle:reading", args=[reading.pk]),
        "share_links": list(reading.share_links.order_by("-created_at", "-id")),
    }


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return redirect(target or default)


@require_POST
@login_required
def reading_favorite(request: HttpRequest, reading_id: int) -> HttpResponse:
    _require_write(request)
    with service_errors(forms.Form()):
        reading = history.toggle_favorite(
            principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
        )
    if request.htmx:
        return render(request, f"{TEMPLATE}#favorite-button", {"reading": reading, "here": ""})
    return _back(request, reverse("oracle:reading", args=[reading.pk]))


@require_POST
@login_required
def reading_delete(request: HttpRequest, reading_id: int) -> HttpResponse:
    _require_write(request)
    with service_errors(forms.Form()):
        reading = history.delete_reading(
            principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
        )
    annotate([reading])
    if request.htmx:
        return render(request, f"{TEMPLATE}#reading-deleted", {"reading": reading})
    request.session[UNDO_KEY] = {"id": reading.pk, "title": reading.title[:80]}
    return _back(request, reverse("oracle:history"))


@require_POST
@login_required
def reading_restore(request: HttpRequest, reading_id: int) -> HttpResponse:
    _require_write(request)
    with service_errors(forms.Form()):
        reading = history.restore_reading(
            principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
        )
    annotate([reading])
    if request.htmx:
        context = {"reading": reading, "can_write": True, "here": "", "focus_restored": True}
        return render(request, f"{TEMPLATE}#reading-row", context)
    messages.success(request, _("The reading is back in your history."))
    return _back(request, reverse("oracle:history"))


def _download(exported: export.ExportFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


@require_GET
@login_required
def reading_export(request: HttpRequest, reading_id: int, export_format: str) -> HttpResponse:
    if export_format not in export.FORMATS:
        raise Http404("Unknown export format")
    ratelimit.charge("downloads", request.principal.rate_key)
    with service_errors(forms.Form()):
        exported = export.export_reading(
            principal=request.principal,
            reading_id=reading_id,
            export_format=export_format,
            client_address=client_ip(request),
        )
    return _download(exported)


@require_GET
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """ "Download my data": the account's profiles and readings as a ZIP."""
    ratelimit.charge("downloads", request.principal.rate_key)
    return _download(
        export.export_account(principal=request.principal, client_address=client_ip(request))
    )

"""`/history` and `/readings/<id>`: the account's stored readings, searched and filtered, each one
shown again exactly as it was made; favourite, delete with Undo, restore.

The list is one view, full page or fragment: a plain GET renders the page (one page of rows, with
plain "newer"/"load more" links); under htmx a filter change renders ``#history-results`` and
"load more" renders only the next rows (``#reading-rows-more``), appended by htmx (``beforeend``)
with the new "load more" link swapped out of band. Mutations answer the changed row under htmx and
redirect back without it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST
from django_htmx.http import trigger_client_event

from nps.core import ratelimit
from nps.core.http import client_ip
from nps.core.pages import paginate, render_page, require_scope, service_errors, wants_fragment
from oracle.forms.history import HistoryFilterForm
from oracle.forms.share import ShareForm
from oracle.services import export, history, profiles
from oracle.views.reading_page import annotate, reading_page_context

TEMPLATE = "oracle/history.html"
PAGE_SIZE = 12
UNDO_KEY = "history_undo"
WRITE_REFUSED = gettext_lazy("Your account may look at readings but not change them.")
READINGS_CHANGED = "nps:readings-changed"


def _filter_form(request: HttpRequest) -> HistoryFilterForm:
    people = profiles.choices(request.principal)
    form = HistoryFilterForm(request.GET, profiles=people)
    form.is_valid()
    return form


def _list_context(request: HttpRequest) -> dict[str, Any]:
    form = _filter_form(request)
    if form.cleaned_data.get("q"):
        ratelimit.charge("search", request.principal.rate_key)
    favorites = 0

    def fetch(*, offset: int, limit: int) -> tuple[list, int]:
        nonlocal favorites
        listed = history.list_readings(
            principal=request.principal,
            limit=limit,
            offset=offset,
            client_address=client_ip(request),
            **form.service_arguments(),
        )
        favorites = listed.favorites
        return listed.readings, listed.total

    # The page shows the last page for a `?page=` past the end; "load more" (htmx) brings nothing.
    past_the_end = "empty" if wants_fragment(request) else "last"
    page = paginate(request, fetch, per_page=PAGE_SIZE, past_the_end=past_the_end)
    total = page.paginator.count
    query = {
        key: value
        for key, value in request.GET.items()
        if key not in ("page", "part") and value not in ("",)
    }

    def page_url(n: int) -> str:
        params = {**query, **({"page": n} if n > 1 else {})}
        return reverse("oracle:history") + (f"?{urlencode(params)}" if params else "")

    shown = min(total, page.number * PAGE_SIZE)
    filtered = any(form.cleaned_data.get(name) for name in form.fields if name != "sort")
    return {
        "form": form,
        "readings": annotate(list(page), request.principal),
        "total": total,
        "favorites": favorites,
        "filtered": filtered,
        "page_number": page.number,
        "first_row": page.start_index(),
        "shown": shown,
        "more_url": page_url(page.number + 1) if shown < total else None,
        "newer_url": page_url(page.number - 1) if page.has_previous() else None,
        "here": page_url(page.number),
        # The counts line asks for itself again when a reading changes (favourite, delete, undo).
        "totals_url": reverse("oracle:history") + "?" + urlencode({**query, "part": "totals"}),
        "can_write": request.principal.has_scope("oracle:write"),
        "widget_media": form.media,
    }


@require_GET
@login_required
def history_list(request: HttpRequest) -> HttpResponse:
    """The page; under htmx the results of a filter change, the rows after those shown ("load
    more": a `?page=` after the first), or the counts line (`?part=totals`)."""
    if request.GET.get("part") == "totals" and wants_fragment(request):
        return _totals(request)
    context = _list_context(request)
    context["undo"] = request.session.pop(UNDO_KEY, None)
    partial = "reading-rows-more" if context["page_number"] > 1 else "history-results"
    return render_page(request, TEMPLATE, partial, context)


@require_GET
@login_required
def reading_detail(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = history.read_reading(
        principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
    )
    context = reading_page_context(request, reading)
    context["share_form"] = ShareForm()
    return render(request, "oracle/reading.html", context)


def _totals(request: HttpRequest) -> HttpResponse:
    """The counts line of the history with the same filters (htmx, after a reading changed)."""
    form = _filter_form(request)
    totals = {"total": 0, "favorites": 0}
    with service_errors(form):
        totals = history.count_readings(principal=request.principal, **form.service_arguments())
    return render_page(request, TEMPLATE, "history-totals-text", totals)


def _changed(response: HttpResponse) -> HttpResponse:
    """Tell the page a reading changed, so the history's counts ask for themselves again."""
    return trigger_client_event(response, READINGS_CHANGED)


def _back(request: HttpRequest, default: str) -> HttpResponse:
    target = request.POST.get("next", "")
    if not url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        target = default
    return redirect(target or default)


@require_POST
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def reading_favorite(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = history.toggle_favorite(
        principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
    )
    if wants_fragment(request):
        context = {"reading": reading, "here": ""}
        return _changed(render(request, f"{TEMPLATE}#favorite-button", context))
    return _back(request, reverse("oracle:reading", args=[reading.pk]))


@require_POST
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def reading_delete(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = history.delete_reading(
        principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
    )
    annotate([reading], request.principal)
    if wants_fragment(request):
        return _changed(render(request, f"{TEMPLATE}#reading-deleted", {"reading": reading}))
    request.session[UNDO_KEY] = {"id": reading.pk, "title": reading.title[:80]}
    return _back(request, reverse("oracle:history"))


@require_POST
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def reading_restore(request: HttpRequest, reading_id: int) -> HttpResponse:
    reading = history.restore_reading(
        principal=request.principal, reading_id=reading_id, client_address=client_ip(request)
    )
    annotate([reading], request.principal)
    if wants_fragment(request):
        context = {"reading": reading, "can_write": True, "here": "", "focus_restored": True}
        return _changed(render(request, f"{TEMPLATE}#reading-row", context))
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
    exported = export.export_reading(
        principal=request.principal,
        reading_id=reading_id,
        export_format=export_format,
        client_address=client_ip(request),
    )
    return _download(exported)


@require_GET
@login_required
def reading_copy(request: HttpRequest, reading_id: int) -> HttpResponse:
    """What a stored reading's Copy button copies: its text export, built on the click
    (`{% reading_copy_url %}`); not a download, so neither charged nor audited."""
    text = export.copy_text(principal=request.principal, reading_id=reading_id)
    if not text:
        raise Http404
    return HttpResponse(text, content_type="text/plain; charset=utf-8")


@require_GET
@login_required
def my_data(request: HttpRequest) -> HttpResponse:
    """ "Download my data": the account's profiles and readings as a ZIP."""
    ratelimit.charge("downloads", request.principal.rate_key)
    return _download(
        export.export_account(principal=request.principal, client_address=client_ip(request))
    )

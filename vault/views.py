"""The Vault page: the journal of the account's readings — search and filters, notes and tags,
pins, the outcome ledger, totals with charts, export.

One view renders the whole page, or under htmx the `#entry-list` partial of `vault/index.html`;
an entry's forms post to their own views, which answer its `#entry-card` (422 with the form's
errors when invalid; the outcome form also sends the hit rate out of band).
"""

from urllib.parse import urlencode

from django.contrib.auth.decorators import login_required
from django.core.paginator import Paginator
from django.db.models.functions import Lower
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.dates import MONTHS, MONTHS_3
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_POST

from nps.core import ratelimit
from nps.core.dates import JALALI_MONTHS_EN, JALALI_MONTHS_FA, is_persian, uses_jalali
from nps.core.http import client_ip
from nps.core.pages import paginate, render_page, require_scope, service_errors, wants_fragment
from nps.core.templatetags.nps import persian_digits
from oracle.models import Profile, ReadingKind
from vault import cards, services
from vault.forms import EntryForm, FilterForm, OutcomeForm

TEMPLATE = "vault/index.html"
CARD_PAGE = "vault/entry_page.html"
PAGE_SIZE = 20
FILTER_KEYS = ("q", "kind", "tag", "profile", "month", "pinned")
WRITE = "vault:write"
WRITE_REFUSED = gettext_lazy("Your account may read the journal but not change it.")


def month_label(key: str, *, jalali: bool, short: bool = False) -> str:
    year, month = (int(part) for part in key.split("-"))
    if jalali:
        name = (JALALI_MONTHS_FA if is_persian() else JALALI_MONTHS_EN)[month - 1]
        return name if short else persian_digits(f"{name} {year}")
    name = str((MONTHS_3 if short else MONTHS)[month])
    return name.capitalize() if short else persian_digits(f"{name} {year}")


def entry_forms(entry: services.Entry, **forms_given) -> dict:
    """The context of one `#entry-card`: the entry with its note/tags and outcome forms."""
    prefix = f"entry-{entry.reading_id}"
    entry_form = forms_given.get("entry_form") or EntryForm(
        prefix=prefix, initial={"note": entry.note, "tags": ", ".join(entry.tags)}
    )
    outcome_form = forms_given.get("outcome_form")
    if outcome_form is None and entry.can_have_outcome:
        outcome_form = OutcomeForm(
            prefix=f"{prefix}-outcome",
            initial={
                "outcome": entry.outcome,
                "outcome_on": entry.outcome_on,
                "outcome_note": entry.outcome_note,
            },
        )
    return {
        "entry": entry,
        "title": entry.reading.title,
        "entry_form": entry_form,
        "outcome_form": outcome_form,
        "editing": forms_given.get("editing", False),
        "recording": forms_given.get("recording", False),
    }


def _list_context(request: HttpRequest) -> dict:
    principal = request.principal
    jalali = uses_jalali()  # the account's calendar: Jalali months by default in Persian
    summary = services.summary(principal, jalali=jalali, with_tags=False)  # the filter's, below
    months = [(key, month_label(key, jalali=jalali)) for key, _count in reversed(summary.by_month)]
    tags = [tag for tag, _count in services.account_tags(principal)]
    # by name whatever its case, as the oracle's pickers (oracle.services.profiles.choices)
    by_name = (Lower("name"), "name", "id")
    owned_profiles = list(Profile.objects.owned_by(principal).order_by(*by_name)[:200])
    filters = FilterForm(request.GET or None, tags=tags, profiles=owned_profiles, months=months)
    values = filters.cleaned_data if filters.is_valid() else {}
    if values.get("q"):
        ratelimit.charge("search", principal.rate_key)

    def fetch(*, offset: int, limit: int) -> tuple[list, int]:
        listed = services.list_entries(
            principal=principal,
            search=values.get("q", ""),
            kind=values.get("kind") or None,
            tag=values.get("tag") or None,
            profile_id=int(values["profile"]) if values.get("profile") else None,
            month=values.get("month") or None,
            jalali=jalali,
            pinned=True if values.get("pinned") else None,
            limit=limit,
            offset=offset,
        )
        return listed.entries, listed.total

    page = Paginator([], PAGE_SIZE).page(1)  # no entry when the service refuses a filter
    with service_errors(filters):
        page = paginate(request, fetch, per_page=PAGE_SIZE)
    can_write = principal.has_scope("vault:write")
    can_rate = principal.has_scope("oracle:write")
    query = {key: request.GET[key] for key in FILTER_KEYS if request.GET.get(key)}

    def page_url(n: int) -> str:
        wanted = {**query, **({"page": n} if n > 1 else {})}
        return reverse("vault:index") + (f"?{urlencode(wanted)}" if wanted else "")

    return {
        "filters": filters,
        "filtered": bool(query),
        "cards": [
            {
                **card,
                "html": cards.card_html(request, card, can_write=can_write, can_rate=can_rate),
            }
            for card in map(entry_forms, page)
        ],
        "total": page.paginator.count,
        "page_number": page.number,
        "page_count": page.paginator.num_pages,
        "previous_url": page_url(page.number - 1) if page.has_previous() else None,
        "next_url": page_url(page.number + 1) if page.has_next() else None,
        "summary": summary,
        "hit_rate": summary.hit_rate,
        "month_items": [
            (month_label(key, jalali=jalali, short=True), count) for key, count in summary.by_month
        ],
        "type_items": [
            (str(kind.label), count) for kind, count in ReadingKind.totals(summary.by_type)
        ],
        "can_write": can_write,
        "can_rate": can_rate,
    }


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    return render_page(request, TEMPLATE, "entry-list", _list_context(request))


def _card_response(request, entry, *, status=200, hit_rate=False, **forms_given) -> HttpResponse:
    """The entry's card under htmx; else back to the journal, or the card on its own page with
    the form's errors (422)."""
    if not wants_fragment(request) and status == 200:
        return redirect(reverse("vault:index") + f"#entry-{entry.reading_id}")
    context = {
        "card": entry_forms(entry, **forms_given),
        "can_write": True,
        "can_rate": request.principal.has_scope("oracle:write"),
    }
    if hit_rate:
        context["hit_rate"] = services.hit_rate(request.principal)
        context["hit_rate_oob"] = True
    return render_page(request, CARD_PAGE, "entry-card", context, status=status)


@require_POST
@login_required
@require_scope(WRITE, WRITE_REFUSED)
def entry_update(request: HttpRequest, reading_id: int) -> HttpResponse:
    entry = services.get_entry(principal=request.principal, reading_id=reading_id)
    form = EntryForm(request.POST, prefix=f"entry-{reading_id}")
    if form.is_valid():
        with service_errors(form):
            entry = services.update_entry(
                principal=request.principal,
                reading_id=reading_id,
                note=form.cleaned_data["note"],
                tags=form.cleaned_data["tags"],
                client_address=client_ip(request),
            )
            return _card_response(request, entry)
    return _card_response(request, entry, status=422, entry_form=form, editing=True)


@require_POST
@login_required
@require_scope(WRITE, WRITE_REFUSED)
def entry_pin(request: HttpRequest, reading_id: int) -> HttpResponse:
    entry = services.get_entry(principal=request.principal, reading_id=reading_id)
    entry = services.update_entry(
        principal=request.principal,
        reading_id=reading_id,
        pinned=not entry.pinned,
        client_address=client_ip(request),
    )
    return _card_response(request, entry)


@require_POST
@login_required
@require_scope(WRITE, WRITE_REFUSED)
def entry_outcome(request: HttpRequest, reading_id: int) -> HttpResponse:
    entry = services.get_entry(principal=request.principal, reading_id=reading_id)
    prefix = f"entry-{reading_id}-outcome"
    if "clear" in request.POST:
        form = OutcomeForm(prefix=prefix)
        with service_errors(form):
            entry = services.record_outcome(
                principal=request.principal,
                reading_id=reading_id,
                outcome=None,
                client_address=client_ip(request),
            )
            return _card_response(request, entry, hit_rate=True)
        return _card_response(request, entry, status=422, outcome_form=form, recording=True)
    form = OutcomeForm(request.POST, prefix=prefix)
    if form.is_valid():
        with service_errors(form):
            entry = services.record_outcome(
                principal=request.principal,
                reading_id=reading_id,
                outcome=form.cleaned_data["outcome"],
                outcome_on=form.cleaned_data["outcome_on"],
                note=form.cleaned_data["outcome_note"],
                client_address=client_ip(request),
            )
            return _card_response(request, entry, hit_rate=True)
    return _card_response(request, entry, status=422, outcome_form=form, recording=True)


@require_GET
@login_required
def export(request: HttpRequest) -> HttpResponse:
    kind = request.GET.get("format", "json")
    if kind not in ("json", "csv"):
        kind = "json"
    ratelimit.charge("downloads", request.principal.rate_key)
    rows = services.export_rows(principal=request.principal, client_address=client_ip(request))
    if kind == "csv":
        response = HttpResponse(services.export_csv(rows), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(services.export_json(rows), content_type="application/json")
    response["Content-Disposition"] = f'attachment; filename="nps-journal.{kind}"'
    response["Cache-Control"] = "no-store"
    return response

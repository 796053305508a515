"""A reading's interpretation section, loaded after the reading by a request of its own.

The consultation page stores and shows a reading at once, with its deterministic interpretation
and no AI call. When an AI provider is configured, the result's interpretation section then asks
``/oracle/readings/<id>/interpretation`` (htmx, on load) and shows a progress indicator until the
answer — AI or deterministic, labelled as such — replaces it. POST to the same URL retries the AI;
``…/interpretation/translate`` translates the sections EN ⇄ FA. Daily insights are not stored:
``/oracle/daily/interpretation?date=…&profile=…`` recomputes the day.

A stored reading's AI interpretation is written by a background job
(``oracle.services.interpretation_jobs``): until it is ready the view answers "writing…" at once,
and the section asks again every ``POLL_SECONDS`` (a full page refreshes itself). Translation and
the daily insight (answered from the cache the hourly job fills) are asked in the request, within
the AI's time budget (``NPS_AI_TIMEOUT``). A full page answers a request without htmx, so the
retry and translate buttons work as plain forms.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import Http404, HttpRequest, HttpResponse
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy, ngettext
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from nps.core.http import client_ip
from nps.core.pages import render_page
from nps.core.ratelimit import RateLimitExceeded
from nps.core.templatetags.nps import persian_digits
from oracle.engines.interpretation import SECTION_KEYS
from oracle.forms.interpretation import DailyInterpretationForm
from oracle.services import interpretation, interpretation_jobs
from oracle.services.interpretation import Interpretation

TEMPLATE = "oracle/interpretation.html"
POLL_SECONDS = 2  # how often a page waiting for the AI asks again

SECTION_TITLES = {
    "header": "",
    "universal_address": gettext_lazy("Universal address"),
    "core_identity": gettext_lazy("Core identity"),
    "right_now": gettext_lazy("Right now"),
    "patterns": gettext_lazy("Patterns"),
    "message": gettext_lazy("Message"),
    "advice": gettext_lazy("Advice"),
    "caution": gettext_lazy("Caution"),
    "footer": "",
}


def page_language() -> str:
    return "fa" if (get_language() or "en").startswith("fa") else "en"


def section_rows(found: Interpretation) -> list[tuple[str, Any, str]]:
    """``(key, title, text)`` of the sections in their order (empty ones are left to the
    template)."""
    sections = found.sections
    return [(key, SECTION_TITLES[key], sections.get(key, "")) for key in SECTION_KEYS]


def rate_notice(refusal: RateLimitExceeded) -> str:
    minutes = max(1, (refusal.state.reset + 59) // 60)
    return persian_digits(
        ngettext(
            "You have asked the AI for many interpretations lately. It can be asked again in %(n)d "
            "minute; meanwhile, here is the deterministic interpretation.",
            "You have asked the AI for many interpretations lately. It can be asked again in %(n)d "
            "minutes; meanwhile, here is the deterministic interpretation.",
            minutes,
        )
        % {"n": minutes}
    )


def body_context(
    found: Interpretation,
    *,
    url: str,
    translate_url: str | None = None,
    notice: str = "",
) -> dict[str, Any]:
    language = found.language
    return {
        "interp": found,
        "sections": section_rows(found),
        "interpretation_url": url,
        "translate_url": translate_url if found.ai_available else None,
        # No address (a shared reading): nothing to ask again.
        "can_retry": bool(url) and found.ai_available and not found.ai_generated,
        "translate_to": "en" if language == "fa" else "fa",
        "direction": "rtl" if language == "fa" else "ltr",
        "notice": notice,
    }


def respond(request: HttpRequest, context: dict[str, Any]) -> HttpResponse:
    return render_page(request, TEMPLATE, "interpretation-body", context)


def respond_pending(request: HttpRequest, url: str) -> HttpResponse:
    """ "Writing…", asking ``url`` again in a moment (htmx; a full page refreshes itself)."""
    context = {"interpretation_url": url, "pending": True, "poll_seconds": POLL_SECONDS}
    return render_page(request, TEMPLATE, "interpretation-pending", context)


@login_required
@require_http_methods(["GET", "POST"])
def reading_interpretation(request: HttpRequest, reading_id: int) -> HttpResponse:
    """GET: the stored AI interpretation, or the AI asked now; POST: ask the AI again."""
    options = {
        "principal": request.principal,
        "reading_id": reading_id,
        "language": page_language(),
        "client_address": client_ip(request),
    }
    url = reverse("oracle:reading-interpretation", args=[reading_id])
    notice = ""
    try:
        found = interpretation_jobs.page_interpretation(**options, retry=request.method == "POST")
    except RateLimitExceeded as refusal:
        notice = rate_notice(refusal)
        found = interpretation.interpret_stored(**options, use_ai=False)
    if found is None:  # the background job is writing it: the page asks again shortly
        return respond_pending(request, url)
    translate_url = reverse("oracle:reading-interpretation-translate", args=[reading_id])
    context = body_context(
        found, url=url, translate_url=translate_url, notice=notice or found.notice
    )
    return respond(request, context)


@login_required
@require_POST
def translate_interpretation(request: HttpRequest, reading_id: int) -> HttpResponse:
    """The interpretation's sections in the other language (``to`` = ``en`` or ``fa``)."""
    target = request.POST.get("to") if request.POST.get("to") in ("en", "fa") else "fa"
    url = reverse("oracle:reading-interpretation", args=[reading_id])
    translate_url = reverse("oracle:reading-interpretation-translate", args=[reading_id])
    notice = ""
    try:
        found = interpretation.translate_interpretation(
            principal=request.principal,
            reading_id=reading_id,
            target_lang=target,
            language=page_language(),
        )
        if not found.ai_available:
            notice = _("Translation needs the AI provider, which is not configured on this server.")
        elif not found.data.get("translated", True):
            notice = _("The translation could not be made just now. Please try again.")
    except RateLimitExceeded as refusal:
        notice = rate_notice(refusal)
        found = interpretation.interpret_stored(
            principal=request.principal,
            reading_id=reading_id,
            language=page_language(),
            use_ai=False,
        )
    context = body_context(found, url=url, translate_url=translate_url, notice=notice)
    context["translated"] = bool(found.data.get("translated"))
    return respond(request, context)


@login_required
@require_http_methods(["GET", "POST"])
def daily_interpretation(request: HttpRequest) -> HttpResponse:
    """The interpretation of a day (``date``, optional ``profile``), recomputed."""
    form = DailyInterpretationForm(request.GET)  # a retry POSTs to the same URL
    if not form.is_valid():
        raise Http404(_("No such day."))
    options = {
        "principal": request.principal,
        "date_text": form.cleaned_data["date"].isoformat(),
        "profile_id": form.cleaned_data.get("profile"),
        "language": page_language(),
    }
    notice = ""
    try:
        found = interpretation.interpret_daily(**options)
    except RateLimitExceeded as refusal:
        notice = rate_notice(refusal)
        found = interpretation.interpret_daily(**options, use_ai=False)
    url = f"{reverse('oracle:daily-interpretation')}?{request.GET.urlencode()}"
    context = body_context(found, url=url, notice=notice)
    return respond(request, context)

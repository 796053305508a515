"""The Learning page (level, XP and insights of the account), the feedback form under a reading
(its own URL, loaded by htmx into a result or shown as a page), and the admin learning dashboard.
"""

import datetime as dt

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from learning import services
from learning.forms import FeedbackForm
from nps.core.http import client_ip
from nps.core.pages import render_page, require_scope, service_errors
from nps.core.templatetags.nps import persian_digits
from oracle.models import ReadingKind
from oracle.services import history, sealing, stats

FEEDBACK_TEMPLATE = "learning/feedback.html"


@require_GET
@login_required
def index(request: HttpRequest) -> HttpResponse:
    principal = request.principal
    kept = stats.history_totals(principal)  # asked once for the level and the insights
    sources = services.xp_sources(principal, kept=kept)
    level = services.level_for(sources.total)
    return render(
        request,
        "learning/index.html",
        {
            "level": level,
            "sources": sources,
            "xp": {
                "reading": services.XP_PER_READING,
                "feedback": services.XP_PER_FEEDBACK,
                "streak": services.XP_PER_STREAK_DAY,
                "streak_from": services.STREAK_MIN_DAYS,
            },
            "insights": services.insights(principal, kept=kept),
            "is_staff_viewer": principal.has_scope("oracle:admin"),
        },
    )


def _sections_of(reading) -> list[str]:
    """The sections the reading's interpretation shows — those with a text — (all nine when it
    does not say): nobody is asked about a section they were not shown."""
    interpretation = sealing.reading_response(reading).get("ai_interpretation")
    present = interpretation.get("sections") if isinstance(interpretation, dict) else None
    if isinstance(present, dict):
        names = [name for name in services.SECTIONS if present.get(name)]
        if names:
            return names
    return list(services.SECTIONS)


@require_http_methods(["GET", "POST"])
@login_required
def feedback(request: HttpRequest, reading_id: int) -> HttpResponse:
    """GET: the form (or, once rated, the thanks with the stars given; ``?edit=1`` the form
    again). POST: save (one feedback per account and reading, replaced when sent again)."""
    principal = request.principal
    reading = history.get_reading(principal=principal, reading_id=reading_id)
    given = services.own_feedback(principal=principal, reading_id=reading_id)
    sections = _sections_of(reading)
    context = {
        "reading": reading,
        "type_label": reading.kind.label,
        "given": given,
        "can_write": principal.has_scope("oracle:write"),
    }
    if request.method == "GET":
        if given is not None and not request.GET.get("edit"):
            return render_page(request, FEEDBACK_TEMPLATE, "feedback", context)
        form = FeedbackForm(initial=FeedbackForm.initial_for(given), sections=sections)
        return render_page(request, FEEDBACK_TEMPLATE, "feedback", {**context, "form": form})
    if not context["can_write"]:
        raise PermissionDenied(_("Your account may read but not rate readings."))
    form = FeedbackForm(request.POST, sections=sections)
    if form.is_valid():
        with service_errors(form):
            given, _updated = services.submit_feedback(
                principal=principal,
                reading_id=reading_id,
                rating=form.cleaned_data["rating"],
                section_feedback=form.section_feedback(),
                text_feedback=form.cleaned_data["text_feedback"],
                client_address=client_ip(request),
            )
            return render_page(
                request, FEEDBACK_TEMPLATE, "feedback", {**context, "given": given, "thanked": True}
            )
    return render_page(
        request, FEEDBACK_TEMPLATE, "feedback", {**context, "form": form}, status=422
    )


ADMIN_ONLY = gettext_lazy("The learning dashboard is for moderators and admins.")


def dashboard_context(stats: dict) -> dict:
    distribution = stats["rating_distribution"]
    return {
        "stats": stats,
        "star_items": [
            (
                ngettext("%(stars)s star", "%(stars)s stars", int(stars))
                % {"stars": persian_digits(stars)},
                count,
            )
            for stars, count in sorted(distribution.items(), reverse=True)
        ],
        "type_rows": [
            (ReadingKind(kind).label, average) for kind, average in stats["avg_by_kind"].items()
        ],
        "section_rows": [
            (services.SECTIONS[name], values["helpful_pct"], values["votes"])
            for name, values in stats["section_helpful_pct"].items()
        ],
        "adjustment_labels": [services.EMPHASIS_LABELS[rule] for rule in stats["active_rules"]],
        "last_recalculated": (
            dt.datetime.fromisoformat(stats["last_recalculated"])
            if stats["last_recalculated"]
            else None
        ),
    }


@require_GET
@login_required
@require_scope("oracle:admin", ADMIN_ONLY)
def dashboard(request: HttpRequest) -> HttpResponse:
    stats = services.admin_stats(principal=request.principal)
    return render(request, "learning/dashboard.html", dashboard_context(stats))


@require_POST
@login_required
@require_scope("oracle:admin", ADMIN_ONLY)
def recalculate(request: HttpRequest) -> HttpResponse:
    stats = services.recalculate(principal=request.principal, client_address=client_ip(request))
    messages.success(
        request,
        _("Recalculated from %(count)s feedback entries.") % {"count": stats["total_feedback"]},
    )
    return redirect("learning:dashboard")

"""`/oracle`: the consultation page — pick a reading type and a profile, ask, see the result.

One view, full page or fragment: a plain GET or POST renders the whole page; under htmx it renders
``#consult-work`` (the form and the result). A valid POST calls the same service as the API. The
form's one-time token lets one submission store one reading: a second POST with the same token
(a double click, a resent form) shows the reading the first stored instead of storing another.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import HttpRequest, HttpResponse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nps.accounts import preferences
from nps.core.http import client_ip
from nps.core.pages import render_page, service_errors
from nps.core.ratelimit import on_shared_cache
from nps.core.widgets import DualCalendarDateInput
from oracle.forms.consult import FORMS, ConsultForm
from oracle.models import ReadingKind
from oracle.services import history, profiles, readings, sealing, spoken

TEMPLATE = "oracle/consult.html"
TOKEN_SECONDS = 24 * 60 * 60
PENDING = "pending"

SERVICES = {
    "time": readings.create_time_reading,
    "name": readings.create_name_reading,
    "question": readings.create_question_reading,
    "multi": readings.create_multi_user_reading,
}


def reading_type_of(request: HttpRequest) -> str:
    """The type the address (or the form) asks for, else the account's default reading type."""
    chosen = request.POST.get("type") or request.GET.get("type")
    if chosen in ReadingKind.values:
        return chosen
    default = preferences.preferences_of(request.user).default_reading_type
    return default if default in ReadingKind.values else ReadingKind.TIME.value


def token_key(request: HttpRequest, token: str) -> str:
    return f"oracle:consult-token:{request.user.pk}:{token}"


def make_form(request: HttpRequest, reading_type: str, *, bound: bool) -> ConsultForm:
    people = profiles.choices(request.principal)
    form_class = FORMS[reading_type]
    if bound:
        return form_class(request.POST, profiles=people)
    # An unbound form keeps what it was sent: a link's query, or the form itself when the profile
    # picker reloads it (posted, so a question or a name never lands in a URL or an access log).
    # The moment fields and the letter system are left to the form: they follow the profile.
    refresh = is_refresh(request)
    source = request.POST if refresh else request.GET
    following = ("date", "time", "timezone") + (("numerology_system",) if refresh else ())
    initial = {
        name: source.getlist(name) if name == "members" else source[name]
        for name in form_class.base_fields
        if name in source and name not in ("token", *following)
    }
    # What the address does not say comes from the settings page: the default profile (while it
    # is one of the listed, living profiles), the default numerology system and time zone.
    chosen = preferences.preferences_of(request.user)
    if "profile" not in source and chosen.default_profile_id in {p.pk for p in people}:
        initial["profile"] = chosen.default_profile_id
    return form_class(
        initial=initial,
        profiles=people,
        default_system=chosen.numerology_system,
        default_zone=preferences.zone_of(request.user).key if chosen.timezone else "",
    )


def is_refresh(request: HttpRequest) -> bool:
    """A POST from the profile picker: show the form again for that profile, read nothing."""
    return request.method == "POST" and request.POST.get("refresh") == "1"


def submit(request: HttpRequest, form: ConsultForm) -> dict[str, Any] | None:
    """The reading of a valid form: computed and stored once per token, or None (form errors)."""
    if form.reading_type == "daily":
        with service_errors(form):
            return readings.daily_reading(
                principal=request.principal,
                language=translation.get_language(),
                use_ai=False,  # the interpretation section asks the AI in a request of its own
                store=True,  # one per account, profile and day: asking again shows it again
                client_address=client_ip(request),
                **form.service_arguments(),
            )
        return None
    key = token_key(request, form.cleaned_data["token"])
    if not on_shared_cache(lambda store: store.add(key, PENDING, TOKEN_SECONDS)):
        return stored_reading(request, form, on_shared_cache(lambda store: store.get(key)))
    with service_errors(form):
        try:
            result = SERVICES[form.reading_type](
                principal=request.principal,
                client_address=client_ip(request),
                language=translation.get_language(),
                use_ai=False,  # the interpretation section asks the AI in a request of its own
                **form.service_arguments(),
            )
        except BaseException:
            on_shared_cache(lambda store: store.delete(key))  # nothing stored: may be sent again
            raise
        on_shared_cache(lambda store: store.set(key, result["reading_id"], TOKEN_SECONDS))
        return result
    return None


def stored_reading(request: HttpRequest, form: ConsultForm, reading_id: Any) -> dict | None:
    """The reading a token already stored (a repeated submission), as the service returned it."""
    if reading_id == PENDING or reading_id is None:
        form.add_error(None, _("This form was just sent and its reading is being prepared."))
        return None
    reading = history.get_reading(principal=request.principal, reading_id=reading_id)
    return spoken.for_page(reading, sealing.reading_response(reading))


def day_of(result: dict[str, Any] | None) -> dt.date | None:
    """A daily reading's day as a date (shown Jalali in Persian)."""
    try:
        return dt.date.fromisoformat(result["date"]) if result else None
    except (KeyError, TypeError, ValueError):
        return None


@login_required
@require_http_methods(["GET", "POST"])
def consult(request: HttpRequest) -> HttpResponse:
    reading_type = reading_type_of(request)
    bound = request.method == "POST" and not is_refresh(request)
    if bound and reading_type != "daily" and not request.principal.has_scope("oracle:write"):
        raise PermissionDenied(_("Your account may look at readings but not make them."))
    form = make_form(request, reading_type, bound=bound)
    result = None
    if bound and form.is_valid():
        result = submit(request, form)
        if result is not None:
            # A fresh form (new token) for the next reading, keeping the choices just made.
            initial = {
                key: value
                for key, value in form.cleaned_data.items()
                if key not in ("token", "date", "time", "timezone", "use_now")
            }
            form = type(form)(
                initial=initial,
                profiles=list(form.profiles.values()),
                default_system=form.default_system,
                default_zone=form.default_zone,
            )
    status = 422 if bound and result is None else 200
    context = {
        "form": form,
        "reading_type": reading_type,
        "reading_types": ReadingKind.choices,
        "result": result,
        "subject": form.chosen_profile if reading_type != "multi" else None,
        "result_date": day_of(result),
        # Every type's form is swapped in by htmx under one <head>: the calendar's files load once.
        "widget_media": DualCalendarDateInput().media,
    }
    return render_page(request, TEMPLATE, "consult-work", context, status=status)

"""The profiles page: the account's profiles by name, with search and paging; create and edit in a
dialog (the same form is its own page without JavaScript); soft delete with undo.

Each view renders the whole page, or under htmx one named partial of `oracle/profiles.html`.
An invalid form answers 422 with the form re-rendered (base.html's htmx config swaps 422s).
"""

import functools
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST
from django_htmx.http import HttpResponseClientRedirect

from nps.core.http import client_ip
from nps.core.pages import paginate, render_page, require_scope, service_errors, wants_fragment
from oracle.forms.profiles import SYSTEM_LABELS, ProfileForm, auto_system, initial_for
from oracle.services import location, profiles

TEMPLATE = "oracle/profiles.html"
FORM_PAGE = "oracle/profile_form_page.html"
PAGE_SIZE = 20
UNDO_KEY = "profiles_undo"
FOCUS_KEY = "profiles_focus"  # the profile whose Edit link takes focus on the next list shown
CITY_RESULTS = 8
PLACE_KEYS = ("city", "latitude", "longitude", "timezone")
WRITE_REFUSED = gettext_lazy("Your account may look at profiles but not change them.")


def _system_display(profile) -> str:
    """The profile's system as a list shows it: with "auto", the system it resolves to."""
    if profile.numerology_system != "auto":
        return SYSTEM_LABELS[profile.numerology_system]
    system = auto_system(profile.name, profile.name_persian or "")
    if system is None:
        return _("Automatic")
    return _("%(system)s (automatic)") % {"system": SYSTEM_LABELS[system]}


def _list_context(request: HttpRequest) -> dict:
    search = request.GET.get("q", "").strip()[:200]

    def fetch(*, offset: int, limit: int) -> tuple[list, int]:
        listed = profiles.list_profiles(
            principal=request.principal,
            search=search,
            limit=limit,
            offset=offset,
            order="name",
            client_address=client_ip(request),
        )
        return listed.profiles, listed.total

    # A page past the end (the last row of the last page deleted, an old link) is the last page.
    page = paginate(request, fetch, per_page=PAGE_SIZE)
    for profile in page:
        profile.system_display = _system_display(profile)

    def page_url(n: int) -> str:
        query = {key: value for key, value in (("q", search), ("page", n)) if value and value != 1}
        return reverse("oracle:profiles") + (f"?{urlencode(query)}" if query else "")

    return {
        "profiles": list(page),
        "total": page.paginator.count,
        "search": search,
        "page_number": page.number,
        "page_count": page.paginator.num_pages,
        "previous_url": page_url(page.number - 1) if page.has_previous() else None,
        "next_url": page_url(page.number + 1) if page.has_next() else None,
        "can_write": request.principal.has_scope("oracle:write"),
        "system_labels": SYSTEM_LABELS,
    }


@functools.cache
def _form_media():
    """The profile form's scripts and styles: the same for every form (its widgets'), so a form
    (countries listed in the reader's language) is not made on each visit of the list for it."""
    return ProfileForm().media


@require_GET
@login_required
def profile_list(request: HttpRequest) -> HttpResponse:
    context = _list_context(request)
    context["form_media"] = _form_media()  # the dialog's form arrives later, through htmx
    context["undo"] = request.session.pop(UNDO_KEY, None)
    context["focus_id"] = request.session.pop(FOCUS_KEY, None)
    return render_page(request, TEMPLATE, "profile-list", context)


def _form_response(request: HttpRequest, form: ProfileForm, profile_id=None, *, status=200):
    """The form in the dialog (htmx), or on its own page."""
    context = {"form": form, "profile_id": profile_id}
    return render_page(request, FORM_PAGE, "profile-form", context, status=status)


def _saved(request: HttpRequest, message: str) -> HttpResponse:
    messages.success(request, message)
    if wants_fragment(request):
        return HttpResponseClientRedirect(reverse("oracle:profiles"))
    return redirect("oracle:profiles")


def _duplicate_error(form: ProfileForm) -> None:
    form.add_error(
        None,
        _(
            "A profile with this name and birthday already exists. "
            "Change one of them, or edit the other profile."
        ),
    )


@require_http_methods(["GET", "POST"])
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def profile_create(request: HttpRequest) -> HttpResponse:
    if request.method == "GET":
        return _form_response(request, ProfileForm())
    form = ProfileForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            try:
                profile = profiles.create_profile(
                    principal=request.principal,
                    client_address=client_ip(request),
                    **form.profile_fields(),
                )
            except profiles.DuplicateProfile:
                _duplicate_error(form)
            else:
                return _saved(request, _("Profile “%(name)s” created.") % {"name": profile.name})
    return _form_response(request, form, status=422)


@require_http_methods(["GET", "POST"])
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def profile_edit(request: HttpRequest, profile_id: int) -> HttpResponse:
    if request.method == "GET":
        profile = profiles.read_profile(
            principal=request.principal,
            profile_id=profile_id,
            client_address=client_ip(request),
        )
        form = ProfileForm(initial=initial_for(profile), private_hidden=_hidden(request, profile))
        return _form_response(request, form, profile_id)
    # An unknown or foreign profile is a 404 whatever the form holds.
    profile = profiles.get_profile(principal=request.principal, profile_id=profile_id)
    form = ProfileForm(
        request.POST, initial=initial_for(profile), private_hidden=_hidden(request, profile)
    )
    if form.is_valid():
        with service_errors(form):
            try:
                profile = profiles.update_profile(
                    principal=request.principal,
                    profile_id=profile_id,
                    client_address=client_ip(request),
                    **form.profile_fields(),
                )
            except profiles.DuplicateProfile:
                _duplicate_error(form)
            else:
                return _saved(request, _("Profile “%(name)s” saved.") % {"name": profile.name})
    return _form_response(request, form, profile_id, status=422)


def _hidden(request: HttpRequest, profile) -> bool:
    """The mother's names are masked and kept as they are for an editor who may not read them."""
    return not request.principal.may_read_private_texts(profile.owner_id)


def _back_to_list(request: HttpRequest, *, focus_id: int | None = None) -> HttpResponse:
    """After delete or restore: the list again (the rows only under htmx, at the page shown).
    The button pressed is gone: focus goes to the Undo button, or to the restored profile's Edit
    link (`focus_id`), also on the full page a browser without JavaScript is sent back to."""
    if wants_fragment(request):
        context = _list_context(request)
        context["undo"] = request.session.pop(UNDO_KEY, None)
        context["focus_id"] = focus_id
        return render_page(request, TEMPLATE, "profile-list", context)
    if focus_id is not None:
        request.session[FOCUS_KEY] = focus_id
    query = request.GET.urlencode()
    return redirect(reverse("oracle:profiles") + (f"?{query}" if query else ""))


@require_POST
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def profile_delete(request: HttpRequest, profile_id: int) -> HttpResponse:
    profile = profiles.delete_profile(
        principal=request.principal, profile_id=profile_id, client_address=client_ip(request)
    )
    request.session[UNDO_KEY] = {"id": profile.pk, "name": profile.name}
    return _back_to_list(request)


@require_POST
@login_required
@require_scope("oracle:write", WRITE_REFUSED)
def profile_restore(request: HttpRequest, profile_id: int) -> HttpResponse:
    try:
        profile = profiles.restore_profile(
            principal=request.principal,
            profile_id=profile_id,
            client_address=client_ip(request),
        )
    except profiles.DuplicateProfile:
        messages.error(
            request,
            _("The profile was not restored: another profile has the same name and birthday."),
        )
        return _back_to_list(request)
    messages.success(request, _("Profile “%(name)s” restored.") % {"name": profile.name})
    return _back_to_list(request, focus_id=profile.pk)


@require_GET
@login_required
def city_options(request: HttpRequest) -> HttpResponse:
    """The cities matching what is typed in the chosen country (htmx, into the form)."""
    country_name = request.GET.get("country", "")
    search = request.GET.get("city", "").strip()[:100]
    options = []
    if country_name and search:
        try:
            country = location.find_country(country_name)
        except location.CountryNotFound:
            country = None
        if country is not None:
            found = location.country_cities(code=country.code, search=search, limit=CITY_RESULTS)
            for city in found.cities:
                place = {
                    "city": city.name,
                    "latitude": round(city.latitude, 4),
                    "longitude": round(city.longitude, 4),
                    "timezone": city.timezone,
                }
                url = reverse("oracle:profile-place") + "?" + urlencode(place)
                options.append({**place, "url": url, "country": country.name})
    context = {"city_options": options, "asked": bool(search), "has_country": bool(country_name)}
    return render(request, f"{TEMPLATE}#city-options", context)


@require_GET
@login_required
def place_fields(request: HttpRequest) -> HttpResponse:
    """A chosen city: the city, coordinates and time zone fields filled in (htmx, into the form).
    The values come from the city's option; the form checks them again on submit."""
    initial = {key: request.GET.get(key, "")[:100] for key in PLACE_KEYS}
    form = ProfileForm(initial=initial)
    form.fields["city"].widget.attrs["autofocus"] = True
    return render(request, f"{TEMPLATE}#place-fields", {"form": form, "chosen": initial["city"]})


@require_GET
@login_required
def system_hint(request: HttpRequest) -> HttpResponse:
    """Which system "auto" picks for the name typed so far (htmx, beside the selector)."""
    system = auto_system(request.GET.get("name", ""), request.GET.get("name_persian", ""))
    return render(
        request,
        f"{TEMPLATE}#system-hint",
        {"auto_system_label": SYSTEM_LABELS.get(system) if system else None},
    )

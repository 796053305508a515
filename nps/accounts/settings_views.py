"""`/settings`: preferences, password, API keys, log out everywhere, delete the account.

Plain forms that post and redirect back (no script needed). Each section calls the same service
as its API twin (`GET/PUT /api/settings`, `POST /api/auth/change-password`, `/api/auth/api-keys`,
`/api/auth/logout/all`). A new API key is shown once, on the page that answers its creation.
"""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth import logout, update_session_auth_hash
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from nps.accounts import account, extensions, preferences, services
from nps.accounts.forms import ApiKeyForm, ConfirmForm, PasswordChangeForm, PreferencesForm
from nps.accounts.roles import KEYS_SCOPE
from nps.accounts.views import with_language
from nps.core.http import client_ip
from nps.core.pages import require_scope, service_errors

TEMPLATE = "accounts/settings.html"


def _profiles(request: HttpRequest):
    return extensions.profiles_of(request.principal)  # the oracle's (oracle/apps.py)


def _preferences_form(request: HttpRequest, data=None) -> PreferencesForm:
    initial = preferences.as_dict(preferences.preferences_of(request.user))
    return PreferencesForm(data, initial=initial, profiles=_profiles(request))


def _kept_forms(context: dict[str, Any], forms_given: dict[str, Any]) -> dict[str, Any]:
    """What each form the page shows unfilled holds, to keep its HTML under (`{% kept %}`,
    nps.core.kept): its initial values and choices. A form sent back with errors is rendered."""
    preferences_form = context["preferences_form"]
    return {
        "preferences": "preferences_form" not in forms_given
        and (
            tuple(sorted((name, str(value)) for name, value in preferences_form.initial.items())),
            tuple(
                (str(value), str(label))
                for value, label in preferences_form.fields["default_profile_id"].choices
            ),
        ),
        "password": "password_form" not in forms_given and ("unfilled",),
        "key": "key_form" not in forms_given and ("unfilled",),
    }


def _render(request: HttpRequest, status: int = 200, **forms_given: Any) -> HttpResponse:
    context = {
        "preferences_form": forms_given.get("preferences_form") or _preferences_form(request),
        "password_form": forms_given.get("password_form") or PasswordChangeForm(),
        "key_form": forms_given.get("key_form") or ApiKeyForm(),
        "new_key": forms_given.get("new_key"),
        "api_keys": list(services.api_keys_of(request.principal).order_by("-created_at")),
        "can_manage_keys": request.principal.has_scope(KEYS_SCOPE),
    }
    # Sections of other apps pass their own forms (the daily delivery's, delivery/views.py).
    context |= {name: value for name, value in forms_given.items() if name not in context}
    context["kept_forms"] = _kept_forms(context, forms_given)
    return render(request, TEMPLATE, context, status=status)


@require_GET
@login_required
def settings_page(request: HttpRequest) -> HttpResponse:
    return _render(request)


@require_POST
@login_required
def save_preferences(request: HttpRequest) -> HttpResponse:
    form = _preferences_form(request, request.POST)
    if form.is_valid():
        with service_errors(form):
            saved = preferences.update_preferences(
                principal=request.principal,
                client_address=client_ip(request),
                **form.cleaned_data,
            )
            messages.success(request, _("Settings saved."))
            return with_language(redirect("settings"), saved.account)
    return _render(request, status=422, preferences_form=form)


@require_POST
@login_required
def change_password(request: HttpRequest) -> HttpResponse:
    form = PasswordChangeForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            changed = account.change_password(
                principal=request.principal,
                current_password=form.cleaned_data["current_password"],
                new_password=form.cleaned_data["new_password"],
                client_address=client_ip(request),
            )
            update_session_auth_hash(request, changed)  # this browser stays logged in
            messages.success(request, _("Password changed. Other devices must log in again."))
            return redirect("settings")
    return _render(request, status=422, password_form=form)


@require_POST
@login_required
@require_scope(KEYS_SCOPE, gettext_lazy("Your account may not manage API keys."))
def create_key(request: HttpRequest) -> HttpResponse:
    form = ApiKeyForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            api_key, raw_key = services.create_api_key(
                principal=request.principal,
                name=form.cleaned_data["name"],
                scopes=None,
                expires_in_days=form.cleaned_data["expires_in_days"],
                client_address=client_ip(request),
            )
            return _render(request, status=201, new_key={"name": api_key.name, "raw": raw_key})
    return _render(request, status=422, key_form=form)


@require_http_methods(["GET", "POST"])
@login_required
def revoke_key(request: HttpRequest, key_id) -> HttpResponse:
    """A confirmation page (GET), then the revocation (POST)."""
    api_key = services.api_keys_of(request.principal).filter(pk=key_id).first()
    if api_key is None:
        raise services.ApiKeyNotFound()
    if request.method == "POST":
        services.revoke_api_key(
            principal=request.principal, key_id=key_id, client_address=client_ip(request)
        )
        messages.success(request, _("API key “%(name)s” revoked.") % {"name": api_key.name})
        return redirect("settings")
    return render(request, "accounts/revoke_key.html", {"api_key": api_key})


@require_POST
@login_required
def logout_everywhere(request: HttpRequest) -> HttpResponse:
    services.log_out_everywhere(principal=request.principal, client_address=client_ip(request))
    logout(request)
    messages.success(request, _("You are logged out everywhere."))
    return redirect("login")


@require_http_methods(["GET", "POST"])
@login_required
def delete_account(request: HttpRequest) -> HttpResponse:
    form = ConfirmForm(request.POST or None, expected=request.user.username)
    if request.method == "POST" and form.is_valid():
        account.delete_account(principal=request.principal, client_address=client_ip(request))
        logout(request)
        messages.success(request, _("Your account is deleted. An administrator can restore it."))
        return redirect("home")
    status = 422 if request.method == "POST" else 200
    return render(request, "accounts/delete_account.html", {"form": form}, status=status)

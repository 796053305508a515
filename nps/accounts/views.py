from django.conf import settings
from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth import views as auth_views
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from nps.accounts import preferences, services, signup
from nps.accounts.forms import LoginForm, PasswordResetForm, SetPasswordForm, SignupForm
from nps.core import audit, ratelimit
from nps.core.http import client_ip
from nps.core.pages import service_errors

LOCKOUT_STATUS = 429


def cooloff_minutes() -> int:
    return int(settings.AXES_COOLOFF_TIME.total_seconds() // 60)


def locked_out(request: HttpRequest, original_response=None, credentials=None) -> HttpResponse:
    """What django-axes answers once an account/address pair has failed too often.

    The API gets V4's JSON error shape; pages get the styled 429 page. Both say when to retry.
    """
    retry_after = str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    if request.path.startswith("/api/"):
        response = JsonResponse(
            {
                "detail": (
                    f"Too many failed login attempts. Try again in {cooloff_minutes()} minutes."
                )
            },
            status=LOCKOUT_STATUS,
        )
    else:
        response = render(
            request,
            "429.html",
            {"locked_out": True, "cooloff_minutes": cooloff_minutes()},
            status=LOCKOUT_STATUS,
        )
    response["Retry-After"] = retry_after
    return response


def address_limited(request: HttpRequest, state: ratelimit.RateState) -> HttpResponse:
    """Sign-up's and password reset's answer to an address past their shared limit (class
    ``signup``): too many accounts or reset mails asked for, in minutes."""
    response = render(
        request,
        "429.html",
        {"address_limited": True, "retry_minutes": max(1, -(-state.reset // 60))},
        status=LOCKOUT_STATUS,
    )
    response["Retry-After"] = str(state.reset)
    return response


def login_slowed(request: HttpRequest, state: ratelimit.RateState) -> HttpResponse:
    """The login page's answer while its address waits after repeated failures (seconds)."""
    response = render(
        request,
        "429.html",
        {"login_slowed": True, "retry_seconds": state.reset},
        status=LOCKOUT_STATUS,
    )
    response["Retry-After"] = str(state.reset)
    return response


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["signup_open"] = signup.is_open()
        return context

    def post(self, request, *args, **kwargs):
        try:
            services.check_login_allowed(client_ip(request))
        except ratelimit.RateLimitExceeded as refused:
            return login_slowed(request, refused.state)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        """Log in, and switch to the account's language (kept in its settings), on any device."""
        response = super().form_valid(form)
        return with_language(response, form.get_user())


class LogoutView(auth_views.LogoutView):
    def post(self, request, *args, **kwargs):
        """Log out and say so on the page it lands on (the login page)."""
        response = super().post(request, *args, **kwargs)
        messages.info(request, _("You are logged out."))
        return response


def with_language(response: HttpResponse, account) -> HttpResponse:
    """Set the language cookie to the account's chosen language (none chosen: left alone)."""
    language = preferences.preferences_of(account).language
    if language:
        response.set_cookie(
            settings.LANGUAGE_COOKIE_NAME,
            language,
            max_age=settings.LANGUAGE_COOKIE_AGE,
            samesite="Lax",
            secure=settings.SESSION_COOKIE_SECURE,
        )
    return response


@require_http_methods(["GET", "POST"])
def signup_view(request: HttpRequest) -> HttpResponse:
    """`/signup`: open an account and land on the dashboard, signed in. 404 when switched off."""
    if not signup.is_open():
        raise Http404("Sign-up is switched off")
    if request.user.is_authenticated:
        return redirect("home")
    form = SignupForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with service_errors(form):
                account = signup.open_account(
                    username=form.cleaned_data["username"],
                    email=form.cleaned_data["email"],
                    password=form.cleaned_data["password"],
                    client_address=client_ip(request),
                )
                login(request, account, backend="django.contrib.auth.backends.ModelBackend")
                return redirect("home")
        except ratelimit.RateLimitExceeded as refused:
            return address_limited(request, refused.state)
    status = 422 if request.method == "POST" else 200
    return render(request, "registration/signup.html", {"form": form}, status=status)


class PasswordResetView(auth_views.PasswordResetView):
    """Ask for a reset link by e-mail: rate-limited per address (class ``signup``) and audited.
    The answer is the same whether or not an account has that address."""

    template_name = "registration/password_reset_form.html"
    form_class = PasswordResetForm
    email_template_name = "registration/password_reset_email.txt"
    subject_template_name = "registration/password_reset_subject.txt"

    def dispatch(self, request, *args, **kwargs):
        """Without a mail server (production with no EMAIL_HOST) the page says reset is off and
        sends nothing: a link written to a log instead would let its readers take accounts."""
        if not settings.NPS_PASSWORD_RESET_ENABLED and request.method in ("GET", "POST"):
            return render(request, self.template_name, {"reset_off": True})
        return super().dispatch(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        try:
            ratelimit.charge("signup", client_ip(request) or "unknown")
        except ratelimit.RateLimitExceeded as refused:
            return address_limited(request, refused.state)
        return super().post(request, *args, **kwargs)

    def form_valid(self, form):
        audit.record("auth.password_reset_requested", client_address=client_ip(self.request))
        return super().form_valid(form)


class PasswordResetConfirmView(auth_views.PasswordResetConfirmView):
    template_name = "registration/password_reset_confirm.html"
    form_class = SetPasswordForm

    def form_valid(self, form):
        response = super().form_valid(form)
        audit.record("auth.password_reset", actor=form.user, client_address=client_ip(self.request))
        return response

from django.conf import settings
from django.contrib.auth import views as auth_views
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render

from nps.accounts import services
from nps.accounts.forms import LoginForm
from nps.core import ratelimit
from nps.core.http import client_ip

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
    """The login page's answer to an address that failed too many logins across usernames."""
    response = render(
        request,
        "429.html",
        {"address_limited": True, "retry_minutes": max(1, -(-state.reset // 60))},
        status=LOCKOUT_STATUS,
    )
    response["Retry-After"] = str(state.reset)
    return response


class LoginView(auth_views.LoginView):
    template_name = "registration/login.html"
    authentication_form = LoginForm
    redirect_authenticated_user = True

    def post(self, request, *args, **kwargs):
        try:
            services.check_login_allowed(client_ip(request))
        except ratelimit.RateLimitExceeded as refused:
            return address_limited(request, refused.state)
        return super().post(request, *args, **kwargs)


class LogoutView(auth_views.LogoutView):
    pass

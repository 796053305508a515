from django.conf import settings
from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET


@require_GET
def home(request: HttpRequest) -> HttpResponse:
    """The dashboard for a signed-in account (`oracle.views.dashboard`), else the welcome page."""
    if request.user.is_authenticated:
        from oracle.views.dashboard import dashboard

        return dashboard(request)
    return render(request, "core/home.html", {"signup_open": settings.NPS_ALLOW_SIGNUP})


API_ERROR_DETAILS = {
    400: "Bad Request",
    403: "Forbidden",
    404: "Not Found",
    500: "Internal Server Error",
}


def is_api(request: HttpRequest) -> bool:
    return request.path.startswith("/api/")


def error_page(template: str, status: int):
    """Django's error handlers: the styled page, or V4's JSON `detail` under `/api/`."""

    def handler(request: HttpRequest, exception=None) -> HttpResponse:
        if is_api(request):
            return JsonResponse({"detail": API_ERROR_DETAILS[status]}, status=status)
        return render(request, template, status=status)

    return handler


bad_request = error_page("400.html", 400)
permission_denied = error_page("403.html", 403)
page_not_found = error_page("404.html", 404)


def csrf_failure(request: HttpRequest, reason: str = "") -> HttpResponse:
    message = _("Your form expired or was sent from another site. Reload the page and try again.")
    return render(request, "403.html", {"message": message}, status=403)


def server_error(request: HttpRequest) -> HttpResponse:
    if is_api(request):
        return JsonResponse({"detail": API_ERROR_DETAILS[500]}, status=500)
    # Rendered without the request's context: whatever failed (database, session) may fail again.
    return HttpResponseServerError(render_to_string("500.html"))

from django.http import HttpRequest, HttpResponse, HttpResponseServerError, JsonResponse
from django.shortcuts import render
from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from nps.core.uploads import UploadTooLarge

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


_bad_request = error_page("400.html", 400)


def bad_request(request: HttpRequest, exception=None) -> HttpResponse:
    """400, or 413 for files larger than the page takes (`nps.core.uploads`)."""
    if isinstance(exception, UploadTooLarge):
        if is_api(request):
            return JsonResponse({"detail": "The request body is too large."}, status=413)
        megabytes = max(1, exception.limit // (1024 * 1024))
        return render(request, "413.html", {"limit_mb": megabytes}, status=413)
    return _bad_request(request, exception)


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

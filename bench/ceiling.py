"""The ceiling for the HTTP benchmarks: a bare Django project (no apps, no middleware, no database)
whose one view returns a fixed JSON body — what Django under the same gunicorn costs at least.

    DJANGO_SETTINGS_MODULE=bench.ceiling gunicorn bench.ceiling:application

Settings, URLs and the WSGI application all live in this module.
"""

from django.core.wsgi import get_wsgi_application
from django.http import JsonResponse
from django.urls import path

DEBUG = False
SECRET_KEY = "bench-ceiling-not-a-secret"  # noqa: S105 — no sessions, no signing
ALLOWED_HOSTS = ["*"]
ROOT_URLCONF = __name__
INSTALLED_APPS: list[str] = []
MIDDLEWARE: list[str] = []
DATABASES: dict = {}
USE_I18N = False
LOGGING_CONFIG = None


def health(request):
    return JsonResponse({"status": "healthy", "version": "4.0.0"})


urlpatterns = [path("api/health", health)]

application = get_wsgi_application()

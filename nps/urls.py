from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from drf_spectacular.views import (
    SpectacularJSONAPIView,
    SpectacularRedocView,
    SpectacularSwaggerSplitView,
)

from nps.accounts import settings_api, settings_views
from nps.accounts import views as account_views
from nps.core import health, metrics

urlpatterns = [
    path("", include("oracle.urls_home")),  # `/`: the dashboard, named "home"
    path("login", account_views.LoginView.as_view(), name="login"),
    path("logout", account_views.LogoutView.as_view(), name="logout"),
    path("signup", account_views.signup_view, name="signup"),
    path("password-reset", account_views.PasswordResetView.as_view(), name="password_reset"),
    path(
        "password-reset/sent",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password-reset/<uidb64>/<token>",
        account_views.PasswordResetConfirmView.as_view(),
        name="password_reset_confirm",
    ),
    path(
        "password-reset/done",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path("settings", settings_views.settings_page, name="settings"),
    path("settings/preferences", settings_views.save_preferences, name="settings-preferences"),
    path("settings/password", settings_views.change_password, name="settings-password"),
    path("settings/api-keys", settings_views.create_key, name="settings-key-create"),
    path(
        "settings/api-keys/<uuid:key_id>/revoke",
        settings_views.revoke_key,
        name="settings-key-revoke",
    ),
    path(
        "settings/logout-everywhere",
        settings_views.logout_everywhere,
        name="settings-logout-everywhere",
    ),
    path("settings/delete-account", settings_views.delete_account, name="settings-delete"),
    path("i18n/", include("django.conf.urls.i18n")),
    path("", include("oracle.urls")),
    path("", include("vault.urls")),
    path("", include("learning.urls")),
    path("", include("delivery.urls")),
    path("admin/", admin.site.urls),
    path("api/health", health.HealthView.as_view(), name="health"),
    path("api/health/ready", health.ReadyView.as_view(), name="health-ready"),
    path("api/health/performance", health.PerformanceView.as_view(), name="health-performance"),
    path("metrics", metrics.metrics_view, name="metrics"),
    path(
        "api/auth/change-password",
        settings_api.ChangePasswordView.as_view(),
        name="api-change-password",
    ),
    path("api/auth/", include("nps.accounts.api_urls")),
    path("api/settings", settings_api.SettingsView.as_view(), name="api-settings"),
    # /api/oracle/, /api/translation/, /api/location/, /api/share
    path("api/", include("oracle.api.urls")),
    path("api/vault/", include("vault.api_urls")),
    path("api/learning/", include("learning.api_urls")),
    path("openapi.json", SpectacularJSONAPIView.as_view(), name="openapi"),
    # The split view serves Swagger UI's start-up script as a file: no inline script (CSP).
    path("docs", SpectacularSwaggerSplitView.as_view(url_name="openapi"), name="swagger-ui"),
    path("redoc", SpectacularRedocView.as_view(url_name="openapi"), name="redoc"),
]

handler400 = "nps.core.views.bad_request"
handler403 = "nps.core.views.permission_denied"
handler404 = "nps.core.views.page_not_found"
handler500 = "nps.core.views.server_error"

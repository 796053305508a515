"""`/api/oracle/...` reading routes (included by oracle/api/urls.py)."""

from django.urls import path

from oracle.api import export, readings, stats

urlpatterns = [
    path("reading", readings.TimeReadingView.as_view(), name="api-reading"),
    path("reading/multi-user", readings.MultiUserView.as_view(), name="api-reading-multi-user"),
    path("question", readings.QuestionView.as_view(), name="api-question"),
    path("name", readings.NameView.as_view(), name="api-name"),
    path("daily", readings.DailyView.as_view(), name="api-daily"),
    path("sky", readings.SkyView.as_view(), name="api-sky"),
    path("validate-stamp", readings.ValidateStampView.as_view(), name="api-validate-stamp"),
    path("stats", stats.StatsView.as_view(), name="api-stats"),
    path("export", export.AccountExportView.as_view(), name="api-account-export"),
    path("readings", readings.ReadingsView.as_view(), name="api-readings"),
    path("readings/<str:reading_id>", readings.ReadingView.as_view(), name="api-reading-detail"),
    path(
        "readings/<str:reading_id>/export",
        export.ReadingExportView.as_view(),
        name="api-reading-export",
    ),
    path(
        "readings/<str:reading_id>/restore",
        readings.ReadingRestoreView.as_view(),
        name="api-reading-restore",
    ),
    path(
        "readings/<str:reading_id>/favorite",
        readings.ReadingFavoriteView.as_view(),
        name="api-reading-favorite",
    ),
    path("audit", readings.AuditView.as_view(), name="api-audit"),
]

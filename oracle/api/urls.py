"""The oracle's API routes, mounted by `nps/urls.py` under ``/api/``, one list per prefix:

* ``oracle_urlpatterns`` — ``/api/oracle/...``: profiles, readings, history, stats, exports;
* ``translation_urlpatterns`` — ``/api/translation/...``;
* ``location_urlpatterns`` — ``/api/location/...`` (plus V4-later's country and city lists);
* ``share_urlpatterns`` — ``/api/share`` (mounted without a trailing slash).

Each area keeps its views in its own module.
"""

from django.urls import include, path

from oracle.api import export, location, profiles, readings, share, stats, translation

oracle_urlpatterns = [
    path("users", profiles.ProfilesView.as_view(), name="api-profiles"),
    path("users/<str:user_id>", profiles.ProfileView.as_view(), name="api-profile"),
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

translation_urlpatterns = [
    path("translate", translation.TranslateView.as_view(), name="api-translate"),
    path("detect", translation.DetectView.as_view(), name="api-translation-detect"),
    path("cache/stats", translation.CacheStatsView.as_view(), name="api-translation-cache-stats"),
]

location_urlpatterns = [
    path("coordinates", location.CoordinatesView.as_view(), name="api-location-coordinates"),
    path("countries", location.CountriesView.as_view(), name="api-location-countries"),
    path(
        "countries/<str:code>/cities",
        location.CountryCitiesView.as_view(),
        name="api-location-country-cities",
    ),
    path("detect", location.DetectView.as_view(), name="api-location-detect"),
]

share_urlpatterns = [
    path("", share.ShareCreateView.as_view(), name="api-share"),
    path("/<str:token>", share.ShareTokenView.as_view(), name="api-share-token"),
]


urlpatterns = [
    path("oracle/", include(oracle_urlpatterns)),
    path("translation/", include(translation_urlpatterns)),
    path("location/", include(location_urlpatterns)),
    path("share", include(share_urlpatterns)),
]

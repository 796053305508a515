"""`/api/translation/...` routes."""

from django.urls import path

from oracle.api import translation

urlpatterns = [
    path("translate", translation.TranslateView.as_view(), name="api-translate"),
    path("detect", translation.DetectView.as_view(), name="api-translation-detect"),
    path("cache/stats", translation.CacheStatsView.as_view(), name="api-translation-cache-stats"),
]

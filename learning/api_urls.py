"""`/api/learning/...` routes (V4-later's paths)."""

from django.urls import path

from learning import api

urlpatterns = [
    path("stats", api.StatsView.as_view(), name="api-learning-stats"),
    path("insights", api.InsightsView.as_view(), name="api-learning-insights"),
    path("analyze", api.AnalyzeView.as_view(), name="api-learning-analyze"),
    path("weights", api.WeightsView.as_view(), name="api-learning-weights"),
    path("patterns", api.PatternsView.as_view(), name="api-learning-patterns"),
    path(
        "oracle/readings/<str:reading_id>/feedback",
        api.FeedbackView.as_view(),
        name="api-learning-feedback",
    ),
    path("oracle/stats", api.OracleStatsView.as_view(), name="api-learning-oracle-stats"),
    path("oracle/recalculate", api.RecalculateView.as_view(), name="api-learning-recalculate"),
]

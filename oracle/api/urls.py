"""`/api/oracle/...` routes. Each area keeps its views in its own module."""

from django.urls import include, path

from oracle.api import profiles

urlpatterns = [
    path("users", profiles.ProfilesView.as_view(), name="api-profiles"),
    path("users/<str:user_id>", profiles.ProfileView.as_view(), name="api-profile"),
    path("", include("oracle.api.urls_readings")),
]

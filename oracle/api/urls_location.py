"""`/api/location/...` routes (plus V4-later's country and city lists)."""

from django.urls import path

from oracle.api import location

urlpatterns = [
    path("coordinates", location.CoordinatesView.as_view(), name="api-location-coordinates"),
    path("countries", location.CountriesView.as_view(), name="api-location-countries"),
    path(
        "countries/<str:code>/cities",
        location.CountryCitiesView.as_view(),
        name="api-location-country-cities",
    ),
    path("detect", location.DetectView.as_view(), name="api-location-detect"),
]

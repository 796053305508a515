"""The oracle's pages (the API's paths are in `oracle/api/urls*.py`)."""

from django.urls import path

from oracle.views import consult

app_name = "oracle"

urlpatterns = [
    path("oracle", consult.consult, name="consult"),
]

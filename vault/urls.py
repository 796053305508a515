"""The Vault's pages (the API's paths are in `vault/api_urls.py`)."""

from django.urls import path

from vault import views

app_name = "vault"

urlpatterns = [
    path("vault", views.index, name="index"),
    path("vault/export", views.export, name="export"),
    path("vault/entries/<int:reading_id>", views.entry_update, name="entry-update"),
    path("vault/entries/<int:reading_id>/pin", views.entry_pin, name="entry-pin"),
    path("vault/entries/<int:reading_id>/outcome", views.entry_outcome, name="entry-outcome"),
]

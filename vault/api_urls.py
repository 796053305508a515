"""`/api/vault/...` routes."""

from django.urls import path

from vault import api

urlpatterns = [
    path("entries", api.EntriesView.as_view(), name="api-vault-entries"),
    path("entries/<str:reading_id>", api.EntryView.as_view(), name="api-vault-entry"),
    path("summary", api.SummaryView.as_view(), name="api-vault-summary"),
    path("export", api.ExportView.as_view(), name="api-vault-export"),
]

"""`/api/share` routes (included by nps/urls.py)."""

from django.urls import path

from oracle.api import share

urlpatterns = [
    path("", share.ShareCreateView.as_view(), name="api-share"),
    path("/<str:token>", share.ShareTokenView.as_view(), name="api-share-token"),
]

from django.urls import path

from nps.accounts import api

urlpatterns = [
    path("login", api.LoginView.as_view(), name="api-login"),
    path("refresh", api.RefreshView.as_view(), name="api-refresh"),
    path("logout", api.LogoutView.as_view(), name="api-logout"),
    path("logout/all", api.LogoutEverywhereView.as_view(), name="api-logout-all"),
    path("api-keys", api.ApiKeysView.as_view(), name="api-keys"),
    path("api-keys/<uuid:key_id>", api.ApiKeyView.as_view(), name="api-key"),
]

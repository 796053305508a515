"""The site's root `/`: oracle's dashboard (the welcome page when signed out).

Apart from `oracle.urls` so its name stays `home`, outside the `oracle` namespace: every page,
`LOGIN_REDIRECT_URL` and the core's navigation link to it by that name.
"""

from django.urls import path

from oracle.views.dashboard import home

urlpatterns = [path("", home, name="home")]

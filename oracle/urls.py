"""The oracle's pages (the API's paths are in `oracle/api/urls*.py`)."""

app_name = "oracle"

urlpatterns: list = []

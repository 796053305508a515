"""`/api/oracle/...` reading routes (included by oracle/api/urls.py)."""

urlpatterns: list = []

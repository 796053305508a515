"""The Learning pages (the API's paths are in `learning/api_urls.py`)."""

from django.urls import path

from learning import views

app_name = "learning"

urlpatterns = [
    path("learning", views.index, name="index"),
    path("learning/dashboard", views.dashboard, name="dashboard"),
    path("learning/dashboard/recalculate", views.recalculate, name="recalculate"),
    path("learning/readings/<int:reading_id>/feedback", views.feedback, name="feedback"),
]

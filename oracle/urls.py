"""The oracle's pages (the API's paths are in `oracle/api/urls.py`)."""

from django.urls import path

from oracle.views import consult, history, interpretation, profiles, share

app_name = "oracle"

urlpatterns = [
    path("oracle", consult.consult, name="consult"),
    path(
        "oracle/readings/<int:reading_id>/interpretation",
        interpretation.reading_interpretation,
        name="reading-interpretation",
    ),
    path(
        "oracle/readings/<int:reading_id>/interpretation/translate",
        interpretation.translate_interpretation,
        name="reading-interpretation-translate",
    ),
    path(
        "oracle/daily/interpretation",
        interpretation.daily_interpretation,
        name="daily-interpretation",
    ),
    path("profiles", profiles.profile_list, name="profiles"),
    path("profiles/new", profiles.profile_create, name="profile-create"),
    path("profiles/<int:profile_id>/edit", profiles.profile_edit, name="profile-edit"),
    path("profiles/<int:profile_id>/delete", profiles.profile_delete, name="profile-delete"),
    path("profiles/<int:profile_id>/restore", profiles.profile_restore, name="profile-restore"),
    path("profiles/cities", profiles.city_options, name="profile-cities"),
    path("profiles/place", profiles.place_fields, name="profile-place"),
    path("profiles/system", profiles.system_hint, name="profile-system"),
    path("history", history.history_list, name="history"),
    path("readings/<int:reading_id>", history.reading_detail, name="reading"),
    path("readings/<int:reading_id>/favorite", history.reading_favorite, name="reading-favorite"),
    path("readings/<int:reading_id>/delete", history.reading_delete, name="reading-delete"),
    path("readings/<int:reading_id>/restore", history.reading_restore, name="reading-restore"),
    path(
        "readings/<int:reading_id>/export.<str:export_format>",
        history.reading_export,
        name="reading-export",
    ),
    path("export/my-data.zip", history.my_data, name="my-data"),
    path("readings/<int:reading_id>/copy.txt", history.reading_copy, name="reading-copy"),
    path("readings/<int:reading_id>/share", share.share_create, name="share-create"),
    path(
        "readings/<int:reading_id>/share/<int:link_id>/revoke",
        share.share_revoke,
        name="share-revoke",
    ),
    path("share/<str:token>", share.shared_reading, name="share"),
]

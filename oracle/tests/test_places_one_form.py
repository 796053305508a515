"""Countries are stored as one form (the ISO 3166-1 alpha-2 code), whatever the form or a V4
client sends, and countries and zones are named in the page's language — never a raw IANA key,
a country code or "unknown region"."""

import importlib
import re
from types import SimpleNamespace

import pytest
from django.apps import apps as django_apps
from django.db import connection
from django.urls import reverse
from django.utils import translation

from nps.accounts.roles import Role
from nps.core import places
from oracle.forms.profiles import country_choices
from oracle.models import Profile
from oracle.services import location
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

USERS = "/api/oracle/users"
BODY = {"name": "Hamzeh", "birthday": "1990-03-21", "mother_name": "Fatemeh"}


@pytest.mark.parametrize("sent", ["IR", "ir", "IRN", "Iran", "iran", "ایران"])
def test_the_api_stores_a_country_given_by_code_or_name_as_its_code(api_as, sent):
    response = api_as(Role.USER).post(USERS, {**BODY, "country": sent}, format="json")
    assert response.status_code == 201
    assert response.json()["country"] == "IR"
    assert Profile.objects.get().country == "IR"


def test_an_unknown_country_is_422_naming_the_field(api_as):
    response = api_as(Role.USER).post(USERS, {**BODY, "country": "Atlantis"}, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "country"]
    assert not Profile.objects.exists()


def test_the_profile_form_stores_the_code_and_a_name_posted_is_read_as_its_code(client, user):
    client.force_login(user)
    form = {
        "name": "Sara",
        "birthday": "1991-06-15",
        "mother_name": "Maryam",
        "timezone": "Asia/Tehran",
        "numerology_system": "auto",
    }
    client.post(reverse("oracle:profile-create"), {**form, "country": "TR"})
    client.post(reverse("oracle:profile-create"), {**form, "name": "Ali", "country": "Turkey"})
    assert sorted(Profile.objects.values_list("country", flat=True)) == ["TR", "TR"]


def test_the_country_list_has_current_iso_countries_named_by_cldr():
    with translation.override("en"):
        choices = dict(country_choices())
    assert len(choices) == 1 + 249
    assert choices["TR"] == "Türkiye" and choices["CI"] == "Côte d’Ivoire"
    assert choices["CW"] == "Curaçao" and choices["RE"] == "Réunion"
    for defunct in ("AN", "CS", "XK"):  # Netherlands Antilles, Serbia and Montenegro, Kosovo
        assert defunct not in choices
    with translation.override("fa"):
        assert dict(country_choices())["IR"] == "ایران"


def test_profile_cards_name_the_country_and_zone_in_the_pages_language(client, user):
    ProfileFactory(owner=user, name="Hamzeh", city="Tehran", country="IR", timezone="Asia/Tehran")
    client.force_login(user)
    client.cookies["nps_language"] = "fa"
    html = client.get(reverse("oracle:profiles")).content.decode()
    assert "ایران" in html and "Tehran, IR" not in html and ">IR<" not in html
    assert "تهران — ایران" in html
    assert "Asia/Tehran</" not in html


@pytest.mark.parametrize(
    ("zone", "english", "persian"),
    [
        ("Asia/Tehran", "Tehran — Iran (UTC+03:30)", "تهران — ایران"),
        ("Etc/GMT-1", "UTC+01:00", "UTC+۰۱:۰۰"),
        ("Etc/GMT+5", "UTC−05:00", "UTC−۰۵:۰۰"),
        ("Asia/Calcutta", "Kolkata — India (UTC+05:30)", "هند"),
    ],
)
def test_zone_labels_are_places_or_plain_offsets_never_unknown_regions(zone, english, persian):
    with translation.override("en"):
        assert places.zone_label(zone) == english
        labels = dict(places.zone_choices())
        assert not [label for label in labels.values() if "Unknown" in label]
    with translation.override("fa"):
        assert persian in places.zone_label(zone)
        assert zone not in places.zone_label(zone)
        labels = dict(places.zone_choices())
        assert not [label for label in labels.values() if "نامشخص" in label]


def test_the_reading_method_names_the_zone_as_a_place():
    from oracle.services import method

    with translation.override("fa"):
        lines = dict(method.method_lines({"timezone": "Asia/Tehran", "utc_offset": "+03:30"}))
    assert any("تهران — ایران" in value for value in lines.values())
    assert not any("Asia/Tehran" in value for value in lines.values())


def test_the_migration_converts_stored_countries_to_codes_and_keeps_what_it_cannot_read():
    kept = {
        "Iran": "IR",
        "Turkey": "TR",
        "IR": "IR",
        "deu": "DE",
        "Serbia and Montenegro": "Serbia and Montenegro",
        "Atlantis": "Atlantis",
    }
    made = {name: ProfileFactory(country=name) for name in kept}
    deleted = ProfileFactory(country="France")
    Profile.objects.filter(pk=deleted.pk).update(deleted_at="2026-01-01T00:00:00Z")

    migration = importlib.import_module("oracle.migrations.0011_profile_country_codes")
    migration.to_codes(django_apps, SimpleNamespace(connection=connection))

    for name, profile in made.items():
        profile.refresh_from_db()
        assert profile.country == kept[name]
    assert Profile.all_objects.get(pk=deleted.pk).country == "FR"
    assert location.country_code_of("Serbia and Montenegro") is None


@pytest.mark.parametrize(
    ("zone", "english", "persian"),
    [
        ("Asia/Kolkata", "Kolkata", "کلکته"),  # CLDR names the city under Asia/Calcutta
        ("Europe/Kyiv", "Kyiv", "کیف"),
        ("America/Argentina/Buenos_Aires", "Buenos Aires", "بوئنوس‌آیرس"),
        ("America/Indiana/Indianapolis", "Indianapolis", "ایندیاناپولیس"),
    ],
)
def test_zones_renamed_by_iana_keep_their_city_names(zone, english, persian):
    """IANA's current keys (Asia/Kolkata, Europe/Kyiv) are CLDR's aliases: their city is found
    under the older key, never shown as the raw id ("Argentina/Buenos Aires", Latin on Persian
    pages)."""
    with translation.override("en"):
        assert places.zone_label(zone).startswith(f"{english} — ")
    with translation.override("fa"):
        assert places.zone_label(zone).startswith(f"{persian} — ")


def test_no_zone_choice_shows_a_raw_zone_id_and_persian_ones_are_in_persian_script():
    for language in ("en", "fa"):
        with translation.override(language):
            cities = [label.split(" — ")[0] for _zone, label in places.zone_choices()]
        assert [city for city in cities if "/" in city or "_" in city] == [], language
    with translation.override("fa"):
        latin = [
            label
            for _zone, label in places.zone_choices()
            if re.search(r"[A-Za-z]", label.split(" — ")[0].replace("UTC", ""))
        ]
    assert latin == []

"""Time zones, countries and cities named in the reader's language (CLDR through Babel)."""

import pytest
from django.utils import translation

from nps.core import places
from nps.core.widgets import TimeZoneSelect
from oracle.forms.profiles import country_choices
from oracle.services import location
from oracle.templatetags.places import city_name, country_name, zone_name


def test_every_canonical_zone_is_offered_with_its_city_country_and_offset():
    with translation.override("en"):
        choices = dict(places.zone_choices())
    assert len(choices) > 400
    assert choices["UTC"].startswith("UTC")
    assert choices["Asia/Tehran"] == "Tehran — Iran (UTC+03:30)"
    assert choices["Asia/Kolkata"].startswith("Kolkata — India (UTC+05:30")
    labels = list(choices.values())[1:]
    offsets = [label for label in labels if " — " not in label]  # Etc/GMT±n, after the places
    assert offsets[0] == "UTC+14:00" and offsets[-1] == "UTC−12:00"
    cities = [label.split(" — ")[0] for label in labels[: -len(offsets)]]
    assert cities == sorted(cities, key=places.sort_key)  # by city, so typing a city finds it


def test_zones_are_named_in_persian_with_persian_digits_in_alphabetical_order():
    with translation.override("fa"):
        choices = dict(places.zone_choices())
    assert choices["Asia/Tehran"] == "تهران — ایران (\u2066UTC+۰۳:۳۰\u2069)"
    assert choices["Europe/Paris"].startswith("پاریس — فرانسه")
    labels = list(choices.values())[1:]
    # پ (U+067E) comes after ب and before ت in Persian, though after every Arabic letter in Unicode.
    first_letters = [label[0] for label in labels]
    assert first_letters.index("پ") < first_letters.index("ت")
    assert first_letters.index("گ") < first_letters.index("ل")


def test_the_select_marks_the_value_and_keeps_a_zone_the_list_does_not_have():
    with translation.override("en"):
        html = TimeZoneSelect(attrs={"id": "id_tz"}).render("tz", "Asia/Tehran")
        assert html.startswith('<select id="id_tz" name="tz">')
        assert html.count(" selected") == 1
        assert '<option value="Asia/Tehran" selected>Tehran — Iran (UTC+03:30)</option>' in html
        old_alias = TimeZoneSelect(blank_label="Profile's zone").render("tz", "Asia/Calcutta")
        assert '<option value="">Profile' in old_alias
        # an old alias is kept as its own choice, named as its canonical zone
        assert (
            '<option value="Asia/Calcutta" selected>Kolkata — India (UTC+05:30)</option>'
            in old_alias
        )
        empty = TimeZoneSelect(blank_label="Profile's zone").render("tz", "")
        assert '<option value="" selected>' in empty and empty.count(" selected") == 1


def test_a_hostile_value_is_escaped():
    html = TimeZoneSelect().render("tz", '"><script>alert(1)</script>')
    assert "<script>" not in html and "&lt;script&gt;" in html


def test_countries_are_labelled_in_the_readers_language_and_stored_as_iso_codes():
    with translation.override("fa"):
        choices = dict(country_choices())
        assert choices["IR"] == "ایران"
        assert choices["DE"] == "آلمان"
        assert country_name("United Kingdom") == "بریتانیا"  # a name stored before codes
        assert country_name("GB") == "بریتانیا"
        assert country_name("Atlantis") == "Atlantis"
    with translation.override("en"):
        assert dict(country_choices())["IR"] == "Iran"
        assert country_name("TR") == "Türkiye"


@pytest.mark.parametrize(
    ("city", "country", "persian"),
    [
        ("Tehran", "Iran", "تهران"),
        ("Mashhad", "Iran", "مشهد"),
        ("Orūmīyeh", "Iran", "ارومیه"),  # the gazetteer's accents fold away
        ("Kabul", "Afghanistan", "کابل"),
        ("London", "United Kingdom", "لندن"),  # a time zone's CLDR city
        ("New York City", "United States", "نیویورک"),
    ],
)
def test_cities_have_their_persian_names(city, country, persian):
    with translation.override("fa"):
        assert city_name(city, country) == persian
    with translation.override("en"):
        assert city_name(city, country) == city


def test_a_city_with_no_known_persian_name_keeps_its_own():
    assert location.persian_city_name("Springfield", "US") is None
    with translation.override("fa"):
        assert city_name("Springfield", "United States") == "Springfield"
        assert zone_name("Asia/Tokyo") == "توکیو — ژاپن (\u2066UTC+۰۹:۰۰\u2069)"

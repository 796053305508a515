"""Dates far from today: what a person may enter (years 1000–2999), and what is shown when a row
stored before that rule (or by a plain SQL client) holds a date outside it."""

import datetime as dt
import uuid

import pytest
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from oracle.engines.compose import compose_time_reading
from oracle.models import Profile, Reading
from oracle.services import readings

pytestmark = pytest.mark.django_db

FAR_MOMENTS = [
    dt.datetime(1, 1, 1, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, 23, 59, tzinfo=dt.UTC),
    dt.datetime(9999, 12, 31, 23, 59),
]


def _store_far_reading(user, moment: dt.datetime) -> Reading:
    """A time reading of ``moment`` written as an old version (no year check) would have."""
    stored = readings._store(
        principal=principal_for_account(user, auth_type="session"),
        client_address=None,
        sign_type="reading",
        sign_value=moment.isoformat(),
        asked=moment.isoformat(timespec="minutes"),
        response=compose_time_reading(moment),
    )
    return Reading.objects.get(pk=stored["reading_id"])


@pytest.fixture
def client_fa(client, user):
    client.force_login(user)
    client.cookies["nps_language"] = "fa"
    return client


@pytest.mark.parametrize("moment", FAR_MOMENTS, ids=["year-1", "year-9999", "year-9999-naive"])
def test_persian_pages_show_a_stored_far_reading(client_fa, user, moment):
    reading = _store_far_reading(user, moment)
    Profile.objects.create(
        owner=user, name="Ancient One", birthday=dt.date(1, 1, 1), mother_name="Eve"
    )
    for url in (
        reverse("home"),
        reverse("oracle:history"),
        reverse("vault:index"),
        reverse("oracle:reading", args=[reading.pk]),
        reverse("oracle:profiles"),
    ):
        response = client_fa.get(url)
        assert response.status_code == 200, url


def test_a_stored_far_reading_shows_its_moment_in_gregorian_on_persian_pages(client_fa, user):
    reading = _store_far_reading(user, dt.datetime(1, 1, 1, tzinfo=dt.UTC))
    history = client_fa.get(reverse("oracle:history")).content.decode()
    assert "۱ ژانویه ۱، ۰۰:۰۰" in history  # the moment read, Gregorian: Jalali has no year 1
    page = client_fa.get(reverse("oracle:reading", args=[reading.pk]))
    assert page.status_code == 200


# ---------------------------------------------------------------------------------------------
# Entering: pages (a message beside the field, in the page's language)

CONSULT = reverse("oracle:consult")
HTMX = {"HTTP_HX_REQUEST": "true"}
FAR_DAYS = ["0001-01-01", "0999-12-31", "3000-01-01", "9999-12-31"]
MESSAGES = {
    "en": "Enter a date in the years 1000 to 2999.",
    "fa": "تاریخی در سال‌های ۱۰۰۰ تا ۲۹۹۹ وارد کنید.",
}


@pytest.fixture(params=["en", "fa"])
def page_client(request, client, user):
    client.force_login(user)
    client.cookies["nps_language"] = request.param
    client.language = request.param
    return client


def _time_post(day: str, **more) -> dict:
    return {
        "type": "time",
        "token": uuid.uuid4().hex,
        "date": day,
        "time": "12:00",
        "timezone": "",
        **more,
    }


@pytest.mark.parametrize("day", FAR_DAYS)
def test_time_reading_form_refuses_a_far_year_beside_the_date(page_client, day):
    response = page_client.post(CONSULT, _time_post(day), **HTMX)
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_date_error"' in html and MESSAGES[page_client.language] in html
    assert not Reading.objects.exists()


@pytest.mark.parametrize("day", ["1000-01-01", "2999-12-31"])
def test_time_reading_form_takes_the_first_and_last_years(page_client, day):
    response = page_client.post(CONSULT, _time_post(day), **HTMX)
    assert response.status_code == 200
    assert Reading.objects.count() == 1


def test_time_reading_date_picker_offers_only_the_entry_years(page_client):
    html = page_client.get(CONSULT, {"type": "time"}).content.decode()
    assert 'min="1000-01-01"' in html and 'max="2999-12-31"' in html


def test_daily_reading_form_refuses_a_far_year(page_client):
    response = page_client.post(
        CONSULT, {"type": "daily", "token": uuid.uuid4().hex, "date": "3000-01-01"}, **HTMX
    )
    assert response.status_code == 422
    assert MESSAGES[page_client.language] in response.content.decode()


def test_profile_form_refuses_a_far_birthday(page_client):
    response = page_client.post(
        reverse("oracle:profile-create"),
        {
            "name": "Sara Ahmadi",
            "birthday": "0999-12-31",
            "mother_name": "Maryam",
            "timezone": "Asia/Tehran",
            "numerology_system": "auto",
        },
        **HTMX,
    )
    html = response.content.decode()
    assert response.status_code == 422
    assert 'id="id_birthday_error"' in html and MESSAGES[page_client.language] in html
    assert not Profile.objects.exists()


def test_history_date_filter_refuses_a_far_year_beside_the_field(page_client, user):
    _store_far_reading(user, dt.datetime(2024, 3, 20, tzinfo=dt.UTC))
    response = page_client.get(reverse("oracle:history"), {"date_from": "0001-01-01"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'id="id_date_from_error"' in html and MESSAGES[page_client.language] in html


# ---------------------------------------------------------------------------------------------
# Entering: the API (a 422 naming the field, V4's `detail` list)


def _only_error(response) -> dict:
    assert response.status_code == 422, response.content
    (error,) = response.json()["detail"]
    return error


@pytest.mark.parametrize(
    "moment", ["0001-01-01", "9999-12-31T23:59", "0999-12-31T23:00:00+03:30", "3000-01-01"]
)
def test_api_time_reading_of_a_far_year_is_a_422_naming_datetime(api_as, moment):
    response = api_as().post("/api/oracle/reading", {"datetime": moment}, format="json")
    error = _only_error(response)
    assert error["loc"] == ["body", "datetime"]
    assert "1000" in error["msg"] and "2999" in error["msg"]
    assert not Reading.objects.exists()


@pytest.mark.parametrize("moment", ["1000-01-01T00:00", "2999-12-31T23:59:59+14:00"])
def test_api_time_reading_takes_the_first_and_last_years(api_as, moment):
    response = api_as().post("/api/oracle/reading", {"datetime": moment}, format="json")
    assert response.status_code == 200  # V4's status for a reading
    assert Reading.objects.count() == 1


def test_api_daily_of_a_far_year_is_a_422_naming_date(api_as):
    error = _only_error(api_as().get("/api/oracle/daily", {"date": "0500-06-01"}))
    assert error["loc"] == ["query", "date"]


@pytest.mark.parametrize("birthday", ["0001-01-01", "0999-12-31", "3000-01-01"])
def test_api_profile_with_a_far_birthday_is_a_422_naming_birthday(api_as, birthday):
    body = {"name": "Sara Ahmadi", "birthday": birthday, "mother_name": "Maryam"}
    error = _only_error(api_as().post("/api/oracle/users", body, format="json"))
    assert error["loc"] == ["body", "birthday"]
    assert error["msg"] == "Use a year from 1000 to 2999."
    assert not Profile.objects.exists()


def test_api_profile_update_to_a_far_birthday_is_a_422(api_as):
    client = api_as()
    profile = Profile.objects.create(
        owner=client.account, name="Sara Ahmadi", birthday=dt.date(1990, 1, 1), mother_name="M"
    )
    response = client.put(
        f"/api/oracle/users/{profile.pk}", {"birthday": "0001-01-01"}, format="json"
    )
    assert _only_error(response)["loc"] == ["body", "birthday"]
    profile.refresh_from_db()
    assert profile.birthday == dt.date(1990, 1, 1)


@pytest.mark.parametrize("field", ["date_from", "date_to"])
def test_api_history_filter_of_a_far_year_is_a_422_naming_it(api_as, field):
    error = _only_error(api_as().get("/api/oracle/readings", {field: "0001-01-01"}))
    assert error["loc"] == ["query", field]


def test_api_group_member_birth_year_keeps_v4s_range(api_as):
    people = [
        {"name": "Sara", "birth_year": 999, "birth_month": 1, "birth_day": 1},
        {"name": "Omid", "birth_year": 1990, "birth_month": 1, "birth_day": 1},
    ]
    response = api_as().post("/api/oracle/reading/multi-user", {"users": people}, format="json")
    assert _only_error(response)["loc"] == ["body", "users", 0, "birth_year"]


def test_admin_profile_form_refuses_a_far_birthday(client, admin_user, user):
    from oracle.tests.test_admin import PROFILES, change_data, make_profile

    profile = make_profile(user)
    client.force_login(admin_user)
    response = client.post(
        f"{PROFILES}{profile.pk}/change/", change_data(profile, birthday="0001-01-01")
    )
    assert response.status_code == 200
    assert "birthday" in response.context["adminform"].form.errors
    profile.refresh_from_db()
    assert profile.birthday == dt.date(1990, 3, 21)


@pytest.mark.parametrize("export_format", ["txt", "pdf"])
def test_persian_export_of_a_stored_far_reading_is_a_file(client_fa, user, export_format):
    reading = _store_far_reading(user, dt.datetime(1, 1, 1, tzinfo=dt.UTC))
    response = client_fa.get(reverse("oracle:reading-export", args=[reading.pk, export_format]))
    assert response.status_code == 200
    if export_format == "txt":
        assert "۱ ژانویه ۱" in response.content.decode()

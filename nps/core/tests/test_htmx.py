"""Every htmx request, whatever view answers it: one that needs a login redirects its page to the
login form (never the login page swapped into a slot); nps/core/htmx.py."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PAGE = "http://testserver/share/0123abcd?tab=details"


def test_an_htmx_request_that_needs_a_login_redirects_its_page_to_the_login_form(client):
    fragment = reverse("learning:feedback", args=[1])
    answer = client.get(fragment, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL=PAGE)
    assert answer.status_code == 200 and answer.content == b""  # nothing to swap
    assert answer["HX-Redirect"] == "/login?next=%2Fshare%2F0123abcd%3Ftab%3Ddetails"
    assert "Location" not in answer and "HX-Request" in answer["Vary"]


def test_the_same_request_without_htmx_is_still_a_plain_redirect(client):
    fragment = reverse("learning:feedback", args=[1])
    answer = client.get(fragment)
    assert answer.status_code == 302 and answer["Location"] == f"/login?next={fragment}"
    assert not answer.has_header("HX-Redirect")


def test_a_page_on_another_origin_keeps_the_fragments_own_next(client):
    fragment = reverse("learning:feedback", args=[1])
    answer = client.get(
        fragment, HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="https://elsewhere.example/x"
    )
    assert answer["HX-Redirect"] == f"/login?next={fragment}"


def test_logging_out_through_htmx_sends_the_page_to_the_login_form(client, user):
    client.force_login(user)
    answer = client.post(
        reverse("logout"), HTTP_HX_REQUEST="true", HTTP_HX_CURRENT_URL="http://testserver/vault"
    )
    assert answer.status_code == 200 and answer["HX-Redirect"] == "/login"


def test_other_redirects_of_htmx_requests_are_left_alone(client):
    answer = client.post(
        "/i18n/setlang/",
        {"language": "fa", "next": "/oracle"},
        HTTP_HX_REQUEST="true",
        HTTP_HX_CURRENT_URL="http://testserver/",
    )
    assert answer.status_code == 302 and answer["Location"] == "/oracle"
    assert not answer.has_header("HX-Redirect")

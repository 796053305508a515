import re

import pytest
from django.template.loader import render_to_string
from django.test import Client

pytestmark = pytest.mark.django_db


def html_tag(content: str) -> str:
    return re.search(r"<html[^>]*>", content).group(0)


def test_home_is_english_left_to_right_by_default(client):
    content = client.get("/").content.decode()
    assert html_tag(content) == '<html lang="en" dir="ltr" data-theme="dark">'


def test_switching_to_persian_persists_and_turns_the_page_right_to_left(client):
    response = client.post("/i18n/setlang/", {"language": "fa", "next": "/"})
    assert response.status_code == 302
    assert response.cookies["nps_language"].value == "fa"
    content = client.get("/").content.decode()
    assert html_tag(content) == '<html lang="fa" dir="rtl" data-theme="dark">'
    assert "ورود" in content  # "Log in"


def test_language_switch_offers_the_other_language(client):
    content = client.get("/").content.decode()
    assert 'name="language" value="fa"' in content


def test_base_template_sends_csrf_header_and_loads_htmx_locally(client):
    content = client.get("/").content.decode()
    assert 'hx-headers=\'{"x-csrftoken": ' in content
    assert re.search(r'<script src="/static/django_htmx/htmx-2\.min[^"]*\.js"', content)
    assert "://" not in "".join(re.findall(r'<script[^>]+src="([^"]+)"', content))


def test_skip_link_points_at_main_content(client):
    content = client.get("/").content.decode()
    assert 'href="#main"' in content
    assert 'id="main"' in content


def test_navigation_marks_the_current_page(client):
    content = client.get("/").content.decode()
    assert 'href="/" aria-current="page"' in content


def test_navigation_shows_admin_only_to_staff(client, user, admin_user):
    client.force_login(user)
    assert 'href="/admin/"' not in client.get("/").content.decode()
    client.force_login(admin_user)
    assert 'href="/admin/"' in client.get("/").content.decode()


def test_unknown_page_is_a_styled_404(client):
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()
    assert 'class="skip-link"' in response.content.decode()


def test_unknown_page_is_a_persian_404_in_persian(client):
    client.cookies["nps_language"] = "fa"
    response = client.get("/no-such-page")
    assert response.status_code == 404
    assert 'dir="rtl"' in response.content.decode()
    assert "۴۰۴" in response.content.decode()


def test_server_error_is_a_styled_500(settings):
    from django.urls import path

    def broken(request):
        raise RuntimeError("boom")

    settings.ROOT_URLCONF = type(
        "BrokenUrls",
        (),
        {
            "urlpatterns": [path("broken", broken)],
            "handler500": "nps.core.views.server_error",
        },
    )
    response = Client(raise_request_exception=False).get("/broken")
    assert response.status_code == 500
    assert "Something went wrong" in response.content.decode()


def test_missing_csrf_token_is_a_styled_403_that_says_what_to_do():
    response = Client(enforce_csrf_checks=True).post("/i18n/setlang/", {"language": "fa"})
    assert response.status_code == 403
    content = response.content.decode()
    assert "Access denied" in content
    assert "Reload the page" in content


@pytest.mark.parametrize(
    ("template", "heading"),
    [
        ("400.html", "Bad request"),
        ("403.html", "Access denied"),
        ("404.html", "Page not found"),
        ("429.html", "Too many attempts"),
    ],
)
def test_error_pages_share_the_layout_inside_the_site_shell(rf, template, heading):
    content = render_to_string(template, request=rf.get("/somewhere"))
    assert f"<title>{heading} · NPS</title>" in content
    assert f"<h1>{heading}</h1>" in content
    assert f'<p class="error-code" aria-hidden="true">{template[:3]}</p>' in content
    assert 'class="main-nav"' in content
    assert "Go to the dashboard" in content


def test_server_error_page_renders_without_a_request_and_without_the_shell():
    content = render_to_string("500.html")
    assert "<h1>Something went wrong</h1>" in content
    assert '<main id="main" class="standalone">' in content
    assert 'class="main-nav"' not in content
    assert "Signed in" not in content

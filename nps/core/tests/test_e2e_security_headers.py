"""Every page works under the Content-Security-Policy: no inline script, nothing from elsewhere."""

import pytest
from playwright.sync_api import expect

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PAGES = (
    "/",
    "/docs",
    "/redoc",
    "/api/oracle/users",
    "/admin/",
    "/admin/oracle/profile/add/",
    "/admin/accounts/apikey/add/",
)


def test_pages_run_under_the_content_security_policy_without_violations(
    sign_in, page, admin_user, password
):
    violations: list[str] = []
    page.on(
        "console",
        lambda message: (
            violations.append(message.text) if "Content Security Policy" in message.text else None
        ),
    )
    sign_in(admin_user)
    for path in PAGES:
        response = page.goto(path)
        page.wait_for_load_state("networkidle")
        assert response is not None and response.status == 200, path
        policy = response.headers["content-security-policy"]
        assert (
            "script-src 'self'" in policy
            and "unsafe-inline" not in policy.split("script-src")[1].split(";")[0]
        )
    # ReDoc's footer asks for its maker's logo from their site: the policy blocks it, as it should
    # (nothing is fetched from elsewhere). Everything of ours must load and run.
    ours = [text for text in violations if "https://cdn.redoc.ly/" not in text]
    assert ours == []


def test_the_api_reference_pages_start_without_inline_scripts(page):
    page.goto("/docs")
    expect(page.locator(".swagger-ui .info .title")).to_contain_text("NPS API")
    page.goto("/redoc")
    expect(page.locator("redoc h1").first).to_contain_text("NPS API")

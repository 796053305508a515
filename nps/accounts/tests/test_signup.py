"""Sign-up: open by default, switched off by NPS_ALLOW_SIGNUP, validated, rate-limited, audited."""

import re

import pytest
from django.urls import reverse

from nps.accounts.models import Preferences, User
from nps.accounts.roles import Role
from nps.core.models import AuditLog

pytestmark = pytest.mark.django_db

SIGNUP = reverse("signup")
GOOD = {
    "username": "newcomer",
    "email": "new@example.com",
    "password": "a long secret phrase",
    "password_again": "a long secret phrase",
}


def test_sign_up_opens_a_user_account_and_lands_on_the_dashboard(client):
    response = client.post(SIGNUP, GOOD)
    assert response.status_code == 302 and response.url == reverse("home")
    account = User.objects.get(username="newcomer")
    assert account.role == Role.USER and account.check_password(GOOD["password"])
    assert AuditLog.objects.filter(action="account.signup", actor=account).exists()
    assert "Your first steps" in client.get(reverse("home")).content.decode()


def test_a_taken_username_is_an_error_beside_the_field(client, user):
    response = client.post(SIGNUP, {**GOOD, "username": user.username.upper()})
    assert response.status_code == 422
    body = response.content.decode()
    assert "An account with that username already exists." in body
    assert 'id="id_username_error"' in body


def test_a_weak_or_mismatched_password_is_refused(client):
    weak = client.post(SIGNUP, {**GOOD, "password": "12345678", "password_again": "12345678"})
    assert weak.status_code == 422 and 'id="id_password_error"' in weak.content.decode()
    differ = client.post(SIGNUP, {**GOOD, "password_again": "something else entirely"})
    assert "The two passwords differ." in differ.content.decode()
    assert not User.objects.filter(username="newcomer").exists()


def test_sign_up_can_be_switched_off(client, settings):
    settings.NPS_ALLOW_SIGNUP = False
    assert client.get(SIGNUP).status_code == 404
    assert client.post(SIGNUP, GOOD).status_code == 404
    assert "Create an account" not in client.get(reverse("login")).content.decode()


def test_sign_up_is_rate_limited_per_address(client, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "signup": "2/hour"}
    for n in range(2):
        client.post(SIGNUP, {**GOOD, "username": f"person{n}"})
        client.logout()
    refused = client.post(SIGNUP, {**GOOD, "username": "person3"})
    assert refused.status_code == 429 and refused.has_header("Retry-After")
    assert not User.objects.filter(username="person3").exists()


def test_login_switches_to_the_language_kept_in_the_settings(client, user, password):
    Preferences.objects.create(account=user, language="fa")
    response = client.post(reverse("login"), {"username": user.username, "password": password})
    assert response.cookies["nps_language"].value == "fa"


def test_password_reset_mails_a_link_that_sets_a_new_password(client, user, mailoutbox):
    user.email = "reader@example.com"
    user.save()
    sent = client.post(reverse("password_reset"), {"email": "READER@example.com"})
    assert sent.status_code == 302 and sent.url == reverse("password_reset_done")
    assert len(mailoutbox) == 1 and mailoutbox[0].to == ["reader@example.com"]
    link = next(line for line in mailoutbox[0].body.splitlines() if "/password-reset/" in line)
    path = link.split("testserver", 1)[1]
    form_page = client.get(path, follow=True)
    assert "Choose a new password" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"new_password1": "a fresh long phrase", "new_password2": "a fresh long phrase"},
    )
    assert done.status_code == 302
    user.refresh_from_db()
    assert user.check_password("a fresh long phrase")
    assert AuditLog.objects.filter(action="auth.password_reset", actor=user).exists()


def test_password_reset_answers_the_same_for_an_unknown_address(client, mailoutbox):
    response = client.post(reverse("password_reset"), {"email": "nobody@example.com"})
    assert response.status_code == 302 and mailoutbox == []


def test_password_reset_is_rate_limited(client, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "signup": "1/hour"}
    client.post(reverse("password_reset"), {"email": "a@example.com"})
    assert client.post(reverse("password_reset"), {"email": "a@example.com"}).status_code == 429


@pytest.mark.parametrize("page", ["signup", "password_reset"])
def test_the_signup_and_reset_limit_says_what_was_asked_for_too_often(client, settings, page):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "signup": "1/hour"}
    body = {**GOOD, "username": "first"} if page == "signup" else {"email": "a@example.com"}
    client.post(reverse(page), body)
    client.logout()
    refused = client.post(reverse(page), {**body, "username": "second"})
    assert refused.status_code == 429
    text = refused.content.decode()
    assert "Too many accounts or reset mails were asked for from your network." in text
    assert "failed logins" not in text


def test_the_signup_limit_page_is_in_persian(client, settings):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "signup": "1/hour"}
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    client.post(SIGNUP, {**GOOD, "username": "first"})
    client.logout()
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "fa"
    text = client.post(SIGNUP, {**GOOD, "username": "second"}).content.decode()
    assert "درخواست حساب یا ایمیل بازیابی" in text and "Too many accounts" not in text
    assert re.search("آمده است. [۰-۹]+ دقیقه", text)  # Persian digits

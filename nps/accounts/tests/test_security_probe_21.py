"""Issue 21, the second outside security probe: its findings about accounts and logins, one test
(or more) each, named after the finding. Each failed on the code the probe attacked.

(Finding 8, uploads without a size limit, is pinned in `nps/core/tests/test_uploads.py`.)
"""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.contrib.auth.password_validation import validate_password
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from django.utils import translation
from rest_framework.test import APIClient

from nps.accounts.models import User
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core import ratelimit

pytestmark = pytest.mark.django_db

PROJECT = Path(__file__).resolve().parents[3]
LOGIN = "/api/auth/login"
PASSWORD = "correct horse battery staple"
REAL_SECRETS = {
    "DJANGO_SECRET_KEY": "a-real-django-secret-0123456789abcdef0123456789",
    "NPS_ENCRYPTION_KEY": "a-real-encryption-key-0123456789abcdef",
    "API_SECRET_KEY": "a-real-api-secret-0123456789abcdef",
    "JWT_SECRET_KEY": "a-real-jwt-secret-0123456789abcdef",
}


def api_login(username: str, password: str, address: str):
    client = APIClient()
    client.defaults["REMOTE_ADDR"] = address
    return client.post(LOGIN, {"username": username, "password": password}, format="json")


def run_django(code: str, **env: str) -> subprocess.CompletedProcess:
    """Run `code` in a fresh interpreter with the settings module named, as gunicorn would start:
    `code` loads the settings (where the values tested here are decided)."""
    names = {*REAL_SECRETS, "DEBUG", "EMAIL_HOST", "CORS_ORIGINS"}
    clean = {k: v for k, v in os.environ.items() if k not in names}
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=PROJECT,
        env={**clean, **REAL_SECRETS, **env, "DJANGO_SETTINGS_MODULE": "nps.settings"},
        capture_output=True,
        text=True,
        timeout=120,
    )


class Clock:
    """The rate limiter's clock, moved on by hand (waits without sleeping)."""

    def __init__(self) -> None:
        self.now = (int(time.time()) // 3600) * 3600 + 60.0  # early in an hour's window

    def time(self) -> float:
        return self.now

    def monotonic(self) -> float:
        return time.monotonic()

    def advance(self, seconds: float) -> None:
        self.now += seconds


@pytest.fixture
def clock(monkeypatch) -> Clock:
    fake = Clock()
    monkeypatch.setattr(ratelimit, "time", fake)
    return fake


@pytest.fixture
def account():
    return UserFactory(role=Role.USER, password=PASSWORD)


# --- 9. password-reset mails (with working links) went to the log in production ---------------


def test_finding_9_production_without_a_mail_server_switches_reset_off_and_sends_nothing():
    result = run_django(
        "from django.conf import settings; "
        "print(settings.NPS_PASSWORD_RESET_ENABLED, settings.EMAIL_BACKEND)",
        DEBUG="0",
        EMAIL_HOST="",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "django.core.mail.backends.dummy.EmailBackend"]


def test_finding_9_production_without_a_mail_server_warns_at_start(settings):
    """The start-up check says reset is off (the settings switch it off without EMAIL_HOST: the
    test above loads them as gunicorn would)."""
    from django.core import checks

    settings.NPS_PASSWORD_RESET_ENABLED = False
    warned = [message for message in checks.run_checks() if message.id == "accounts.W001"]
    assert warned and "Password reset by e-mail is switched off" in warned[0].msg
    settings.NPS_PASSWORD_RESET_ENABLED = True
    assert not [message for message in checks.run_checks() if message.id == "accounts.W001"]


def test_finding_9_reset_page_says_it_is_off_and_mails_no_link(client, settings, account):
    settings.NPS_PASSWORD_RESET_ENABLED = False
    account.email = "reader@example.com"
    account.save()

    page = client.get(reverse("password_reset"))
    sent = client.post(reverse("password_reset"), {"email": "reader@example.com"})

    for response in (page, sent):
        assert response.status_code == 200
        body = response.content.decode()
        assert "cannot send e-mail" in body
        assert 'name="email"' not in body
    assert mail.outbox == []


def test_finding_9_reset_page_is_off_in_persian_too(client, settings):
    settings.NPS_PASSWORD_RESET_ENABLED = False
    body = client.get(reverse("password_reset"), HTTP_ACCEPT_LANGUAGE="fa").content.decode()
    assert "این نصب نمی‌تواند ایمیل بفرستد" in body
    assert "cannot send e-mail" not in body


# --- 10. 30 failed logins from one address refused every login from it for an hour ------------


def test_finding_10_failures_across_usernames_never_refuse_another_accounts_right_password(
    settings, account
):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "login_failures": "30/hour"}
    office = "203.0.113.77"

    failures = [api_login(f"colleague{n}", "guess", office).status_code for n in range(31)]
    assert failures == [401] * 31  # the 31st is checked too: no address-wide refusal

    # Right after the 31st failure the address waits one second, then the right password works.
    waiting = api_login(account.username, PASSWORD, office)
    assert waiting.status_code == 429
    assert waiting["Retry-After"] == "1"
    time.sleep(1.1)
    assert api_login(account.username, PASSWORD, office).status_code == 200


def test_finding_10_each_failure_past_the_allowance_makes_the_address_wait_longer(
    settings, clock, account
):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "login_failures": "3/hour"}
    settings.NPS_LOGIN_DELAY_MAX_SECONDS = 4
    office = "203.0.113.78"
    for n in range(3):
        assert api_login(f"guess{n}", "x", office).status_code == 401

    waits = []
    for n in range(4):
        assert api_login(f"more{n}", "x", office).status_code == 401
        early = api_login(account.username, PASSWORD, office)  # not checked, not counted
        assert early.status_code == 429
        waits.append(int(early["Retry-After"]))
        clock.advance(waits[-1])

    assert waits == [1, 2, 4, 4]  # doubling, up to LOGIN_DELAY_MAX_SECONDS
    assert api_login(account.username, PASSWORD, office).status_code == 200


def test_finding_10_the_login_page_says_how_long_to_wait_then_logs_in(
    settings, clock, client, account
):
    settings.NPS_RATE_LIMITS = {**settings.NPS_RATE_LIMITS, "login_failures": "2/hour"}
    office = {"REMOTE_ADDR": "192.0.2.44"}
    for n in range(3):
        client.post("/login", {"username": f"guess{n}", "password": "x"}, **office)
    right = {"username": account.username, "password": PASSWORD}

    waiting = client.post("/login", right, **office)
    assert waiting.status_code == 429
    assert waiting["Retry-After"] == "1"
    assert "logins from it are slowed down. Try again in 1 second." in waiting.content.decode()
    assert "_auth_user_id" not in client.session

    clock.advance(1)
    assert client.post("/login", right, **office).status_code == 302
    assert client.session["_auth_user_id"] == str(account.pk)


def test_finding_10_one_username_from_one_address_is_still_locked_out(settings, account):
    office = "203.0.113.79"
    for _ in range(settings.AXES_FAILURE_LIMIT):
        api_login(account.username, "wrong", office)
    assert api_login(account.username, PASSWORD, office).status_code == 429
    assert api_login(account.username, PASSWORD, "203.0.113.80").status_code == 200


# --- 12. weak passwords and small leaks -------------------------------------------------------

SIGNUP = {"username": "newcomer", "email": "new@example.com"}


@pytest.mark.parametrize("weak", ["Summer2026", "dave1234", "Password2026!", "qwertyuiop12"])
def test_finding_12_guessable_passwords_are_refused_at_sign_up(client, weak):
    response = client.post(reverse("signup"), {**SIGNUP, "password": weak, "password_again": weak})
    assert response.status_code == 422
    assert 'id="id_password_error"' in response.content.decode()
    assert not User.objects.filter(username="newcomer").exists()


def test_finding_12_a_password_needs_ten_characters_however_random():
    with pytest.raises(ValidationError, match="at least 10 characters"):
        validate_password("Zq9#kLm2!")  # nine characters, hard to guess
    validate_password("Zq9#kLm2!x")


def test_finding_12_a_password_built_of_the_accounts_own_name_is_refused():
    person = User(username="ardeshir", email="ardeshir.k@example.com")
    from nps.accounts.passwords import GuessablePasswordValidator

    with pytest.raises(ValidationError, match="too easy to guess"):
        GuessablePasswordValidator().validate("ardeshir.k1987", user=person)


@pytest.mark.parametrize(
    "good", ["correct horse battery staple", "a long secret phrase", "a brand new phrase"]
)
def test_finding_12_passphrases_the_tests_use_are_accepted(good):
    validate_password(good, user=User(username="newcomer", email="new@example.com"))


def test_finding_12_the_guessable_password_message_is_persian_in_persian():
    with translation.override("fa"), pytest.raises(ValidationError) as refused:
        validate_password("Summer2026")
    assert any("حدس زده" in message for message in refused.value.messages)


def test_finding_12_the_api_password_change_refuses_guessable_passwords(client, account):
    client.force_login(account)
    response = client.post(
        reverse("api-change-password"),
        {"current_password": PASSWORD, "new_password": "Summer2026"},
        content_type="application/json",
    )
    assert response.status_code == 422
    account.refresh_from_db()
    assert account.check_password(PASSWORD)


def test_finding_12_a_disabled_accounts_right_password_answers_as_a_wrong_one(account):
    wrong = api_login(account.username, "not the password", "198.51.100.20")
    account.is_active = False
    account.save()
    disabled = api_login(account.username, PASSWORD, "198.51.100.21")

    assert disabled.status_code == wrong.status_code == 401
    assert disabled.json() == wrong.json() == {"detail": "Invalid username or password"}
    assert disabled.headers.get("WWW-Authenticate") == wrong.headers.get("WWW-Authenticate")


def test_finding_12_the_login_page_answers_a_disabled_account_as_a_wrong_password(client, account):
    wrong = client.post("/login", {"username": account.username, "password": "not it"})
    account.is_active = False
    account.save()
    disabled = client.post("/login", {"username": account.username, "password": PASSWORD})

    assert disabled.status_code == wrong.status_code == 200
    assert "Please enter a correct username and password" in disabled.content.decode()
    assert "disabled" not in disabled.content.decode().lower()
    assert "_auth_user_id" not in client.session


def test_finding_12_a_taken_email_is_refused_beside_the_field_whatever_its_case(client):
    UserFactory(username="first-owner", email="reader@example.com")
    strong = "violet harbour lantern"
    response = client.post(
        reverse("signup"),
        {
            "username": "second",
            "email": "Reader@EXAMPLE.com",
            "password": strong,
            "password_again": strong,
        },
    )
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="id_email_error"' in body
    assert "cannot be used for a new account" in body
    assert "first-owner" not in body  # whose address it is stays unsaid
    assert not User.objects.filter(username="second").exists()


def test_finding_12_performance_numbers_follow_the_metrics_rule(client, settings):
    settings.NPS_METRICS_TOKEN = "a-metrics-token-for-the-test-0123456789"
    url = "/api/health/performance"
    outsider = {"REMOTE_ADDR": "203.0.113.9"}

    assert client.get(url, **outsider).status_code == 404
    assert client.get(url, HTTP_AUTHORIZATION="Bearer wrong", **outsider).status_code == 403
    with_token = client.get(
        url, HTTP_AUTHORIZATION=f"Bearer {settings.NPS_METRICS_TOKEN}", **outsider
    )
    assert with_token.status_code == 200 and "worker_pid" in with_token.json()
    assert client.get(url).status_code == 200  # loopback, as /metrics


def test_finding_12_production_allows_no_cors_origin_by_default():
    code = "from django.conf import settings; print(settings.CORS_ALLOWED_ORIGINS)"
    production = run_django(code, DEBUG="0", EMAIL_HOST="smtp.example.com")
    development = run_django(code, DEBUG="1")
    configured = run_django(code, DEBUG="0", CORS_ORIGINS="https://app.example.com")

    assert production.stdout.strip() == "[]", production.stderr
    assert development.stdout.strip() == "['http://localhost:5173', 'http://localhost:3000']"
    assert configured.stdout.strip() == "['https://app.example.com']"

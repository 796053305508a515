import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db


def test_login_page_renders_the_form(client):
    response = client.get("/login")
    assert response.status_code == 200
    assert 'name="username"' in response.content.decode()


def test_correct_password_logs_in_and_goes_home(client, user, password):
    response = client.post("/login", {"username": user.username, "password": password})
    assert response.status_code == 302
    assert response["Location"] == "/"
    assert "Welcome back" in client.get("/").content.decode()


def test_wrong_password_shows_an_error(client, user):
    response = client.post("/login", {"username": user.username, "password": "nope"})
    assert response.status_code == 200
    assert "Please enter a correct username and password" in response.content.decode()


def test_inactive_account_cannot_log_in(client, user, password):
    user.is_active = False
    user.save()
    response = client.post("/login", {"username": user.username, "password": password})
    assert response.status_code == 200
    assert "_auth_user_id" not in client.session


def test_repeated_failures_lock_the_account_even_for_the_right_password(client, user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login", {"username": user.username, "password": "wrong"})
    response = client.post("/login", {"username": user.username, "password": password})
    assert response.status_code == 429
    assert response["Retry-After"] == str(int(settings.AXES_COOLOFF_TIME.total_seconds()))
    assert "locked" in response.content.decode()
    assert "_auth_user_id" not in client.session


def test_lockout_is_per_account(client, user, password):
    for _ in range(settings.AXES_FAILURE_LIMIT):
        client.post("/login", {"username": "someone-else", "password": "wrong"})
    response = client.post("/login", {"username": user.username, "password": password})
    assert response.status_code == 302


def test_logout_needs_post_and_ends_the_session(client, user):
    client.force_login(user)
    assert client.get("/logout").status_code == 405
    response = client.post("/logout")
    assert response.status_code == 302
    assert "_auth_user_id" not in client.session

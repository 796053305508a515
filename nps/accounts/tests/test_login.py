import re

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
    assert f", {user.username}</h1>" in client.get("/").content.decode()  # the dashboard


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


def test_login_fields_render_through_the_field_template(client):
    content = client.get("/login").content.decode()
    assert '<label for="id_username">Username</label>' in content
    assert 'autocomplete="current-password"' in content


def test_refused_login_marks_both_fields_and_links_them_to_the_message(client, user):
    response = client.post("/login", {"username": user.username, "password": "nope"})
    content = response.content.decode()
    assert 'id="login-error"' in content
    inputs = re.findall(r'<input type="(?:text|password)"[^>]*>', content)
    assert len(inputs) == 2
    assert all(
        'aria-invalid="true"' in tag and 'aria-describedby="login-error"' in tag for tag in inputs
    )


def test_missing_username_is_an_error_on_that_field(client):
    content = client.post("/login", {"username": "", "password": "x"}).content.decode()
    assert '<ul class="field-errors" role="alert" id="id_username_error">' in content
    assert 'aria-describedby="id_username_error"' in content

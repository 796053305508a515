"""The profiles page: the list (full page and htmx fragment), the form, delete and undo."""

import datetime

import pytest
from django.urls import reverse

from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.models import Profile
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
LIST_URL = reverse("oracle:profiles")
CREATE_URL = reverse("oracle:profile-create")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def valid_post(**changes) -> dict:
    data = {
        "name": "Sara Ahmadi",
        "name_persian": "سارا احمدی",
        "birthday": "1991-06-15",
        "mother_name": "Maryam",
        "mother_name_persian": "مریم",
        "gender": "female",
        "country": "Iran",
        "city": "Tehran",
        "latitude": "35.6944",
        "longitude": "51.4215",
        "timezone": "Asia/Tehran",
        "numerology_system": "auto",
    }
    data.update(changes)
    return data


def test_profiles_page_lists_the_accounts_profiles_by_name(client, owner):
    for name in ("Zahra", "ali", "Bahram"):
        ProfileFactory(owner=owner, name=name)
    ProfileFactory(name="Someone Else")  # another account's

    response = client.get(LIST_URL)

    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html and 'id="profile-dialog"' in html
    positions = [html.index(f">{name}</h2>") for name in ("ali", "Bahram", "Zahra")]
    assert positions == sorted(positions)
    assert "Someone Else" not in html
    assert "3 profiles" in html


def test_profiles_htmx_request_returns_only_the_list(client, owner):
    ProfileFactory(owner=owner, name="Kaveh")

    response = client.get(LIST_URL, **HTMX)

    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert html.lstrip().startswith('<section id="profile-list"')
    assert "Kaveh" in html
    assert "HX-Request" in response["Vary"]


def test_search_matches_the_name_or_the_persian_name(client, owner):
    ProfileFactory(owner=owner, name="Sara", name_persian="سارا")
    ProfileFactory(owner=owner, name="Dariush", name_persian="داریوش")

    by_persian = client.get(LIST_URL, {"q": "دار"}, **HTMX).content.decode()
    by_latin = client.get(LIST_URL, {"q": "sar"}).content.decode()

    assert "Dariush" in by_persian and "Sara<" not in by_persian
    assert "Sara<" in by_latin and "Dariush" not in by_latin
    assert "1 profile matches" in by_latin


def test_paging_shows_twenty_by_name_then_the_rest(client, owner):
    names = [f"Person {index:02d}" for index in range(23)]
    for name in reversed(names):
        ProfileFactory(owner=owner, name=name)

    first = client.get(LIST_URL).content.decode()
    second = client.get(LIST_URL, {"page": 2}, **HTMX).content.decode()

    assert "Person 19<" in first and "Person 20<" not in first
    assert "Person 20<" in second and "Person 22<" in second and "Person 00<" not in second
    assert "Page 1 of 2" in first and "?page=2" in first
    assert "Page 2 of 2" in second


def test_create_without_javascript_saves_and_redirects_to_the_list(client, owner):
    response = client.post(CREATE_URL, valid_post())

    assert response.status_code == 302 and response["Location"] == LIST_URL
    profile = Profile.objects.get(owner=owner)
    assert profile.name == "Sara Ahmadi"
    assert profile.coordinates == (51.4215, 35.6944)
    assert profile.timezone == "Asia/Tehran"
    assert "Profile “Sara Ahmadi” created." in client.get(LIST_URL).content.decode()


def test_create_without_coordinates_takes_them_from_the_city(client, owner):
    client.post(CREATE_URL, valid_post(latitude="", longitude="", timezone="UTC"))

    profile = Profile.objects.get(owner=owner)
    longitude, latitude = profile.coordinates
    assert round(latitude) == 36 and round(longitude) == 51
    assert profile.timezone == "Asia/Tehran"


def test_create_under_htmx_redirects_the_browser(client, owner):
    response = client.post(CREATE_URL, valid_post(), **HTMX)

    assert response.status_code == 200
    assert response["HX-Redirect"] == LIST_URL


def test_invalid_profile_form_is_rerendered_with_errors_beside_fields(client, owner):
    response = client.post(
        CREATE_URL,
        valid_post(name="X", latitude="91", longitude="200", timezone="Mars/Base"),
        **HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert html.lstrip().startswith('<div class="profile-form" id="profile-form"')
    assert 'id="id_name_error"' in html and 'aria-describedby="id_name_error"' in html
    assert 'id="id_latitude_error"' in html and 'id="id_longitude_error"' in html
    assert "less than or equal to 90" in html and "less than or equal to 180" in html
    assert 'id="id_timezone_error"' in html
    assert 'value="Maryam"' in html and 'value="سارا احمدی"' in html
    assert not Profile.objects.exists()


def test_future_birthday_is_refused_beside_the_birthday(client, owner):
    tomorrow = (datetime.date.today() + datetime.timedelta(days=2)).isoformat()
    response = client.post(CREATE_URL, valid_post(birthday=tomorrow))

    assert response.status_code == 422
    assert "The birthday cannot be in the future." in response.content.decode()


def test_duplicate_name_and_birthday_gets_a_message_not_a_500(client, owner):
    ProfileFactory(owner=owner, name="Sara Ahmadi", birthday=datetime.date(1991, 6, 15))

    response = client.post(CREATE_URL, valid_post(), **HTMX)

    assert response.status_code == 422
    assert "A profile with this name and birthday already exists" in response.content.decode()
    assert Profile.objects.filter(owner=owner).count() == 1


def test_edit_form_without_javascript_shows_the_stored_values_and_saves(client, owner):
    profile = ProfileFactory(owner=owner, name="Old Name", mother_name="Shirin")
    url = reverse("oracle:profile-edit", args=[profile.pk])

    page = client.get(url).content.decode()
    response = client.post(url, valid_post(name="New Name", mother_name="Shirin"))

    assert "<html" in page and 'value="Old Name"' in page and 'value="Shirin"' in page
    assert response.status_code == 302
    profile.refresh_from_db()
    assert profile.name == "New Name" and profile.city == "Tehran"


def test_edit_htmx_request_returns_only_the_form(client, owner):
    profile = ProfileFactory(owner=owner, name="Nima")

    response = client.get(reverse("oracle:profile-edit", args=[profile.pk]), **HTMX)

    html = response.content.decode()
    assert "<html" not in html and "Edit profile" in html and 'value="Nima"' in html


@pytest.mark.parametrize("method", ["get", "post"])
def test_another_accounts_profile_is_not_found(client, owner, method):
    other = ProfileFactory(owner=UserFactory(), name="Private Person")
    edit = reverse("oracle:profile-edit", args=[other.pk])

    response = getattr(client, method)(edit, valid_post() if method == "post" else None)
    delete = client.post(reverse("oracle:profile-delete", args=[other.pk]))

    assert response.status_code == 404 and delete.status_code == 404
    other.refresh_from_db()
    assert other.name == "Private Person" and other.deleted_at is None


def test_delete_then_undo_restores_the_profile(client, owner):
    profile = ProfileFactory(owner=owner, name="Roya")

    deleted = client.post(reverse("oracle:profile-delete", args=[profile.pk]), **HTMX)

    html = deleted.content.decode()
    assert "Profile “Roya” deleted." in html and ">Roya</h2>" not in html
    assert not Profile.objects.filter(pk=profile.pk).exists()
    restore_url = reverse("oracle:profile-restore", args=[profile.pk])
    assert f'action="{restore_url}' in html

    assert "data-autofocus>Undo</button>" in html  # focused by script once htmx has bound the form
    assert " autofocus>" not in html

    restored = client.post(restore_url, **HTMX)

    html = restored.content.decode()
    assert ">Roya</h2>" in html
    assert "Profile “Roya” restored." in html
    assert "data-dialog-opener data-autofocus>Edit" in html
    assert Profile.objects.filter(pk=profile.pk).exists()


def test_undo_without_javascript_puts_focus_on_the_restored_profile(client, owner):
    profile = ProfileFactory(owner=owner, name="Roya")
    ProfileFactory(owner=owner, name="Sara")
    client.post(reverse("oracle:profile-delete", args=[profile.pk]))
    assert 'class="button" autofocus>Undo' in client.get(LIST_URL).content.decode()

    response = client.post(reverse("oracle:profile-restore", args=[profile.pk]))

    assert response.status_code == 302
    page = client.get(response.url).content.decode()
    edit_url = reverse("oracle:profile-edit", args=[profile.pk])
    assert page.count(" autofocus>") == 1
    edit_link = f'hx-get="{edit_url}" hx-target="#profile-dialog-body" data-dialog-opener autofocus'
    assert edit_link in page
    assert " autofocus>" not in client.get(LIST_URL).content.decode()  # only right after the undo


def test_delete_without_javascript_redirects_to_the_list_with_an_undo(client, owner):
    profile = ProfileFactory(owner=owner, name="Roya")

    response = client.post(reverse("oracle:profile-delete", args=[profile.pk]))

    assert response.status_code == 302
    page = client.get(LIST_URL).content.decode()
    assert "Profile “Roya” deleted." in page and "Undo" in page
    assert "deleted." not in client.get(LIST_URL).content.decode()  # shown once


def test_undo_refused_while_a_live_twin_exists_gets_a_message(client, owner):
    first = ProfileFactory(owner=owner, name="Twin", birthday=datetime.date(2000, 1, 1))
    first.delete()
    ProfileFactory(owner=owner, name="Twin", birthday=datetime.date(2000, 1, 1))

    response = client.post(reverse("oracle:profile-restore", args=[first.pk]), follow=True)

    assert response.status_code == 200
    assert "another profile has the same name and birthday" in response.content.decode()
    assert Profile.all_objects.get(pk=first.pk).deleted_at is not None


def test_read_only_account_sees_the_list_but_cannot_change_it(client):
    reader = UserFactory(role=Role.READONLY)
    ProfileFactory(owner=reader, name="Visible")
    client.force_login(reader)

    page = client.get(LIST_URL).content.decode()

    assert "Visible" in page and "New profile" not in page
    assert client.post(CREATE_URL, valid_post()).status_code == 403


def test_city_search_offers_the_countrys_cities_with_their_place(client, owner):
    response = client.get(reverse("oracle:profile-cities"), {"country": "Iran", "city": "shir"})

    html = response.content.decode()
    assert "Shiraz" in html and "Tehran — Iran (UTC+03:30)" in html
    assert "/profiles/place?city=Shiraz" in html


def test_choosing_a_city_fills_coordinates_and_time_zone(client, owner):
    query = {
        "city": "Shiraz",
        "latitude": "29.6036",
        "longitude": "52.5388",
        "timezone": "Asia/Tehran",
    }

    html = client.get(reverse("oracle:profile-place"), query).content.decode()

    assert 'value="29.6036"' in html and 'value="52.5388"' in html
    assert 'value="Asia/Tehran"' in html and 'value="Shiraz"' in html


@pytest.mark.parametrize(
    ("name", "expected"),
    [("Sara", "Pythagorean"), ("سارا", "Abjad")],
)
def test_automatic_system_follows_the_names_script(client, owner, name, expected):
    html = client.get(reverse("oracle:profile-system"), {"name": name}).content.decode()

    assert f"this name is counted in {expected}" in html


def test_profiles_page_needs_a_login(client):
    response = client.get(LIST_URL)

    assert response.status_code == 302 and "/login" in response["Location"]


def test_a_page_past_the_end_shows_the_last_page(client, owner):
    for index in range(21):
        ProfileFactory(owner=owner, name=f"Person {index:02d}")

    html = client.get(LIST_URL, {"page": 9}).content.decode()

    assert "Page 2 of 2" in html and "Person 20<" in html


@pytest.mark.parametrize("field", ["name_persian", "mother_name_persian"])
@pytest.mark.parametrize("sent", ["<script>alert(1)</script>", "Sara", "سارا 12"])
def test_persian_name_fields_refuse_what_is_not_persian_script(client, owner, field, sent):
    response = client.post(CREATE_URL, valid_post(**{field: sent}), **HTMX)

    html = response.content.decode()
    assert response.status_code == 422
    assert f'id="id_{field}_error"' in html
    assert "Write this name in Persian letters only" in html
    assert not Profile.objects.exists()


def test_persian_name_fields_take_persian_letters_with_half_space_and_hyphen(client, owner):
    response = client.post(
        CREATE_URL,
        valid_post(name_persian="علی‌رضا احمدی-راد", mother_name_persian="مریمِ"),
        **HTMX,
    )

    assert response.status_code in (200, 204, 302)
    assert Profile.objects.get().name_persian == "علی‌رضا احمدی-راد"


def test_persian_name_message_is_persian_on_the_persian_page(client, owner):
    response = client.post(
        CREATE_URL,
        valid_post(name_persian="<b>x</b>"),
        HTTP_ACCEPT_LANGUAGE="fa",
        **HTMX,
    )

    html = response.content.decode()
    assert response.status_code == 422
    assert "Write this name in Persian letters only" not in html
    assert "فقط با حروف فارسی" in html


def test_a_history_restore_gets_the_whole_page_not_the_list(client, owner):
    ProfileFactory(owner=owner, name="Sara")
    restore = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    html = client.get(LIST_URL, {"q": "sa"}, **restore).content.decode()
    assert "<html" in html and "Sara<" in html


def test_the_form_is_titled_as_a_page_alone_and_as_a_section_in_the_dialog(client, owner):
    alone = client.get(CREATE_URL).content.decode()
    dialog = client.get(CREATE_URL, **HTMX).content.decode()
    assert '<h1 class="profile-form-title"' in alone and "<html" in alone
    assert '<h2 class="profile-form-title"' in dialog and "<html" not in dialog

"""The consultation page (/oracle): the full page and the htmx fragment, stored readings."""

import datetime
import uuid

import pytest
from django.urls import reverse

from nps.accounts.models import Preferences
from nps.accounts.tests.factories import UserFactory
from oracle.models import Reading, ReadingParticipant
from oracle.services import sealing
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("oracle:consult")
HTMX = {"HTTP_HX_REQUEST": "true"}


@pytest.fixture
def client_in(client, user):
    client.force_login(user)
    return client


def token() -> str:
    return uuid.uuid4().hex


@pytest.mark.parametrize("reading_type", ["time", "name", "question", "daily", "multi"])
def test_full_page_renders_the_form_of_each_reading_type(client_in, reading_type):
    response = client_in.get(URL, {"type": reading_type})
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert f'value="{reading_type}"' in html
    assert 'aria-current="page"' in html


def test_htmx_request_returns_only_the_work_fragment(client_in):
    response = client_in.get(URL, {"type": "question"}, **HTMX)
    html = response.content.decode()
    assert response.status_code == 200
    assert "<html" not in html
    assert 'id="consult-work"' in html
    assert 'name="question"' in html
    assert "HX-Request" in response["Vary"]


def test_unknown_reading_type_falls_back_to_the_time_reading(client_in):
    response = client_in.get(URL, {"type": "horoscope"})
    assert 'name="time"' in response.content.decode()


def test_anonymous_visitor_is_sent_to_the_login_page(client):
    response = client.get(URL)
    assert response.status_code == 302
    assert reverse("login") in response["Location"]


def test_time_reading_for_a_profile_is_stored_against_it(client_in, user):
    profile = ProfileFactory(owner=user, name="Alice Smith", timezone="Asia/Tehran")
    response = client_in.post(
        f"{URL}?type=time",
        {
            "type": "time",
            "token": token(),
            "profile": profile.pk,
            "date": "2026-03-20",
            "time": "09:30",
            "timezone": "",
        },
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "For Alice Smith" in html
    assert "Personal year" in html
    assert "pic-fc60" in html
    reading = Reading.objects.get()
    assert reading.profile == profile
    assert reading.owner == user
    assert reading.sign_type == "reading"
    assert reading.sign_value.startswith("2026-03-20T09:30:00+03:30")


def test_time_reading_defaults_to_now_in_the_profiles_zone(client_in, user):
    profile = ProfileFactory(owner=user, timezone="Asia/Tokyo")
    response = client_in.get(URL, {"type": "time", "profile": profile.pk})
    form = response.context["form"]
    assert form.initial["timezone"] == "Asia/Tokyo"
    tokyo_today = datetime.datetime.now(datetime.UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Asia/Tokyo")
    )
    assert form.initial["date"] == tokyo_today.date()


def test_use_current_time_reads_now_whatever_the_fields_say(client_in):
    response = client_in.post(
        URL, {"type": "time", "token": token(), "use_now": "on", "date": "", "time": ""}
    )
    assert response.status_code == 200
    reading = Reading.objects.get()
    stored = datetime.datetime.fromisoformat(reading.sign_value)
    assert abs(stored - datetime.datetime.now(datetime.UTC)) < datetime.timedelta(minutes=2)


def test_invalid_time_zone_is_rerendered_with_the_error_beside_the_field(client_in):
    response = client_in.post(
        URL,
        {
            "type": "time",
            "token": token(),
            "date": "2026-03-20",
            "time": "09:30",
            "timezone": "Mars/Olympus",
        },
        **HTMX,
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert 'id="id_timezone_error"' in html
    assert "Unknown time zone" in html
    assert 'aria-invalid="true"' in html
    assert Reading.objects.count() == 0


def test_empty_question_gets_a_clear_message(client_in):
    response = client_in.post(URL, {"type": "question", "token": token(), "question": " "})
    assert response.status_code == 422
    assert "Write your question first: it is empty." in response.content.decode()
    assert Reading.objects.count() == 0


def test_too_long_question_says_the_limit(client_in):
    response = client_in.post(
        URL, {"type": "question", "token": token(), "question": "x" * 2001}, **HTMX
    )
    assert response.status_code == 422
    assert "at most 2000 characters, and it has 2001" in response.content.decode()
    assert Reading.objects.count() == 0


def test_question_reading_shows_the_answer(client_in):
    response = client_in.post(
        URL, {"type": "question", "token": token(), "question": "Will it rain?"}, **HTMX
    )
    assert response.status_code == 200
    reading = Reading.objects.get()
    assert reading.sign_type == "question"
    assert f"answer-{reading.sign_value}" in response.content.decode()


def test_name_reading_in_persian_script_is_read_with_abjad(client_in):
    response = client_in.post(
        URL,
        {"type": "name", "token": token(), "name": "علی", "numerology_system": "auto"},
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Abjad value" in html
    assert "110" in html  # ع 70 + ل 30 + ی 10
    assert Reading.objects.get().numerology_system == "abjad"


def test_name_form_offers_the_profiles_names(client_in, user):
    profile = ProfileFactory(owner=user, name="Ali Rezaei", name_persian="علی رضایی")
    response = client_in.get(URL, {"type": "name", "profile": profile.pk})
    html = response.content.decode()
    assert '<option value="Ali Rezaei">' in html
    assert '<option value="علی رضایی">' in html


def test_daily_reading_is_stored_once_a_day_and_asking_again_shows_it(client_in):
    response = client_in.post(
        URL, {"type": "daily", "token": token(), "date": "2026-03-20"}, **HTMX
    )
    assert response.status_code == 200
    assert "Lucky numbers" in response.content.decode()
    reading = Reading.objects.get()
    assert (reading.sign_type, reading.sign_value) == ("daily", "2026-03-20")
    assert f"Saved as reading {reading.pk}" in response.content.decode()
    again = client_in.post(URL, {"type": "daily", "token": token(), "date": "2026-03-20"}, **HTMX)
    assert f"Saved as reading {reading.pk}" in again.content.decode()
    assert Reading.objects.count() == 1
    # the history finds it under "Daily", and its page shows it
    listed = client_in.get(reverse("oracle:history"), {"type": "daily"}).content.decode()
    assert reverse("oracle:reading", args=[reading.pk]) in listed
    assert "The day of 2026-03-20" in listed
    page = client_in.get(reverse("oracle:reading", args=[reading.pk])).content.decode()
    assert "Lucky numbers" in page
    assert '<p class="daily-date">2026-03-20</p>' in page


def test_daily_reading_shows_the_timing_advisors_best_hours(client_in):
    from oracle.engines.timing import get_best_hours

    response = client_in.post(
        URL, {"type": "daily", "token": token(), "date": "2026-02-06"}, **HTMX
    )
    html = response.content.decode()
    assert "Best hours" in html
    # The advisor's best hours of the day are 00:00, 01:00, 08:00, …: the night is not offered.
    best = [f"{hour['hour']:02d}:00" for hour in get_best_hours(datetime.date(2026, 2, 6))[:4]]
    assert best == ["00:00", "01:00", "08:00", "09:00"]
    assert '<span class="lucky best-hour">00:00</span>' not in html
    for label in best[2:]:
        assert f'<span class="lucky best-hour">{label}</span>' in html


def test_time_reading_shows_the_best_hours_of_its_day(client_in):
    response = client_in.post(
        URL,
        {
            "type": "time",
            "token": token(),
            "date": "2026-02-06",
            "time": "09:30",
            "timezone": "UTC",
        },
        **HTMX,
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "Best hours" in html
    assert '<span class="lucky best-hour">08:00</span>' in html  # V4's first power hour after 01


def group_post(client, members, **extra):
    return client.post(URL, {"type": "multi", "token": token(), "members": members}, **extra)


def test_group_reading_of_three_stores_one_reading_with_its_participants(client_in, user):
    people = ProfileFactory.create_batch(3, owner=user)
    response = group_post(client_in, [p.pk for p in people], **HTMX)
    assert response.status_code == 200
    assert "pic-heatmap" in response.content.decode() or "heat" in response.content.decode()
    reading = Reading.objects.get()
    assert reading.is_multi_user
    assert reading.primary_profile == people[0]
    assert ReadingParticipant.objects.filter(reading=reading).count() == 3


def test_group_reading_shows_the_best_hours_for_everyone_in_their_own_time(client_in, user):
    tehran = ProfileFactory(owner=user, name="Sara Tehrani", timezone="Asia/Tehran")
    london = ProfileFactory(owner=user, name="Liam London", timezone="Europe/London")
    response = group_post(client_in, [tehran.pk, london.pk], **HTMX)
    html = response.content.decode()
    assert "Best hours for the group today" in html
    hours = sealing.reading_response(Reading.objects.get())["best_hours"]
    assert hours["zone"] == "Asia/Tehran"
    assert hours["everyone_awake"] is True and len(hours["hours"]) == 3
    for entry in hours["hours"]:
        tehran_time, london_time = entry["local_times"]
        # London is 3 h 30 (winter) or 2 h 30 (summer) behind Tehran: the minutes differ by 30.
        assert tehran_time.endswith(":00") and london_time.endswith(":30")
        cells = f'<td class="hour-cell">{tehran_time}</td><td class="hour-cell">{london_time}</td>'
        assert cells in html
    assert html.index("<bdi>Sara Tehrani</bdi></th>") < html.index("<bdi>Liam London</bdi></th>")


def test_group_of_one_is_refused(client_in, user):
    response = group_post(client_in, [ProfileFactory(owner=user).pk])
    assert response.status_code == 422
    assert "Choose at least 2 profiles" in response.content.decode()
    assert Reading.objects.count() == 0


def test_group_of_eleven_is_refused(client_in, user):
    people = ProfileFactory.create_batch(11, owner=user)
    response = group_post(client_in, [p.pk for p in people])
    assert response.status_code == 422
    assert "at most 10 people; you chose 11" in response.content.decode()
    assert Reading.objects.count() == 0


def test_double_submit_stores_one_reading(client_in):
    data = {"type": "question", "token": token(), "question": "Shall I go?"}
    first = client_in.post(URL, data, **HTMX)
    second = client_in.post(URL, data, **HTMX)
    assert first.status_code == second.status_code == 200
    assert Reading.objects.count() == 1
    reading_id = Reading.objects.get().pk
    assert first.context["result"]["reading_id"] == second.context["result"]["reading_id"]
    assert second.context["result"]["reading_id"] == reading_id


def test_without_redis_a_reading_is_still_made_and_stored_once(client_in, settings):
    """The one-time tokens live in the cache; with Redis unreachable they are kept per process
    instead (as rate limits are), never a 500."""
    settings.CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": "redis://127.0.0.1:1/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.2, "SOCKET_TIMEOUT": 0.2},
        }
    }
    data = {"type": "question", "token": token(), "question": "Shall I go?"}
    first = client_in.post(URL, data, **HTMX)
    second = client_in.post(URL, data, **HTMX)
    assert first.status_code == second.status_code == 200
    assert Reading.objects.count() == 1


def test_after_a_reading_the_form_has_a_new_token(client_in):
    sent = token()
    response = client_in.post(URL, {"type": "question", "token": sent, "question": "Now?"})
    assert response.context["form"].initial["token"] != sent


def test_failed_reading_frees_its_token_for_a_retry(client_in, user):
    profile = ProfileFactory(owner=user, name="1234", name_persian=None)
    data = {"type": "time", "token": token(), "profile": profile.pk, "use_now": "on"}
    refused = client_in.post(URL, data)
    assert refused.status_code == 422
    assert "no name its numerology system" in refused.content.decode()
    profile.name = "Alice"
    profile.save()
    assert client_in.post(URL, data).status_code == 200
    assert Reading.objects.count() == 1


def test_another_accounts_profile_is_refused_and_nothing_stored(client_in):
    stranger = ProfileFactory(owner=UserFactory())
    response = client_in.post(
        URL, {"type": "time", "token": token(), "profile": stranger.pk, "use_now": "on"}
    )
    assert response.status_code == 422
    assert 'id="id_profile_error"' in response.content.decode()
    assert Reading.objects.count() == 0


def test_another_accounts_profile_in_a_group_is_refused(client_in, user):
    mine = ProfileFactory(owner=user)
    stranger = ProfileFactory(owner=UserFactory())
    response = group_post(client_in, [mine.pk, stranger.pk])
    assert response.status_code == 422
    assert Reading.objects.count() == 0


def test_plain_post_without_htmx_renders_the_whole_result_page(client_in):
    response = client_in.post(
        URL, {"type": "time", "token": token(), "date": "2026-03-20", "time": "09:30"}
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" in html
    assert 'id="panel-summary"' in html and 'id="panel-details"' in html
    assert "Your reading is ready." in html
    assert Reading.objects.count() == 1


def test_readonly_account_cannot_store_a_reading(client):
    client.force_login(UserFactory(role="readonly"))
    response = client.post(URL, {"type": "question", "token": token(), "question": "May I?"})
    assert response.status_code == 403
    assert Reading.objects.count() == 0


def test_persian_page_shows_persian_digits_in_the_result(client_in):
    client_in.cookies["nps_language"] = "fa"
    response = client_in.post(
        URL, {"type": "name", "token": token(), "name": "علی", "numerology_system": "auto"}
    )
    assert "۱۱۰" in response.content.decode()


def test_choosing_a_profile_reloads_the_form_with_its_zone_and_keeps_the_question(client_in, user):
    profile = ProfileFactory(owner=user, timezone="Asia/Tokyo")
    response = client_in.post(
        f"{URL}?type=question",
        {"type": "question", "refresh": "1", "profile": profile.pk, "question": "Stay?"},
    )
    assert response.status_code == 200
    form = response.context["form"]
    assert not form.is_bound
    assert form.initial["question"] == "Stay?"
    assert response.context["subject"] == profile
    assert Reading.objects.count() == 0


def test_time_form_reloaded_for_a_profile_takes_its_zone(client_in, user):
    profile = ProfileFactory(owner=user, timezone="Asia/Tokyo")
    response = client_in.post(
        URL, {"type": "time", "refresh": "1", "profile": profile.pk, "timezone": "UTC"}, **HTMX
    )
    assert 'value="Asia/Tokyo"' in response.content.decode()


def test_daily_reading_for_a_profile_names_its_personal_numbers(client_in, user):
    profile = ProfileFactory(owner=user)
    response = client_in.post(
        URL, {"type": "daily", "token": token(), "date": "2026-03-20", "profile": profile.pk}
    )
    html = response.content.decode()
    assert "Personal month" in html
    assert "personal_month" not in html


def test_question_category_is_stored_with_the_reading_and_shown(client_in):
    response = client_in.post(
        URL,
        {"type": "question", "token": token(), "question": "New job?", "category": "career"},
    )
    assert response.status_code == 200
    assert "Work and career" in response.content.decode()
    assert Reading.objects.get().reading_result["category"] == "career"


def test_unknown_question_category_is_refused_beside_the_field(client_in):
    response = client_in.post(
        URL, {"type": "question", "token": token(), "question": "Go?", "category": "lottery"}
    )
    assert response.status_code == 422
    assert 'id="id_category_error"' in response.content.decode()
    assert Reading.objects.count() == 0


# --------------------------------------------------------------------------------------------
# The settings page's defaults


def test_oracle_opens_on_the_accounts_default_type_profile_and_system(client_in, user):
    hamzeh = ProfileFactory(owner=user, name="Hamzeh Karimi")
    ProfileFactory(owner=user, name="Ali Rezaei")
    Preferences.objects.create(
        account=user,
        default_reading_type="name",
        default_profile=hamzeh,
        numerology_system="chaldean",
    )
    response = client_in.get(URL)
    assert response.context["reading_type"] == "name"
    form = response.context["form"]
    assert form["profile"].value() == hamzeh.pk
    assert form["numerology_system"].value() == "chaldean"
    html = response.content.decode()
    assert f'<option value="{hamzeh.pk}" selected>Hamzeh Karimi</option>' in html
    assert '<option value="chaldean" selected>' in html


def test_the_address_wins_over_the_accounts_defaults(client_in, user):
    hamzeh = ProfileFactory(owner=user, name="Hamzeh Karimi")
    Preferences.objects.create(account=user, default_reading_type="name", default_profile=hamzeh)
    response = client_in.get(URL, {"type": "question", "profile": ""})
    assert response.context["reading_type"] == "question"
    assert response.context["form"]["profile"].value() in ("", None)
    assert response.context["subject"] is None


def test_a_deleted_default_profile_is_not_chosen(client_in, user):
    from oracle.models import Profile

    gone = ProfileFactory(owner=user, name="Gone Person")
    Preferences.objects.create(account=user, default_profile=gone)
    Profile.objects.filter(pk=gone.pk).update(deleted_at=datetime.datetime.now(datetime.UTC))
    response = client_in.get(URL, {"type": "time"})
    assert response.context["subject"] is None


def test_a_profiles_own_system_is_offered_before_the_accounts_default(client_in, user):
    sara = ProfileFactory(owner=user, name="Sara", numerology_system="pythagorean")
    Preferences.objects.create(account=user, numerology_system="chaldean")
    chosen = client_in.get(URL, {"type": "name", "profile": sara.pk}).context["form"]
    assert chosen["numerology_system"].value() == "pythagorean"
    reloaded = client_in.post(
        f"{URL}?type=name",
        {"type": "name", "refresh": "1", "profile": "", "numerology_system": "pythagorean"},
    ).context["form"]
    assert reloaded["numerology_system"].value() == "chaldean"


def test_automatic_chosen_on_the_form_is_used_despite_the_accounts_default(client_in, user):
    Preferences.objects.create(account=user, numerology_system="chaldean")
    response = client_in.post(
        URL, {"type": "name", "token": token(), "name": "Sara", "numerology_system": "auto"}
    )
    assert response.status_code == 200
    assert Reading.objects.get().numerology_system == "pythagorean"


def test_profile_pickers_list_profiles_alphabetically(client_in, user):
    for name in ("Zahra", "ali", "Maryam"):  # created in this order: newest is Maryam
        ProfileFactory(owner=user, name=name)
    for reading_type, pattern in (("time", '">{}</option>'), ("multi", " {}</label>")):
        html = client_in.get(URL, {"type": reading_type}).content.decode()
        positions = [html.index(pattern.format(name)) for name in ("ali", "Maryam", "Zahra")]
        assert positions == sorted(positions), reading_type


def test_without_a_profile_the_time_and_daily_forms_open_in_the_accounts_time_zone(client_in, user):
    Preferences.objects.create(account=user, timezone="Pacific/Kiritimati")  # UTC+14
    kiritimati = datetime.datetime.now(datetime.UTC).astimezone(
        __import__("zoneinfo").ZoneInfo("Pacific/Kiritimati")
    )
    form = client_in.get(URL, {"type": "time"}).context["form"]
    assert form.initial["timezone"] == "Pacific/Kiritimati"
    assert form.initial["date"] == kiritimati.date()
    assert form.initial["time"].hour == kiritimati.hour
    daily = client_in.get(URL, {"type": "daily"}).context["form"]
    assert daily.initial["date"] == kiritimati.date()
    # A profile's own zone still comes first.
    tokyo = ProfileFactory(owner=user, timezone="Asia/Tokyo")
    chosen = client_in.get(URL, {"type": "time", "profile": tokyo.pk}).context["form"]
    assert chosen.initial["timezone"] == "Asia/Tokyo"


def test_a_time_reading_made_from_the_opened_form_is_read_in_the_accounts_zone(client_in, user):
    Preferences.objects.create(account=user, timezone="Asia/Tehran")
    form = client_in.get(URL, {"type": "time"}).context["form"]
    response = client_in.post(
        URL,
        {
            "type": "time",
            "token": token(),
            "date": "2024-03-20",
            "time": "12:00",
            "timezone": form.initial["timezone"],
        },
    )
    assert response.status_code == 200
    reading = Reading.objects.get()
    assert reading.sign_value.startswith("2024-03-20T12:00:00+03:30")

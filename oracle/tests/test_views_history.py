"""The history page (full page and htmx fragments), a reading's page, favourite, delete, undo."""

import pytest
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from oracle.models import Reading
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}
HISTORY = reverse("oracle:history")


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def ask(account, question: str, **fields) -> int:
    principal = principal_for_account(account, auth_type="session")
    result = readings.create_question_reading(
        principal=principal, question=question, use_ai=False, **fields
    )
    return result["reading_id"]


def name_reading(account, name: str) -> int:
    principal = principal_for_account(account, auth_type="session")
    return readings.create_name_reading(principal=principal, name=name, use_ai=False)["reading_id"]


def test_history_page_lists_the_accounts_readings_with_totals(client, owner):
    ask(owner, "Will Zanzibar welcome me?")
    name_reading(owner, "Sara")
    ask(UserFactory(), "Someone else's question about Lisbon")
    page = client.get(HISTORY).content.decode()
    assert "Will Zanzibar welcome me?" in page
    assert "Sara" in page
    assert "Lisbon" not in page
    assert "2 readings · 0 favourites" in page


def test_history_search_finds_a_question_by_a_word_of_it(client, owner):
    wanted = ask(owner, "Will Zanzibar welcome me?")
    ask(owner, "Should I stay home?")
    page = client.get(HISTORY, {"q": "zanzi"}).content.decode()
    assert reverse("oracle:reading", args=[wanted]) in page
    assert "stay home" not in page
    assert "1 reading · 0 favourites" in page


def test_history_htmx_request_returns_only_the_results(client, owner):
    ask(owner, "Will Zanzibar welcome me?")
    response = client.get(HISTORY, {"q": "zanzibar"}, **HTMX)
    body = response.content.decode()
    assert body.lstrip().startswith('<section id="history-results"')
    assert "<html" not in body


def test_load_more_under_htmx_returns_the_next_rows_and_a_new_link_out_of_band(client, owner):
    ids = [ask(owner, f"Question number {n} about Zanzibar") for n in range(14)]
    first = client.get(HISTORY).content.decode()
    assert "Showing 12 of 14" in first
    assert f"{HISTORY}?page=2" in first  # the plain link, also what htmx gets

    more = client.get(HISTORY, {"page": 2}, **HTMX).content.decode()
    assert more.lstrip().startswith("<li")
    assert reverse("oracle:reading", args=[ids[0]]) in more  # the oldest two
    assert reverse("oracle:reading", args=[ids[-1]]) not in more
    assert 'id="load-more" aria-label="More readings" hx-swap-oob="true"' in more
    assert "Showing 14 of 14" in more and "Load more" not in more


def test_load_more_without_javascript_is_a_page_with_a_link_back(client, owner):
    for n in range(13):
        ask(owner, f"Question number {n} about Zanzibar")
    page = client.get(HISTORY, {"page": 2}).content.decode()
    assert "<html" in page and "Newer page" in page
    assert page.count('class="reading-row"') == 1


def test_filters_by_type_favourites_and_profile(client, owner):
    hamzeh = ProfileFactory(owner=owner, name="Hamzeh")
    for_hamzeh = ask(owner, "Is the road to Zanzibar open?", profile_id=hamzeh.pk)
    ask(owner, "Anything for anyone?")
    name_reading(owner, "Sara")
    Reading.objects.filter(pk=for_hamzeh).update(is_favorite=True)

    def listed(**query):
        page = client.get(HISTORY, query).content.decode()
        return page.count('class="reading-row"')

    assert listed(type="question") == 2
    assert listed(type="name") == 1
    assert listed(favorites="on") == 1
    assert listed(profile=str(hamzeh.pk)) == 1
    assert listed(sort="oldest") == 3


def test_a_reversed_date_range_is_an_error_beside_the_field(client, owner):
    page = client.get(HISTORY, {"date_from": "2024-05-01", "date_to": "2024-04-01"})
    body = page.content.decode()
    assert "The end of the range is before its start." in body
    assert 'aria-invalid="true"' in body


def test_reading_page_renders_the_stored_response_with_its_pictures(client, owner):
    reading_id = ask(owner, "Will Zanzibar welcome me?")
    page = client.get(reverse("oracle:reading", args=[reading_id])).content.decode()
    assert "Will Zanzibar welcome me?" in page
    assert "data-result" in page and 'role="img"' in page
    assert f"Saved as reading {reading_id}" in page


def test_another_accounts_reading_is_a_404(client, owner):
    foreign = ask(UserFactory(), "Someone else's question")
    assert client.get(reverse("oracle:reading", args=[foreign])).status_code == 404
    response = client.post(reverse("oracle:reading-delete", args=[foreign]))
    assert response.status_code == 404
    assert Reading.objects.filter(pk=foreign).exists()


def test_favourite_toggle_under_htmx_returns_the_pressed_button(client, owner):
    reading_id = ask(owner, "Will Zanzibar welcome me?")
    response = client.post(reverse("oracle:reading-favorite", args=[reading_id]), **HTMX)
    assert 'aria-pressed="true"' in response.content.decode()
    assert Reading.objects.get(pk=reading_id).is_favorite
    client.post(reverse("oracle:reading-favorite", args=[reading_id]), **HTMX)
    assert not Reading.objects.get(pk=reading_id).is_favorite


def test_delete_under_htmx_shows_undo_and_undo_brings_the_row_back(client, owner):
    reading_id = ask(owner, "Will Zanzibar welcome me?")
    deleted = client.post(reverse("oracle:reading-delete", args=[reading_id]), **HTMX)
    assert "Undo" in deleted.content.decode()
    assert not Reading.objects.filter(pk=reading_id).exists()

    restored = client.post(reverse("oracle:reading-restore", args=[reading_id]), **HTMX)
    assert 'class="reading-row"' in restored.content.decode()
    assert Reading.objects.filter(pk=reading_id).exists()


def test_plain_delete_redirects_to_history_with_an_undo_banner(client, owner):
    reading_id = ask(owner, "Will Zanzibar welcome me?")
    response = client.post(
        reverse("oracle:reading-delete", args=[reading_id]), {"next": "https://evil.example/"}
    )
    assert response.status_code == 302 and response.url == HISTORY
    page = client.get(HISTORY).content.decode()
    assert "deleted." in page and reverse("oracle:reading-restore", args=[reading_id]) in page


def test_readonly_account_sees_history_but_cannot_delete(client):
    account = UserFactory(role=Role.READONLY)
    client.force_login(account)
    reading_id = ask(account, "Will Zanzibar welcome me?")
    page = client.get(HISTORY).content.decode()
    assert "Will Zanzibar welcome me?" in page and "Delete" not in page
    assert client.post(reverse("oracle:reading-delete", args=[reading_id])).status_code == 403


def test_history_is_a_link_in_the_navigation(client, owner):
    page = client.get(HISTORY).content.decode()
    assert f'href="{HISTORY}"' in page and 'aria-current="page"' in page


def test_a_time_reading_is_listed_by_its_moment_in_the_readers_calendar(client, owner):
    principal = principal_for_account(owner, auth_type="session")
    readings.create_time_reading(
        principal=principal, datetime_text="2024-01-15T13:45:00+03:30", use_ai=False
    )

    english = client.get(HISTORY).content.decode()
    client.cookies["nps_language"] = "fa"
    persian = client.get(HISTORY).content.decode()

    assert "2024-01-15 13:45" in english  # its own wall-clock time, not converted
    assert "2024-01-15T13:45" not in english
    assert "۲۵ دی ۱۴۰۲، ۱۳:۴۵" in persian


def test_load_more_past_the_end_brings_no_row_again(client, owner):
    for n in range(13):
        ask(owner, f"Question number {n} about Zanzibar")
    Reading.objects.filter(owner=owner).order_by("created_at").first().delete()  # 12 left
    more = client.get(HISTORY, {"page": 2}, **HTMX).content.decode()
    assert 'class="reading-row"' not in more
    assert "Showing 12 of 12" in more and "Load more" not in more


def test_a_page_past_the_end_without_htmx_is_the_last_page(client, owner):
    for n in range(13):
        ask(owner, f"Question number {n} about Zanzibar")
    page = client.get(HISTORY, {"page": 7}).content.decode()
    assert page.count('class="reading-row"') == 1 and "Newer page" in page


def test_a_history_restore_gets_the_whole_page(client, owner):
    ask(owner, "Will Zanzibar welcome me?")
    restore = {**HTMX, "HTTP_HX_HISTORY_RESTORE_REQUEST": "true"}
    response = client.get(HISTORY, {"q": "zanzibar"}, **restore)
    assert "<html" in response.content.decode()
    assert "HX-History-Restore-Request" in response["Vary"]


def test_a_list_page_is_one_audited_listing(client, owner):
    from nps.core.models import AuditLog

    for n in range(13):
        ask(owner, f"Question number {n} about Zanzibar")
    for query in ({}, {"page": 2}):
        before = AuditLog.objects.filter(action="oracle_reading.list").count()
        assert client.get(HISTORY, query).status_code == 200
        assert AuditLog.objects.filter(action="oracle_reading.list").count() == before + 1


def test_persian_pages_never_put_a_middle_dot_beside_a_digit(client, owner):
    """A middle dot beside a Persian digit reads as a zero ("۵ خوانش · ۰ برگزیده" as ۵۰): Persian
    lines separate their parts with "، " (`{% sep %}`), English ones with " · "."""
    import re

    from oracle.services.readings import MultiUserMember

    reading_id = ask(owner, "Will Zanzibar welcome me?")
    principal = principal_for_account(owner, auth_type="session")
    group_id = readings.create_multi_user_reading(
        principal=principal,
        users=[
            MultiUserMember(name="Sara", birth_year=1990, birth_month=3, birth_day=10),
            MultiUserMember(name="Ali", birth_year=1992, birth_month=5, birth_day=2),
        ],
        use_ai=False,
    )["reading_id"]
    paths = [HISTORY, reverse("vault:index"), reverse("oracle:reading", args=[group_id]), "/"]
    paths.append(reverse("learning:feedback", args=[reading_id]))
    english = client.get(HISTORY).content.decode()
    assert re.search(r"\d readings? · \d favourites?", english)
    client.cookies["nps_language"] = "fa"
    for path in paths:
        page = client.get(path).content.decode()
        text = re.sub(r"<[^>]+>", "", page[page.index("<body") :])
        assert not re.search(r"[۰-۹]\s*·|·\s*[۰-۹]", text), (path, re.findall(r".{15}·.{15}", text))
    assert re.search(
        r"[۰-۹] خوانش، [۰-۹] برگزیده", re.sub(r"<[^>]+>", "", client.get(HISTORY).content.decode())
    )

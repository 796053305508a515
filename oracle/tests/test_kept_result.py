"""A stored reading's result block is rendered once and kept (`{% kept_result %}`,
`nps.core.kept`): the same HTML as the template renders, and never the block of another
language, reader, person or interpretation."""

import re

import pytest
from django.template import Context, Template
from django.urls import reverse

from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.tests.factories import UserFactory
from nps.core import kept
from nps.core.privacy import MASK
from oracle.models import Profile, Reading
from oracle.services import readings, sharing
from oracle.templatetags.kept_result import RESULTS
from oracle.tests.factories import ProfileFactory
from oracle.tests.test_views_interpretation import SECTIONS, answer, interpretation_url
from oracle.views.reading_page import reading_page_context

pytestmark = pytest.mark.django_db

QUESTION = "Will the quince tree fruit this autumn?"
RESULT = re.compile(r'<article class="result.*?</article>', re.S)
CSRF = re.compile(r'(name="csrfmiddlewaretoken" value=|"x-csrftoken": )"[^"]+"')
PICTURE_ID = re.compile(r"pic-[0-9a-f]{8}")


@pytest.fixture
def owner(db):
    return UserFactory(role=Role.USER)


@pytest.fixture
def profile(owner):
    return ProfileFactory(owner=owner, name="Shirin Ahmadi")


@pytest.fixture
def reading(owner, profile) -> Reading:
    made = readings.create_question_reading(
        principal=principal_for_account(owner, auth_type="session"),
        question=QUESTION,
        profile_id=profile.pk,
        use_ai=False,
    )
    return Reading.objects.get(pk=made["reading_id"])


def result_of(response) -> str:
    assert response.status_code == 200
    found = RESULT.search(response.content.decode())
    assert found, "no result block on the page"
    return without_tokens(found.group(0))


def without_tokens(html: str) -> str:
    """The CSRF token differs per response, a picture's id per render."""
    return PICTURE_ID.sub("pic", CSRF.sub(r'\1""', html))


def page(reading: Reading) -> str:
    return reverse("oracle:reading", args=[reading.pk])


@pytest.mark.parametrize("language", ["en", "fa"])
def test_the_kept_block_is_the_block_the_template_renders(client, owner, reading, language):
    client.force_login(owner)
    client.cookies["nps_language"] = language
    first = client.get(page(reading))
    kept_block = result_of(client.get(page(reading)))

    assert len(RESULTS) == 1  # the second visit used the first one's block
    assert kept_block == result_of(first)
    # …which is what `{% include %}` of the result template renders for that request
    request = first.wsgi_request
    included = Template('{% include "oracle/results/_result.html" %}').render(
        Context({**reading_page_context(request, reading), "request": request})
    )
    assert kept_block == without_tokens(RESULT.search(included).group(0))
    assert QUESTION in kept_block


def test_another_language_gets_its_own_block(client, owner, reading):
    client.force_login(owner)
    english = result_of(client.get(page(reading)))
    client.cookies["nps_language"] = "fa"
    persian = result_of(client.get(page(reading)))

    assert "Summary" in english and "Summary" not in persian
    assert "خلاصه" in persian
    assert len(RESULTS) == 2


def test_a_moderator_never_gets_the_owners_block(client, owner, reading):
    client.force_login(owner)
    assert QUESTION in result_of(client.get(page(reading)))

    client.force_login(UserFactory(role=Role.MODERATOR))
    masked = result_of(client.get(page(reading)))

    assert QUESTION not in masked
    assert MASK in masked


def test_a_renamed_person_shows_at_once(client, owner, reading, profile):
    client.force_login(owner)
    assert "For Shirin Ahmadi" in result_of(client.get(page(reading)))

    Profile.objects.filter(pk=profile.pk).update(name="Shirin Karimi")

    assert "For Shirin Karimi" in result_of(client.get(page(reading)))


def test_an_interpretation_stored_later_shows_at_once(client, owner, fake_provider):
    fake_provider.default = answer
    client.force_login(owner)
    made = readings.create_time_reading(
        principal=principal_for_account(owner, auth_type="session"), use_ai=False
    )
    reading = Reading.objects.get(pk=made["reading_id"])
    before = result_of(client.get(page(reading)))
    assert SECTIONS["message"] not in before

    client.get(interpretation_url(reading), HTTP_HX_REQUEST="true")  # the AI's, stored

    assert SECTIONS["message"] in result_of(client.get(page(reading)))


def test_the_share_page_keeps_the_public_block_apart_from_the_owners(client, owner, reading):
    token = sharing.create_share_link(
        principal=principal_for_account(owner, auth_type="session"), reading_id=reading.pk
    ).token
    client.force_login(owner)
    owners = result_of(client.get(page(reading)))
    client.logout()

    public = result_of(client.get(reverse("oracle:share", args=[token])))

    assert public != owners
    assert "Rate this reading" not in public  # no feedback slot for a stranger
    kept.forget_all()
    assert result_of(client.get(reverse("oracle:share", args=[token]))) == public

"""The Vault list keeps each entry card's HTML (vault/cards.py, with nps/core/kept.py): the same
HTML as the card partial renders, never stale."""

import datetime as dt
import re

import pytest
from django.shortcuts import render
from django.urls import reverse
from django.utils import translation

from nps.core.forms import FormRenderer
from vault import services
from vault.tests.factories import principal, question_reading, time_reading
from vault.views import entry_forms

pytestmark = pytest.mark.django_db

INDEX = reverse("vault:index")
CARD = re.compile(r'<li class="entry-card.*?</li>\n', re.S)
CSRF = re.compile(r'name="csrfmiddlewaretoken" value="[^"]+"')


@pytest.fixture
def owner(client, user):
    client.force_login(user)
    return user


def _without_csrf(html: str) -> str:
    return CSRF.sub('name="csrfmiddlewaretoken" value=""', html)


@pytest.mark.parametrize("language", ["en", "fa"])
def test_kept_cards_are_the_cards_the_partial_renders(client, owner, language):
    asked = question_reading(owner, "Will the garden bloom?")
    services.update_entry(
        principal=principal(owner),
        reading_id=asked.pk,
        note="Roses <b>",
        tags=["home"],
        pinned=True,
    )
    services.record_outcome(
        principal=principal(owner),
        reading_id=asked.pk,
        outcome="yes",
        outcome_on=dt.date.today(),
        note="It did",
    )
    time_reading(owner)
    client.cookies["nps_language"] = language
    first = client.get(INDEX)
    kept = client.get(INDEX)
    listed = CARD.findall(kept.content.decode())
    assert len(listed) == 2
    assert [_without_csrf(card) for card in CARD.findall(first.content.decode())] == [
        _without_csrf(card) for card in listed
    ]
    request = kept.wsgi_request
    with translation.override(language):
        expected = [
            render(
                request,
                "vault/index.html#entry-card",
                {"card": entry_forms(entry), "can_write": True, "can_rate": True},
            ).content.decode()
            for entry in services.list_entries(principal=principal(owner)).entries
        ]
    assert [_without_csrf(card) for card in listed] == [
        _without_csrf(card.strip() + "\n") for card in expected
    ]


def test_a_second_visit_renders_no_card_forms(client, owner, monkeypatch):
    for question in ("Will it rain?", "Is the river high?", "Shall I travel?"):
        question_reading(owner, question)
    renders = []
    original = FormRenderer.render

    def counting(self, template_name, context, request=None):
        renders.append(template_name)
        return original(self, template_name, context, request)

    monkeypatch.setattr(FormRenderer, "render", counting)
    client.get(INDEX)
    first = len(renders)
    renders.clear()
    client.get(INDEX)
    # Only the filter form's fields render again; the three cards' five fields each do not.
    assert len(renders) < first - 3 * 5


def test_a_changed_entry_shows_its_new_note_and_pin_at_once(client, owner):
    reading = question_reading(owner, "Will it rain?")
    assert "Roses" not in client.get(INDEX).content.decode()
    services.update_entry(
        principal=principal(owner), reading_id=reading.pk, note="Roses", pinned=True
    )
    page = client.get(INDEX).content.decode()
    assert "Roses" in page and "is-pinned" in page


def test_a_new_time_zone_shows_on_kept_cards_at_once(client, owner):
    """A card shows its times on the account's clock, named: a kept card of the old zone would
    show the wrong hour."""
    from nps.accounts import preferences

    question_reading(owner, "Will it rain?")
    assert " UTC" in client.get(INDEX).content.decode()
    preferences.update_preferences(principal=principal(owner), timezone="Asia/Tehran")
    page = client.get(INDEX).content.decode()
    assert "Tehran time" in page

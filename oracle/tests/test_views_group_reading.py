"""A group reading as people read it: the page and the text export say a tie is a tie, and the
group's interpretation names each member's role in words and gives scores as percentages."""

import datetime
import re
import uuid

import pytest
from django.urls import reverse

from oracle.models import Reading
from oracle.tests.factories import ProfileFactory

pytestmark = pytest.mark.django_db

URL = reverse("oracle:consult")
HTMX = {"HTTP_HX_REQUEST": "true"}
# One member of each of four elements (the birth year's stem): a four-way tie.
FOUR_ELEMENTS = (
    ("Alice Moss", datetime.date(1990, 5, 15)),  # Metal Horse
    ("Bob Lane", datetime.date(1992, 3, 20)),  # Water Monkey
    ("Carol Hill", datetime.date(1988, 11, 7)),  # Earth Dragon
    ("Dave Reed", datetime.date(1995, 8, 25)),  # Wood Pig
)


def group_of_four(client, user):
    people = [ProfileFactory(owner=user, name=name, birthday=born) for name, born in FOUR_ELEMENTS]
    token = uuid.uuid4().hex
    members = [person.pk for person in people]
    return client.post(URL, {"type": "multi", "token": token, "members": members}, **HTMX)


def quick_stat(html: str, label: str) -> str:
    """The value shown beside a quick-stats label."""
    after = html.split(f"<dt>{label}</dt>", 1)[1]
    return after.split("<dd>", 1)[1].split("</dd>", 1)[0]


def test_group_page_says_a_four_way_element_tie_is_a_tie(client, user):
    client.force_login(user)
    html = group_of_four(client, user).content.decode()
    assert quick_stat(html, "Dominant element") == (
        "<bdi>Balanced: Wood, Earth, Metal and Water equally</bdi>"
    )
    assert quick_stat(html, "Dominant animal") == (
        "<bdi>Balanced: Dragon, Horse, Monkey and Pig equally</bdi>"
    )
    assert "Alice Moss is the Harmonizer, Bob Lane the Leader" in html
    assert "{&#x27;role&#x27;" not in html and "average compatibility of 0." not in html


def test_persian_group_page_says_the_tie_in_persian(client, user):
    client.force_login(user)
    client.cookies["nps_language"] = "fa"
    html = group_of_four(client, user).content.decode()
    assert quick_stat(html, "عنصر غالب") == "<bdi>متوازن: چوب، خاک، فلز و آب به یک اندازه</bdi>"
    # The average as a percentage with Persian digits and the Persian percent sign.
    assert re.search('میانگین سازگاری گروه به <bdi dir="ltr">[۰-۹]+٪</bdi> می‌رسد', html)


def test_text_export_of_a_group_says_the_tie(client, user):
    client.force_login(user)
    group_of_four(client, user)
    reading = Reading.objects.get()
    text = client.get(reverse("oracle:reading-export", args=[reading.pk, "txt"])).content.decode()
    assert "Balanced: Wood, Earth, Metal and Water equally" in text
    assert "0.52" not in text and "{'" not in text

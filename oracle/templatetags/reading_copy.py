"""``{% reading_copy_url %}``: where a result's Copy button gets its text (load ``reading_copy``).

A stored reading the viewer may export is copied as its text export (title, moment, person,
answer or numbers, interpretation), line by line as a person reads it; the button asks for it on
the click (`oracle:reading-copy`), so showing a reading does not build its text export. Otherwise —
a daily insight, a masked reading, a shared page (its response has no ``reading_id``) — the tag
gives ``""`` and ``static/js/consult.js`` copies the result's labels and values from the page.
"""

from __future__ import annotations

from django import template
from django.urls import reverse

register = template.Library()


@register.simple_tag(takes_context=True)
def reading_copy_url(context: template.Context) -> str:
    if context.get("private_hidden"):
        return ""
    result = context.get("result")
    reading_id = result.get("reading_id") if isinstance(result, dict) else None
    user = getattr(context.get("request"), "user", None)
    if not isinstance(reading_id, int) or user is None or not user.is_authenticated:
        return ""
    return reverse("oracle:reading-copy", args=[reading_id])

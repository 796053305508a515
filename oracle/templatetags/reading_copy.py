"""``{% reading_copy_text %}``: what a result's Copy button copies (load ``reading_copy``).

A stored reading the viewer may export is copied as its text export (title, moment, person,
answer or numbers, interpretation), line by line as a person reads it. Otherwise — a daily
insight, a masked reading, a shared page — the tag gives ``""`` and ``static/js/consult.js``
copies the result's labels and values from the page.
"""

from __future__ import annotations

from django import template

from oracle.services import export

register = template.Library()


@register.simple_tag(takes_context=True)
def reading_copy_text(context: template.Context) -> str:
    if context.get("private_hidden"):
        return ""
    result = context.get("result")
    reading_id = result.get("reading_id") if isinstance(result, dict) else None
    request = context.get("request")
    principal = getattr(request, "principal", None)
    if not isinstance(reading_id, int) or principal is None:
        return ""
    return export.copy_text(principal=principal, reading_id=reading_id)

"""``{% ai_interpretation %}``: a result's interpretation section (load ``ai_interpretation``).

With an AI provider configured, the section is a container that htmx fills on load from the
interpretation view (a progress indicator until then; the deterministic sections for a browser
without JavaScript). Without one, the deterministic sections are rendered in place, labelled so.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import urlencode

from django import template
from django.conf import settings
from django.urls import reverse

from oracle.models import ReadingKind
from oracle.services import interpretation
from oracle.views.interpretation import body_context, page_language

register = template.Library()


@register.inclusion_tag("oracle/results/_ai_interpretation.html", takes_context=True)
def ai_interpretation(context: template.Context) -> dict[str, Any]:
    if context.get("private_hidden"):
        return {"has_sections": False, "lazy": False}  # the interpretation is the owner's
    result = context.get("result") or {}
    reading_type = context.get("reading_type")
    kind = ReadingKind(reading_type).engine_kind if reading_type in ReadingKind.values else None
    found = interpretation.shown(kind, result if isinstance(result, dict) else {}, page_language())
    url = translate_url = None
    if result.get("reading_id"):
        url = reverse("oracle:reading-interpretation", args=[result["reading_id"]])
        translate_url = reverse(
            "oracle:reading-interpretation-translate", args=[result["reading_id"]]
        )
    elif reading_type == "daily" and result.get("date"):
        query = {"date": result["date"]}
        subject = context.get("subject")
        if subject is not None and getattr(subject, "pk", None):
            query["profile"] = subject.pk
        url = f"{reverse('oracle:daily-interpretation')}?{urlencode(query)}"
    body = body_context(found, url=url or "", translate_url=translate_url)
    return {
        **body,
        "lazy": bool(url) and found.ai_available and not found.ai_generated,
        "has_sections": bool(found.sections),
        "request_timeout_ms": int((settings.NPS_AI_TIMEOUT + 10) * 1000),
        "csrf_token": context.get("csrf_token"),
    }

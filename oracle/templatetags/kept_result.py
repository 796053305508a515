"""``{% kept_result %}``: a stored reading's result block (``oracle/results/_result.html``),
rendered once and kept (``nps.core.kept``; load ``kept_result``).

A reading page spent half its server time in Django's template engine drawing the same result
(two tabs of values, the sky, the method stamp, the interpretation) as on the visit before. The
block is kept under everything it reads: the result's values (the stored response, with its
interpretation), the reading kind, the person's name, the reader's language, calendar, zone and
day (`kept.reader_parts`), whether the texts are masked, whose reading it is, whether the reader
is signed in (the Copy button) and whether an AI is configured (the interpretation's loader). A
fresh result on `/oracle` is new every time and is rendered as usual.
"""

from __future__ import annotations

import json

from django import template
from django.conf import settings

from nps.core.kept import Fragments, render_in
from oracle.services import ai

register = template.Library()

TEMPLATE = "oracle/results/_result.html"
RESULTS = Fragments("reading results", capacity=300)  # ~20 KB each: ~6 MB per worker at most


def _parts(context: template.Context) -> tuple:
    subject = context.get("subject")
    request = context.get("request")
    return (
        context.get("reading_type"),
        json.dumps(context.get("result"), sort_keys=True, default=str),
        (getattr(subject, "pk", None), getattr(subject, "name", None)) if subject else None,
        str(context.get("result_date")),
        bool(context.get("private_hidden")),
        bool(context.get("others_reading")),
        bool(context.get("stored_reading")),
        bool(request is not None and request.user.is_authenticated),
        ai.is_available(),
        settings.NPS_AI_TIMEOUT,
    )


@register.simple_tag(takes_context=True)
def kept_result(context: template.Context) -> str:
    return render_in(context, RESULTS, TEMPLATE, _parts(context))

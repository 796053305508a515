"""``{% kept "template#partial" parts %}``: a part of a page rendered once and kept
(`nps.core.kept`; load ``kept``). ``parts`` is what the view computed as *everything* the partial
shows; the reader's language, calendar, zone and day are added to it."""

from django import template

from nps.core.kept import PAGE_PARTS, render_in

register = template.Library()


@register.simple_tag(takes_context=True)
def kept(context: template.Context, template_name: str, parts) -> str:
    return render_in(context, PAGE_PARTS, template_name, parts)

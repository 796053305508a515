"""`{% autofocus %}`: where focus belongs once the page, or the fragment htmx swaps in, is shown.

On a full page it writes the HTML `autofocus` attribute. In a fragment for htmx it writes
`data-autofocus` instead, which `static/js/focus-after-swap.js` focuses once htmx has processed
the new content: the browser would otherwise focus an inserted `autofocus` element at once, before
htmx has bound its forms, and a quick Enter would then submit the form without htmx.
"""

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


@register.simple_tag(takes_context=True)
def autofocus(context) -> str:
    request = context.get("request")
    if request is not None and getattr(request, "htmx", False):
        return mark_safe("data-autofocus")
    return mark_safe("autofocus")

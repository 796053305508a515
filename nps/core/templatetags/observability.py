"""`{% request_id %}`: the id of the request being answered (the 500 page shows it), read from
`nps.core.requestlog`, so it works in templates rendered without the request's context."""

from django import template

from nps.core.requestlog import current_request_id

register = template.Library()


@register.simple_tag
def request_id() -> str:
    return current_request_id() or ""

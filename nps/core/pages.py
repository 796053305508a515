"""What page views share: the service error vocabulary (`nps.core.errors`) as a page shows it.

A page view validates its form, then calls the service inside `service_errors(form)`:

    form = ProfileForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            profile = profiles.create_profile(principal=request.principal, **form.cleaned_data)
            return redirect(profile)
    return render(request, "oracle/profiles.html#profile-form", {"form": form}, status=422)

`InvalidField` (and an engine's `EngineError`) becomes an error on the form field it names, or a
non-field error when the form has no such field; `Conflict` a non-field error shown beside the
form. Either way the block ends there and the view goes on to re-render the form. `NotFound`
becomes Django's `Http404` (the 404 page) and `Forbidden` its `PermissionDenied` (the 403 page).
Anything else is not a service error and propagates.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404

from nps.core.errors import Conflict, Forbidden, InvalidField, NotFound
from oracle.engines.errors import EngineError


@contextmanager
def service_errors(form: forms.BaseForm) -> Iterator[None]:
    """Turn a service error raised inside the block into a form error, a 404 or a 403."""
    try:
        yield
    except (InvalidField, EngineError) as error:
        field = error.field if error.field in form.fields else None
        form.add_error(field, str(error))
    except Conflict as error:
        form.add_error(None, str(error))
    except NotFound as error:
        raise Http404(str(error)) from error
    except Forbidden as error:
        raise PermissionDenied(str(error)) from error


# Far beyond any account's history, and it keeps the offset a page asks for inside PostgreSQL's
# bigint (`?page=9223372036854775807` used to answer 500).
MAX_PAGE_NUMBER = 100_000


def page_number(request) -> int:
    """The `?page=` of a list page: 1 when absent or not a whole number ≥ 1, at most
    `MAX_PAGE_NUMBER` (a page past the end is the view's to handle: empty, or the last page)."""
    try:
        number = int(request.GET.get("page", "1"))
    except ValueError:
        return 1
    return min(max(1, number), MAX_PAGE_NUMBER)


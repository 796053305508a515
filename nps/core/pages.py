"""What page views share: the service error vocabulary (`nps.core.errors`) as a page shows it,
and the scope a page's action needs.

A page view validates its form, then calls the service inside `service_errors(form)`:

    form = ProfileForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            profile = profiles.create_profile(principal=request.principal, **form.cleaned_data)
            return redirect(profile)
    return render(request, "oracle/profiles.html#profile-form", {"form": form}, status=422)

`InvalidField` (an engine's refusal too: the oracle services turn it into one) becomes an error
on the form field it names, or a non-field error when the form has no such field; `Conflict` a
non-field error shown beside the form. Either way the block ends there and the view goes on to
re-render the form. `NotFound` and `Forbidden` are not the form's: they propagate, and
`nps.core.page_guards.PageGuardMiddleware` answers them once for every page with the 404 and
403 pages (as `nps.core.api.exception_handler` does for the API). Anything else propagates too.

A page action that changes data declares the scope it needs with `@require_scope(...)`, which
answers the 403 page with the message given when the signed-in principal lacks it.
"""

import functools
from collections.abc import Callable, Iterator
from contextlib import contextmanager

from django import forms
from django.core.exceptions import PermissionDenied

from nps.core.errors import Conflict, InvalidField


@contextmanager
def service_errors(form: forms.BaseForm) -> Iterator[None]:
    """Turn a field error or a conflict raised inside the block into an error on the form."""
    try:
        yield
    except InvalidField as error:
        field = error.field if error.field in form.fields else None
        _add_error(form, field, str(error))
    except Conflict as error:
        _add_error(form, None, str(error))


def _add_error(form: forms.BaseForm, field: str | None, message: str) -> None:
    if not form.is_bound:  # a button's form sends no fields (the vault's "Clear the outcome")
        form.full_clean()
        form.cleaned_data = {}
    form.add_error(field, message)


def require_scope(scope: str, message: str | None = None) -> Callable:
    """A page view decorator: the 403 page (with `message`, a lazy translation) unless the
    request's principal holds `scope`. Put it under `@login_required`, which signs people in
    first."""

    def decorator(view: Callable) -> Callable:
        @functools.wraps(view)
        def wrapped(request, *args, **kwargs):
            if not request.principal.has_scope(scope):
                raise PermissionDenied(*([str(message)] if message else []))
            return view(request, *args, **kwargs)

        return wrapped

    return decorator


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

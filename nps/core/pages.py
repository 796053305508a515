"""What page views share: the service error vocabulary (`nps.core.errors`) as a page shows it,
the scope a page's action needs, the whole page or its fragment, and paging.

A page view validates its form, then calls the service inside `service_errors(form)`:

    form = ProfileForm(request.POST)
    if form.is_valid():
        with service_errors(form):
            profile = profiles.create_profile(principal=request.principal, **form.cleaned_data)
            return redirect(profile)
    return render_page(request, FORM_PAGE, "profile-form", {"form": form}, status=422)

`InvalidField` (an engine's refusal too: the oracle services turn it into one) becomes an error
on the form field it names, or a non-field error when the form has no such field; `Conflict` a
non-field error shown beside the form. Either way the block ends there and the view goes on to
re-render the form. `NotFound` and `Forbidden` are not the form's: they propagate, and
`nps.core.page_guards.PageGuardMiddleware` answers them once for every page with the 404 and
403 pages (as `nps.core.api.exception_handler` does for the API). Anything else propagates too.

A page action that changes data declares the scope it needs with `@require_scope(...)`, which
answers the 403 page with the message given when the signed-in principal lacks it.

A page answers htmx with `render_page(request, template, partial, context)`: the whole page, or
the partial htmx swaps in (a view with several partials chooses which). A list page takes its
`?page=` from `paginate`, Django's Paginator over the service's listing.
"""

import functools
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Literal

from django import forms
from django.core.exceptions import PermissionDenied
from django.core.paginator import EmptyPage, Page, Paginator
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils.cache import patch_vary_headers

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


# The request headers that choose between a whole page and one of its partials.
FRAGMENT_HEADERS = ("HX-Request", "HX-Boosted", "HX-History-Restore-Request")


def wants_fragment(request: HttpRequest) -> bool:
    """Whether htmx asks for part of a page: not a boosted link or form, nor a history restore
    (htmx asking again for a page missing from its cache), which both swap the whole page."""
    htmx = request.htmx
    return bool(htmx) and not htmx.boosted and not htmx.history_restore_request


def render_page(
    request: HttpRequest, template: str, partial: str, context: dict, status: int = 200
) -> HttpResponse:
    """The whole `template`, or only its partial `partial` (django-template-partials'
    `template#partial`) when htmx asks for a fragment (`wants_fragment`). The template reads which
    in `fragment`; the answer varies on the htmx headers that choose."""
    fragment = wants_fragment(request)
    response = render(
        request,
        f"{template}#{partial}" if fragment else template,
        {**context, "fragment": fragment},
        status=status,
    )
    patch_vary_headers(response, FRAGMENT_HEADERS)
    return response


# An offset PostgreSQL takes (`?page=9223372036854775807` used to answer 500).
_MAX_OFFSET = 2**63 - 1


def paginate(
    request: HttpRequest,
    fetch: Callable[..., tuple[Sequence, int]],
    *,
    per_page: int,
    past_the_end: Literal["last", "empty"] = "last",
) -> Page:
    """The `?page=` of a list page, a Django `Page` of the rows `fetch(offset=, limit=)` returns
    with their total: a service's audited listing, which counts them anyway, so its total stands
    for Paginator's count query and the page asked for is fetched once (again only when it is
    past the end). A `?page=` that is not a whole number ≥ 1 is the first page; one past the end
    the last page, or with `past_the_end="empty"` an empty page of that number (a "load more"
    past the end brings nothing)."""
    try:
        asked = max(1, int(request.GET.get("page", "1")))
    except ValueError:
        asked = 1
    first = asked if asked * per_page <= _MAX_OFFSET else 1
    paginator = Paginator(_Listing(fetch, (first - 1) * per_page, per_page), per_page)
    if past_the_end == "last":
        return paginator.get_page(asked)
    try:
        return paginator.page(asked)
    except EmptyPage:
        return Page([], asked, paginator)


class _Listing:
    """What `paginate` gives Paginator: `count()` fetches the first slice guessed (the page asked
    for) and answers the total fetched with it; a slice starting elsewhere is fetched anew."""

    def __init__(self, fetch: Callable[..., tuple[Sequence, int]], offset: int, limit: int):
        self.fetch = fetch
        self.offset, self.limit = offset, limit
        self.rows: Sequence | None = None
        self.total = 0

    def _load(self, offset: int, limit: int) -> None:
        self.rows, self.total = self.fetch(offset=offset, limit=limit)
        self.offset, self.limit = offset, limit

    def count(self) -> int:
        if self.rows is None:
            self._load(self.offset, self.limit)
        return self.total

    def __getitem__(self, wanted: slice) -> Sequence:
        if self.rows is None or wanted.start != self.offset:
            self._load(wanted.start, wanted.stop - wanted.start)
        return self.rows[: wanted.stop - wanted.start]

"""File parts of a form POST: refused where the view takes no file, capped where it does.

Django's upload handlers see a multipart body while it is parsed — before any view runs (the first
middleware that reads `request.POST` parses it), and before a file's bytes reach memory or `/tmp`.
`GuardedUploadHandler`, first in `FILE_UPLOAD_HANDLERS`, looks up the view the request is for:

* a view marked `@accepts_uploads(max_bytes=…)` takes files up to that many bytes in all; a larger
  upload is refused (413) as soon as its declared length or its bytes pass the cap;
* every other view takes no file at all: the first file part is refused (400), so nothing of it is
  read or stored (an anonymous login POST with a 200 MB "file" used to be spooled to `/tmp`).

Both are `MultiPartParserError`s, which Django answers with its 400 handler
(`nps.core.views.bad_request`, which answers 413 for `UploadTooLarge`): the error page, or V4's
JSON `detail` under `/api/` — never a 500. `DATA_UPLOAD_MAX_MEMORY_SIZE` still caps the form's
other fields; a reverse proxy's body limit (docs/DEPLOYMENT.md) is a second line, not the only one.
"""

from collections.abc import Callable

from django.conf import settings
from django.core.files.uploadhandler import FileUploadHandler
from django.http.multipartparser import MultiPartParserError
from django.urls import Resolver404, resolve

UPLOAD_LIMIT_ATTRIBUTE = "upload_max_bytes"


class UploadRefused(MultiPartParserError):
    """A file part sent to a view that takes no file (400)."""


class UploadTooLarge(UploadRefused):
    """Files larger than the view's cap (413)."""

    def __init__(self, limit: int) -> None:
        super().__init__(f"The upload is larger than this page takes ({limit} bytes).")
        self.limit = limit


def accepts_uploads(*, max_bytes: Callable[[], int]):
    """Mark a view as taking uploaded files of at most `max_bytes()` bytes in all (a callable, so
    the cap follows the settings at request time). Wrappers made with `functools.wraps` (the
    admin's `admin_view`, `csrf_protect`, …) keep the mark."""

    def mark(view):
        setattr(view, UPLOAD_LIMIT_ATTRIBUTE, max_bytes)
        return view

    return mark


def upload_limit(request) -> int | None:
    """The most bytes of files the request's view takes; None when it takes no file."""
    match = getattr(request, "resolver_match", None)
    if match is None:  # parsed by a middleware before the URL was resolved
        try:
            match = resolve(request.path_info, getattr(request, "urlconf", None))
        except Resolver404:
            return None
    max_bytes = getattr(match.func, UPLOAD_LIMIT_ATTRIBUTE, None)
    return max_bytes() if max_bytes is not None else None


class GuardedUploadHandler(FileUploadHandler):
    """Lets file bytes on to the next handlers (memory, then a temporary file) only for a view that
    takes uploads, and only up to its cap."""

    limit: int | None = None
    received = 0

    def handle_raw_input(self, input_data, META, content_length, boundary, encoding=None):
        self.limit = upload_limit(self.request)
        # The body also holds the other fields (capped by DATA_UPLOAD_MAX_MEMORY_SIZE).
        if self.limit is not None and content_length > (
            self.limit + settings.DATA_UPLOAD_MAX_MEMORY_SIZE
        ):
            raise UploadTooLarge(self.limit)
        return None  # the other handlers parse as usual

    def new_file(self, *args, **kwargs) -> None:
        super().new_file(*args, **kwargs)
        if self.limit is None:
            raise UploadRefused("This page takes no file.")

    def receive_data_chunk(self, raw_data: bytes, start: int) -> bytes:
        self.received += len(raw_data)
        if self.received > self.limit:
            raise UploadTooLarge(self.limit)
        return raw_data

    def file_complete(self, file_size: int) -> None:
        return None  # the next handler makes the file

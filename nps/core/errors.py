"""The errors a service may raise, whoever called it.

Services never carry an HTTP status. Each interface maps these once: the API's exception handler
(`nps.core.api.exception_handler`) answers 401 / 403 / 404 / 409 / 422 in V4's `detail` shape, and
page views use `nps.core.pages.service_errors` (a form error on the field, a 404 page, a message
beside the form). Every service error is one of these classes or a subclass of one.
"""

from collections.abc import Sequence


class ServiceError(Exception):
    """Base class. `message` is shown to the person (class default, or the one given)."""

    message = "The request could not be completed."

    def __init__(self, message: str | None = None) -> None:
        if message is not None:
            self.message = message
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message


class NotFound(ServiceError, LookupError):
    """Nothing the caller may see answers to this id.

    Raised for rows that do not exist and for rows of another account alike, so the answer never
    reveals which.
    """

    message = "Not Found"


class Conflict(ServiceError):
    """The change would clash with what is stored (e.g. a duplicate live profile)."""

    message = "Conflict"


class Forbidden(ServiceError, PermissionError):
    """The caller is known but may not do this."""

    message = "Forbidden"


class NotAuthenticated(ServiceError):
    """The credentials offered (password, refresh token) do not identify anyone."""

    message = "Not authenticated"


class InvalidField(ServiceError, ValueError):
    """One field of the input cannot be used.

    `path` locates the field in the request: a name (`"scopes"`) or a sequence of names and list
    positions (`("users", 2, "user_id")`). `location` is `"body"`, `"query"` or `"path"`; when it
    is None the interface infers it (a query string for GET, the body otherwise). `code` is the
    API's error `type` (`value_error` for what the engines refused, as V4 answered).
    """

    message = "Invalid value."

    def __init__(
        self,
        path: str | Sequence[str | int],
        message: str | None = None,
        *,
        location: str | None = None,
        code: str = "invalid",
    ) -> None:
        super().__init__(message)
        self.path: tuple[str | int, ...] = (path,) if isinstance(path, str) else tuple(path)
        self.location = location
        self.code = code

    @property
    def field(self) -> str:
        """The innermost named field (what a page form shows the error beside)."""
        names = [part for part in self.path if isinstance(part, str)]
        return names[-1] if names else "__all__"

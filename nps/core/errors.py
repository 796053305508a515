"""Errors services raise and every interface answers the same way."""


class NotFound(LookupError):
    """Nothing the caller may see answers to this id: the API says 404 with `message`.

    Raised for rows that do not exist and for rows of another account alike, so the answer never
    reveals which.
    """

    message = "Not Found"

    def __str__(self) -> str:
        return self.message

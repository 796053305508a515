"""Request-body parsers of the API: any body that cannot be read is a 422, never a 500."""

from rest_framework import parsers
from rest_framework.exceptions import ParseError


class JSONParser(parsers.JSONParser):
    """DRF's JSON parser, also refusing bodies nested too deeply for Python's decoder.

    `json` recurses once per nesting level; ~1,000 brackets raise `RecursionError`, which DRF does
    not catch (it catches `ValueError`), so such a body became a 500 with a long traceback.
    """

    def parse(self, stream, media_type=None, parser_context=None):
        try:
            return super().parse(stream, media_type, parser_context)
        except RecursionError:
            raise ParseError("JSON parse error - the body is nested too deeply.") from None

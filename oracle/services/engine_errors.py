"""The engines' refusals as the service errors every interface knows.

The engines (pure Python, `oracle/engines/`) refuse input with an `EngineError` naming the field.
The core's page helper and API handler (`nps.core.pages`, `nps.core.api`) know only
`nps.core.errors`, so the oracle services turn one into the other where they call the engines:
`@engine_input()` on a service function, or `with engine_input():` around the call.
"""

from collections.abc import Iterator
from contextlib import contextmanager

from nps.core.errors import InvalidField
from oracle.engines.errors import EngineError


def invalid_field(error: EngineError) -> InvalidField:
    """The `InvalidField` an API answers 422 for and a page shows beside the field the engine
    named (`body` when it named none). Engine input is a request's body field, as V4 said."""
    return InvalidField(error.field or "body", str(error), location="body", code="value_error")


@contextmanager
def engine_input() -> Iterator[None]:
    """An `EngineError` raised inside becomes `invalid_field(error)`."""
    try:
        yield
    except EngineError as error:
        raise invalid_field(error) from error

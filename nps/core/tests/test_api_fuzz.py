"""Property-based fuzzing of the whole OpenAPI schema (schemathesis), as a `user` and as an admin.

Every operation of `/openapi.json` gets generated requests — valid ones and deliberately invalid
ones — sent in-process to the WSGI application. The checks: no 5xx, every answer conforms to the
schema (status code, content type, headers, body), every 4xx carries V4's error shape (a `detail`
key), invalid requests are refused, declared authentication is enforced (the request is re-sent
without it), and an undeclared method is refused. A valid request to an object URL is sent again
with the id of an object of the caller's own, so bodies are also fuzzed against real rows.

As a `user`, every phase runs: schemathesis's coverage phase (boundary values, every enum value,
each parameter missing or of the wrong type, undeclared methods) and then the generated examples.
As an admin the same operations get the generated examples only: the coverage phase would send the
same boundary cases again through the same validation, and what differs for an admin (the
operations and rows only an admin may reach) is what generated requests with the admin's token
and objects exercise (the authorization matrix checks every URL for every kind of caller).

Bounded: a fixed number of examples per operation, derandomised (the same requests every run), no
deadline. The number of requests made is printed in the run's "figures" section (conftest.py).
"""

import copy
import json
import os

import pytest
import schemathesis
from hypothesis import HealthCheck, seed, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    missing_required_header,
    negative_data_rejection,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from nps.accounts.models import ApiKey
from nps.accounts.principal import principal_for_account
from nps.accounts.roles import Role
from nps.accounts.services import start_session
from nps.accounts.tests.factories import UserFactory
from nps.core.tests import figures
from nps.wsgi import application
from oracle.services import readings
from oracle.tests.factories import ProfileFactory

EXAMPLES_PER_OPERATION = int(os.environ.get("NPS_FUZZ_EXAMPLES", "10"))
REQUESTS = {"count": 0}


def counting_application(environ, start_response):
    """The WSGI app, counting every request schemathesis sends (the checks' own included)."""
    REQUESTS["count"] += 1
    return application(environ, start_response)


schema = schemathesis.openapi.from_wsgi("/openapi.json", counting_application)
# The admin's pass: the same schema, its coverage phase off (see the module's docstring).
admin_schema = schemathesis.openapi.from_dict(copy.deepcopy(schema.raw_schema))
admin_schema.app = counting_application
admin_schema.location = schema.location
admin_schema.config.phases.coverage.enabled = False


@schemathesis.check
def v4_error_shape(ctx, response, case):
    """Every 4xx answer is JSON with V4's `detail` key (FastAPI's error shape)."""
    if 400 <= response.status_code < 500:
        try:
            body = json.loads(response.content)
        except ValueError:
            raise AssertionError(
                f"{response.status_code} answer is not JSON: {response.content[:200]!r}"
            ) from None
        assert isinstance(body, dict) and "detail" in body, (
            f"{response.status_code} answer without V4's `detail`: {body!r}"
        )


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
    missing_required_header,
    unsupported_method,
    v4_error_shape,
]


@pytest.fixture(scope="module")
def request_counter():
    REQUESTS["count"] = 0  # not the schema's own download
    yield REQUESTS
    worker = os.environ.get("PYTEST_XDIST_WORKER")
    message = (
        f"API fuzzing (schemathesis): {REQUESTS['count']} requests"
        f"{f' in worker {worker}' if worker else ''}, "
        f"{EXAMPLES_PER_OPERATION} generated examples per operation and role, "
        "and the coverage phase as a user"
    )
    figures.record(message)


@pytest.fixture(autouse=True)
def keep_test_connection():
    """The in-process WSGI calls must not close the test's database connection at their end
    (Django's own test client disconnects the same handlers)."""
    from django.core.signals import request_finished, request_started
    from django.db import close_old_connections

    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


def _caller(role: str) -> dict:
    """An account of the role, its token, and objects of its own for the object URLs."""
    account = UserFactory(role=role, password=None)
    profile = ProfileFactory(owner=account)
    reading = readings.create_name_reading(
        principal=principal_for_account(account, auth_type="jwt"), name="Sara", use_ai=False
    )
    key = ApiKey.objects.create(user=account, key_hash="f" * 64, name="fuzz")
    return {
        "headers": {"Authorization": f"Bearer {start_session(account).access_token}"},
        "objects": {
            "user_id": str(profile.pk),
            "reading_id": str(reading["reading_id"]),
            "key_id": str(key.pk),
        },
    }


@pytest.fixture
def user_caller(db):
    return _caller(Role.USER)


@pytest.fixture
def admin_caller(db):
    return _caller(Role.ADMIN)


def send_and_validate(case, caller) -> None:
    case.call_and_validate(headers=caller["headers"], checks=CHECKS)
    # Generated ids almost never exist: a valid request is sent again on the caller's own object,
    # so bodies and queries are also fuzzed against real rows.
    own = {
        name: value
        for name, value in caller["objects"].items()
        if name in (case.path_parameters or {})
    }
    if own and case.meta is not None and case.meta.generation.mode.is_positive:
        case.path_parameters = {**case.path_parameters, **own}
        case.call_and_validate(headers=caller["headers"], checks=CHECKS)


BOUNDED = settings(
    max_examples=EXAMPLES_PER_OPERATION,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=list(HealthCheck),
)


@schema.parametrize()
@seed(13)
@BOUNDED
def test_api_answers_every_generated_request_within_its_contract(
    case, user_caller, request_counter
):
    send_and_validate(case, user_caller)


@admin_schema.parametrize()
@seed(13)
@BOUNDED
def test_api_answers_an_admins_generated_requests_within_its_contract(
    case, admin_caller, request_counter
):
    send_and_validate(case, admin_caller)

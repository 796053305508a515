"""POST /api/oracle/validate-stamp: the FC60 stamp decoder, reachable over the API."""

import pytest
from rest_framework.test import APIClient

from nps.accounts.roles import Role
from nps.core.models import AuditLog
from oracle.engines.fc60 import decode_stamp, encode_fc60

pytestmark = pytest.mark.django_db

URL = "/api/oracle/validate-stamp"


@pytest.fixture
def reader(api_as):
    return api_as(Role.READONLY)


def test_a_stamp_from_encode_fc60_round_trips_to_its_moment(reader):
    stamp = encode_fc60(2024, 2, 29, 13, 45, 30)["stamp"]
    response = reader.post(URL, {"stamp": stamp}, format="json")
    assert response.status_code == 200
    assert response.json() == {
        "valid": True,
        "stamp": stamp,
        "weekday": "Thursday",
        "date": "--02-29",
        "time": "13:45:30",
        "has_time": True,
        "decoded": decode_stamp(stamp),
    }
    assert response.json()["decoded"]["hour"] == 13


def test_a_date_stamp_has_no_time(reader):
    stamp = encode_fc60(2026, 2, 8, include_time=False)["stamp"]
    body = reader.post(URL, {"stamp": stamp}, format="json").json()
    assert (body["date"], body["time"], body["has_time"]) == ("--02-08", None, False)
    assert body["weekday"] == "Sunday"


def test_surrounding_whitespace_is_ignored(reader):
    stamp = encode_fc60(2026, 2, 8, include_time=False)["stamp"]
    assert reader.post(URL, {"stamp": f"  {stamp} "}, format="json").json()["stamp"] == stamp


@pytest.mark.parametrize(
    ("stamp", "message"),
    [
        ("hello", "is not an FC60 stamp such as"),
        ("XX-OX-RAFI", "must start with a weekday"),
        ("SO-OX-HOWU", "which no year has"),  # 30 February
        ("SO-OX-RAFI ☀ZZ-RAFI-RAFI", "is not an hour animal"),
        ("SO-OX-RAFI ☀OX-ZZZZ-RAFI", "is not an FC60 token"),
    ],
)
def test_a_malformed_stamp_is_422_naming_stamp(reader, stamp, message):
    response = reader.post(URL, {"stamp": stamp}, format="json")
    assert response.status_code == 422
    [error] = response.json()["detail"]
    assert error["loc"] == ["body", "stamp"]
    assert message in error["msg"]


@pytest.mark.parametrize("body", [{}, {"stamp": 42}, {"stamp": None}])
def test_a_missing_or_non_text_stamp_is_422_naming_stamp(reader, body):
    response = reader.post(URL, body, format="json")
    assert response.status_code == 422
    assert response.json()["detail"][0]["loc"] == ["body", "stamp"]


def test_without_credentials_it_is_401():
    response = APIClient().post(URL, {"stamp": "SO-OX-RAFI"}, format="json")
    assert response.status_code == 401
    assert response.json() == {"detail": "Not authenticated"}


def test_it_stores_nothing(reader):
    reader.post(URL, {"stamp": encode_fc60(2026, 2, 8)["stamp"]}, format="json")
    assert not AuditLog.objects.exists()


def test_it_is_in_the_openapi_schema(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert "post" in paths["/api/oracle/validate-stamp"]

"""The engines' refusals reach the core as `nps.core.errors.InvalidField` on the field they name
(`oracle.services.engine_errors`): the core's page helper and API handler know no engine."""

import pytest
from django import forms

from nps.accounts.principal import principal_for_account
from nps.accounts.tests.factories import UserFactory
from nps.core.api import exception_handler
from nps.core.errors import InvalidField
from nps.core.pages import service_errors
from oracle.engines.errors import EngineError, InvalidDateError, UnparseableInputError
from oracle.models import Reading
from oracle.services import readings
from oracle.services.engine_errors import engine_input


class BirthdayForm(forms.Form):
    birthday = forms.DateField()


def refuse(error: EngineError):
    with engine_input():
        raise error


def test_an_engine_refusal_becomes_an_invalid_field_keeping_its_field_and_message():
    with pytest.raises(InvalidField) as raised:
        refuse(InvalidDateError("That date does not exist.", field="birthday"))
    assert raised.value.path == ("birthday",)
    assert str(raised.value) == "That date does not exist."
    assert isinstance(raised.value.__cause__, InvalidDateError)


def test_an_engine_refusal_lands_beside_its_field_on_a_page():
    form = BirthdayForm({"birthday": "1990-03-21"})
    assert form.is_valid()
    with service_errors(form):
        refuse(InvalidDateError("That date does not exist.", field="birthday"))
    assert form.errors == {"birthday": ["That date does not exist."]}


def test_an_engine_refusal_is_the_apis_422_value_error_naming_the_field():
    with pytest.raises(InvalidField) as raised:
        refuse(UnparseableInputError("Not an FC60 stamp.", field="stamp"))
    response = exception_handler(raised.value, {"request": None})
    assert response.status_code == 422
    assert response.data == {
        "detail": [{"type": "value_error", "loc": ["body", "stamp"], "msg": "Not an FC60 stamp."}]
    }


def test_an_engine_refusal_without_a_field_names_the_body():
    with pytest.raises(InvalidField) as raised:
        refuse(EngineError("Cannot compute this."))
    assert raised.value.path == ("body",)


@pytest.mark.django_db
def test_the_reading_services_raise_invalid_field_for_what_the_engines_refuse():
    principal = principal_for_account(UserFactory(), auth_type="session")
    with pytest.raises(InvalidField) as raised:
        readings.create_time_reading(principal=principal, datetime_text="0001-01-01", use_ai=False)
    assert raised.value.path == ("datetime",)
    with pytest.raises(InvalidField) as raised:
        readings.create_name_reading(principal=principal, name="  ", use_ai=False)
    assert raised.value.path == ("name",)
    assert not Reading.objects.exists()


@pytest.mark.django_db
def test_a_malformed_stamp_is_a_422_naming_stamp(api_as):
    response = api_as().post("/api/oracle/validate-stamp", {"stamp": "nonsense"}, format="json")
    assert response.status_code == 422, response.content
    (error,) = response.json()["detail"]
    assert error["loc"] == ["body", "stamp"]

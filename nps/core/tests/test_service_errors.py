"""`nps.core.pages.service_errors`: service errors as a page shows them."""

import pytest
from django import forms
from django.core.exceptions import PermissionDenied
from django.http import Http404

from nps.core.errors import Conflict, Forbidden, InvalidField, NotFound
from nps.core.pages import service_errors
from oracle.engines.errors import InvalidDateError


class ProfileForm(forms.Form):
    name = forms.CharField()
    birthday = forms.DateField()


def valid_form() -> ProfileForm:
    form = ProfileForm({"name": "Hamzeh", "birthday": "1990-03-21"})
    assert form.is_valid()
    return form


def raise_(error):
    raise error


def test_invalid_field_becomes_an_error_on_that_field():
    form = valid_form()
    with service_errors(form):
        raise_(InvalidField("name", "Name must contain letters."))
    assert form.errors == {"name": ["Name must contain letters."]}
    assert not form.is_valid()


def test_invalid_nested_field_lands_on_its_innermost_name():
    form = valid_form()
    with service_errors(form):
        raise_(InvalidField(("users", 0, "birthday"), "Birthday is in the future."))
    assert form.errors == {"birthday": ["Birthday is in the future."]}


def test_invalid_field_the_form_does_not_have_becomes_a_non_field_error():
    form = valid_form()
    with service_errors(form):
        raise_(InvalidField("scopes", "Unknown scope."))
    assert form.non_field_errors() == ["Unknown scope."]


def test_engine_error_becomes_an_error_on_its_field():
    form = valid_form()
    with service_errors(form):
        raise_(InvalidDateError("That date does not exist.", field="birthday"))
    assert form.errors == {"birthday": ["That date does not exist."]}


def test_conflict_becomes_a_non_field_error():
    form = valid_form()
    with service_errors(form):
        raise_(Conflict("User with this name and birthday already exists"))
    assert form.non_field_errors() == ["User with this name and birthday already exists"]


def test_block_without_errors_leaves_the_form_valid():
    form = valid_form()
    with service_errors(form):
        result = "created"
    assert result == "created"
    assert form.is_valid()


def test_not_found_becomes_the_404_page():
    with pytest.raises(Http404, match="Profile not found"), service_errors(valid_form()):
        raise_(NotFound("Profile not found"))


def test_forbidden_becomes_the_403_page():
    with pytest.raises(PermissionDenied, match="Forbidden"), service_errors(valid_form()):
        raise_(Forbidden())


def test_other_errors_propagate():
    with pytest.raises(KeyError), service_errors(valid_form()):
        raise_(KeyError("not a service error"))

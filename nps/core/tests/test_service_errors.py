"""Service errors as a page shows them: `nps.core.pages.service_errors` (field errors and
conflicts on the form), `PageGuardMiddleware` (404 / 403 pages) and `require_scope`."""

from types import SimpleNamespace

import pytest
from django import forms
from django.core.exceptions import PermissionDenied

from nps.core.errors import Conflict, Forbidden, InvalidField, NotFound
from nps.core.page_guards import PageGuardMiddleware
from nps.core.pages import require_scope, service_errors


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


def test_not_found_and_forbidden_are_left_to_the_middleware():
    for error in (NotFound("Profile not found"), Forbidden()):
        with pytest.raises(type(error)), service_errors(valid_form()):
            raise_(error)


def test_an_unbound_form_takes_the_error_too():
    form = ProfileForm()
    with service_errors(form):
        raise_(InvalidField("name", "Name must contain letters."))
    assert form.errors == {"name": ["Name must contain letters."]}


def test_a_service_not_found_raised_by_a_page_view_is_the_404_page(rf):
    request = rf.get("/somewhere")
    response = PageGuardMiddleware(lambda r: None).process_exception(
        request, NotFound("Profile not found")
    )
    assert response.status_code == 404
    assert "Page not found" in response.content.decode()


def test_a_service_forbidden_raised_by_a_page_view_is_the_403_page(rf):
    request = rf.post("/somewhere")
    response = PageGuardMiddleware(lambda r: None).process_exception(request, Forbidden())
    assert response.status_code == 403
    assert "Access denied" in response.content.decode()


def test_the_middleware_leaves_api_errors_to_the_api(rf):
    request = rf.get("/api/oracle/users/9")
    assert PageGuardMiddleware(lambda r: None).process_exception(request, NotFound()) is None


def test_require_scope_answers_403_without_the_scope_and_runs_the_view_with_it(rf):
    @require_scope("oracle:write", "Read only.")
    def view(request):
        return "ran"

    request = rf.post("/somewhere")
    request.principal = SimpleNamespace(has_scope=lambda scope: False)
    with pytest.raises(PermissionDenied, match="Read only"):
        view(request)
    request.principal = SimpleNamespace(has_scope=lambda scope: scope == "oracle:write")
    assert view(request) == "ran"


def test_other_errors_propagate():
    with pytest.raises(KeyError), service_errors(valid_form()):
        raise_(KeyError("not a service error"))

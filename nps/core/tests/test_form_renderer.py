"""Every form field renders through `nps/core/jinja2/forms/field.html` (FORM_RENDERER)."""

import re

from django import forms


class BirthForm(forms.Form):
    name = forms.CharField(label="Full name", help_text="As on the birth certificate.")
    birthday = forms.DateField()


def tag(html: str, name: str) -> str:
    return re.search(rf"<{name}\b[^>]*>", html).group(0)


def test_field_group_has_the_label_help_text_and_input():
    html = BirthForm()["name"].as_field_group()
    assert '<label for="id_name">Full name</label>' in html
    assert '<p class="help" id="id_name_helptext">As on the birth certificate.</p>' in html
    assert 'aria-describedby="id_name_helptext"' in tag(html, "input")
    assert "aria-invalid" not in html
    assert "field-errors" not in html


def test_invalid_field_is_marked_and_linked_to_its_errors():
    form = BirthForm({"name": "", "birthday": "not a date"})
    assert not form.is_valid()
    html = form["birthday"].as_field_group()
    errors = tag(html, "ul")
    assert 'id="id_birthday_error"' in errors
    assert 'role="alert"' in errors
    assert "Enter a valid date." in html
    field_input = tag(html, "input")
    assert 'aria-invalid="true"' in field_input
    assert 'aria-describedby="id_birthday_error"' in field_input


def test_invalid_field_with_help_text_is_described_by_both():
    form = BirthForm({"name": ""})
    form.is_valid()
    field_input = tag(form["name"].as_field_group(), "input")
    assert 'aria-describedby="id_name_helptext id_name_error"' in field_input


def test_valid_field_of_a_bound_form_is_not_marked_invalid():
    form = BirthForm({"name": "Hamzeh", "birthday": "bad"})
    form.is_valid()
    assert "aria-invalid" not in form["name"].as_field_group()


def test_widgets_render_with_jinja2_and_the_admins_own_with_django():
    from django.forms.renderers import get_default_renderer
    from django.template.backends.django import Template as DjangoTemplate
    from django.template.backends.jinja2 import Template as Jinja2Template

    renderer = get_default_renderer()
    assert isinstance(renderer.get_template("django/forms/widgets/select.html"), Jinja2Template)
    admin_widget = renderer.get_template("admin/widgets/related_widget_wrapper.html")
    assert isinstance(admin_widget, DjangoTemplate)


def test_a_select_renders_its_choices_escaped_and_the_chosen_one_selected():
    field = forms.ChoiceField(choices=[("a", "<b>A</b>"), ("b", "The browser's")])
    html = field.widget.render("pick", "b", attrs={"id": "id_pick"})
    assert '<option value="a">&lt;b&gt;A&lt;/b&gt;</option>' in html
    assert re.search(r'<option value="b" selected>The browser(&#39;|&#x27;)s</option>', html)

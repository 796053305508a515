"""The project's form renderer: every field renders through one template, and widgets render
with Jinja2.

A page of forms (the settings page has 18 fields, the history page a filter of 10) spent most of
its time in Django's template engine rendering widget templates (`<select>` options one include
each); Django ships the same widget templates for Jinja2 (`django/forms/jinja2`), which render
the same HTML several times faster (docs/PERFORMANCE.md). A template only the Django engine has —
the admin's widgets (`admin/widgets/…`) — renders with it, so the admin is unchanged.
"""

from pathlib import Path

import django.forms
from django.forms.renderers import BaseRenderer
from django.template import TemplateDoesNotExist
from django.template.backends.django import DjangoTemplates
from django.template.backends.jinja2 import Jinja2
from django.utils.functional import cached_property

DJANGO_FORMS_JINJA2 = Path(django.forms.__file__).parent / "jinja2"


class FormRenderer(BaseRenderer):
    """Jinja2 first (`<app>/jinja2/` — `nps/core/jinja2/forms/field.html` is the field template
    — then Django's widget templates), the project's Django templates for the rest."""

    field_template_name = "forms/field.html"

    @cached_property
    def jinja2(self) -> Jinja2:
        return Jinja2(
            {"APP_DIRS": True, "DIRS": [DJANGO_FORMS_JINJA2], "NAME": "forms", "OPTIONS": {}}
        )

    @cached_property
    def django(self) -> DjangoTemplates:
        from django.template import engines

        return engines["django"]

    def get_template(self, template_name):
        try:
            return self.jinja2.get_template(template_name)
        except TemplateDoesNotExist:
            return self.django.get_template(template_name)

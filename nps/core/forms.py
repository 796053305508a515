"""The project's form renderer: every field renders through one template."""

from django.forms.renderers import TemplatesSetting


class FormRenderer(TemplatesSetting):
    """Forms render with the project's template engine (so `templates/` can override Django's form
    templates), and `{{ form.name.as_field_group }}` through `templates/forms/field.html`."""

    field_template_name = "forms/field.html"

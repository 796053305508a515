"""A test-only page showing the form widgets (`@pytest.mark.urls(...)`); not part of the product."""

from datetime import date

from django import forms
from django.http import HttpResponse
from django.template import engines
from django.urls import path

from nps import urls as site_urls
from nps.core.widgets import (
    DualCalendarDateInput,
    PersianKeyboardInput,
    PersianKeyboardTextarea,
)

PAGE = engines["django"].from_string(
    """{% extends "base.html" %}
{% block head %}{{ form.media }}{% endblock %}
{% block content %}
<h1>Widgets</h1>
<form method="get" class="card narrow">
  {{ form.name.as_field_group }}
  {{ form.question.as_field_group }}
  {{ form.birthday.as_field_group }}
  {{ form.day.as_field_group }}
  <button type="submit" class="button primary">Send</button>
</form>
{% endblock %}"""
)


class DemoForm(forms.Form):
    name = forms.CharField(label="Name", required=False, widget=PersianKeyboardInput())
    question = forms.CharField(
        label="Question", required=False, widget=PersianKeyboardTextarea(attrs={"rows": 3})
    )
    birthday = forms.DateField(
        label="Birthday",
        required=False,
        widget=DualCalendarDateInput(min_date=date(1921, 3, 21), max_date=date.today),
    )
    day = forms.DateField(label="Day", required=False, widget=DualCalendarDateInput())


def demo(request):
    form = DemoForm(request.GET or None)
    return HttpResponse(PAGE.render({"form": form}, request))


urlpatterns = [path("widget-demo", demo, name="widget-demo"), *site_urls.urlpatterns]

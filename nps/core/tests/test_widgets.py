"""The form widgets render plain, working HTML controls that their scripts can find."""

import json
import re
from datetime import date
from html import unescape

from django import forms
from django.utils import translation

from nps.core.widgets import DualCalendarDateInput, PersianKeyboardInput, PersianKeyboardTextarea


def tag(html: str, name: str) -> str:
    return re.search(rf"<{name}\b[^>]*>", html).group(0)


def attribute(html_tag: str, name: str) -> str:
    return unescape(re.search(rf'\b{name}="([^"]*)"', html_tag).group(1))


class KeyboardForm(forms.Form):
    name = forms.CharField(widget=PersianKeyboardInput(attrs={"maxlength": 40}))
    question = forms.CharField(widget=PersianKeyboardTextarea(attrs={"rows": 3}))


def test_keyboard_input_is_a_persian_right_to_left_text_input():
    html = KeyboardForm(initial={"name": "علی"})["name"].as_widget()
    field = tag(html, "input")
    assert 'type="text"' in field
    assert 'lang="fa"' in field
    assert 'dir="rtl"' in field
    assert 'value="علی"' in field
    assert 'maxlength="40"' in field


def test_keyboard_input_carries_its_labels_for_the_script():
    field = tag(KeyboardForm()["name"].as_widget(), "input")
    strings = json.loads(attribute(field, "data-persian-keyboard"))
    assert strings["toggle"] == "Toggle Persian keyboard"
    assert strings["close"] == "Close keyboard"
    assert strings["backspace"] == "Backspace"


def test_keyboard_labels_follow_the_active_language():
    with translation.override("fa"):
        field = tag(KeyboardForm()["name"].as_widget(), "input")
    strings = json.loads(attribute(field, "data-persian-keyboard"))
    assert strings["space"] == "فاصله"


def test_keyboard_textarea_is_persian_right_to_left_too():
    field = tag(KeyboardForm()["question"].as_widget(), "textarea")
    assert 'lang="fa"' in field and 'dir="rtl"' in field and 'rows="3"' in field
    assert "data-persian-keyboard" in field


def test_keyboard_media_is_a_deferred_script_and_no_stylesheet():
    media = str(KeyboardForm().media)
    assert '<script src="/static/js/persian-keyboard.js" defer></script>' in media
    assert "<link" not in media  # the widgets' style is in base.html's nps.css
    assert media.count("persian-keyboard.js") == 1


class DateForm(forms.Form):
    birthday = forms.DateField(
        widget=DualCalendarDateInput(min_date=date(1921, 3, 21), max_date=date.today)
    )
    day = forms.DateField(required=False, widget=DualCalendarDateInput())


def test_calendar_input_is_a_native_date_input_with_the_iso_value():
    field = tag(DateForm(initial={"birthday": date(1991, 3, 21)})["birthday"].as_widget(), "input")
    assert 'type="date"' in field
    assert 'value="1991-03-21"' in field


def test_calendar_input_keeps_the_iso_value_in_persian_too():
    with translation.override("fa"):
        field = tag(DateForm(initial={"day": date(1991, 3, 21)})["day"].as_widget(), "input")
    assert 'value="1991-03-21"' in field


def test_calendar_limits_become_min_and_max_and_a_callable_is_called_at_render():
    field = tag(DateForm()["birthday"].as_widget(), "input")
    assert 'min="1921-03-21"' in field
    assert f'max="{date.today().isoformat()}"' in field
    unlimited = tag(DateForm()["day"].as_widget(), "input")
    assert "min=" not in unlimited and "max=" not in unlimited


def test_calendar_form_field_accepts_the_iso_date_it_submits():
    form = DateForm({"birthday": "1991-03-21", "day": ""})
    assert form.is_valid(), form.errors
    assert form.cleaned_data["birthday"] == date(1991, 3, 21)


def test_calendar_strings_and_month_names_follow_the_active_language():
    with translation.override("fa"):
        field = tag(DateForm()["day"].as_widget(), "input")
    strings = json.loads(attribute(field, "data-calendar-picker"))
    assert strings["jalali"] == "شمسی"
    assert strings["gregorian"] == "میلادی"
    assert strings["months"][2] == "مارس"
    assert strings["weekdays"] == ["ی", "د", "س", "چ", "پ", "ج", "ش"]
    english = json.loads(
        attribute(tag(DateForm()["day"].as_widget(), "input"), "data-calendar-picker")
    )
    assert english["months"][0] == "January"
    assert english["weekdays"][0] == "Su"


def test_calendar_media_is_a_module_script_and_no_stylesheet():
    media = str(DateForm().media)
    assert '<script src="/static/js/calendar-picker.js" type="module"></script>' in media
    assert "<link" not in media


def test_both_widgets_in_one_form_load_each_script_once():
    class Both(KeyboardForm, DateForm):
        pass

    media = str(Both().media)
    assert media.count("persian-keyboard.js") == 1 and media.count("calendar-picker.js") == 1
    assert "persian-keyboard.js" in media and "calendar-picker.js" in media

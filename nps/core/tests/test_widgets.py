"""The form widgets render plain, working HTML controls that their scripts can find."""

import json
import re

from django import forms

from nps.core.widgets import PersianKeyboardInput, PersianKeyboardTextarea


def tag(html: str, name: str) -> str:
    return re.search(rf"<{name}\b[^>]*>", html).group(0)


def attribute(html_tag: str, name: str) -> str:
    from html import unescape

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
    from django.utils import translation

    with translation.override("fa"):
        field = tag(KeyboardForm()["name"].as_widget(), "input")
    strings = json.loads(attribute(field, "data-persian-keyboard"))
    assert strings["space"] == "فاصله"


def test_keyboard_textarea_is_persian_right_to_left_too():
    field = tag(KeyboardForm()["question"].as_widget(), "textarea")
    assert 'lang="fa"' in field and 'dir="rtl"' in field and 'rows="3"' in field
    assert "data-persian-keyboard" in field


def test_keyboard_media_loads_a_deferred_script_and_the_widget_stylesheet():
    media = str(KeyboardForm().media)
    assert '<script src="/static/js/persian-keyboard.js" defer></script>' in media
    assert '<link href="/static/css/widgets.css" media="all" rel="stylesheet">' in media
    assert media.count("persian-keyboard.js") == 1

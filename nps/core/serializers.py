"""Serializer fields with JSON's types taken at their word (V4's pydantic models did the same).

DRF would turn `{"name": 123}` into "123" and `{"limit": true}` into 1; these fields refuse them
with a 422 that names the field instead.
"""

from rest_framework import serializers

from nps.core import dates


class StrictCharField(serializers.CharField):
    default_error_messages = {"type": "Input should be a valid string."}

    def to_internal_value(self, data):
        if not isinstance(data, str):
            self.fail("type")
        return super().to_internal_value(data)


class StrictIntegerField(serializers.IntegerField):
    default_error_messages = {"type": "Input should be a valid integer."}

    def to_internal_value(self, data):
        if isinstance(data, bool) or not isinstance(data, int):
            self.fail("type")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    default_error_messages = {"type": "Input should be a valid boolean."}

    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("type")
        return data


class StrictListField(serializers.ListField):
    default_error_messages = {"type": "Input should be a valid list."}

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("type")
        return super().to_internal_value(data)


class EntryDateField(serializers.DateField):
    """A date a person enters (a birthday, a filter's day): `YYYY-MM-DD` in the years
    `nps.core.dates.MIN_YEAR`–`MAX_YEAR`, or a 422 naming the field."""

    default_error_messages = {"year_range": "Use a year from {first} to {last}."}

    def to_internal_value(self, data):
        value = super().to_internal_value(data)
        if dates.year_out_of_range(value):
            self.fail("year_range", first=dates.MIN_YEAR, last=dates.MAX_YEAR)
        return value

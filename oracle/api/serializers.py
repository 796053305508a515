"""Request and response shapes of the oracle API (V4's pydantic models, field for field)."""

import datetime
import zoneinfo

from django.utils import timezone
from rest_framework import serializers

from nps.core.serializers import StrictCharField, StrictIntegerField
from oracle.models import Gender, NumerologySystem, OracleUser

TIMEZONES = frozenset(zoneinfo.available_timezones())


def validate_timezone_name(value: str) -> str:
    if value not in TIMEZONES:
        raise serializers.ValidationError(
            f"Unknown time zone {value!r}: use an IANA name such as Asia/Tehran or UTC."
        )
    return value


class PageQuery(serializers.Serializer):
    """`limit` / `offset` of V4's list endpoints."""

    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)
    offset = serializers.IntegerField(min_value=0, default=0)


class ProfileListQuery(PageQuery):
    search = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class ProfileWrite(serializers.Serializer):
    """`OracleUserCreate` (all required fields) and, with `partial=True`, `OracleUserUpdate`."""

    name = StrictCharField(min_length=2, max_length=200)
    name_persian = StrictCharField(
        max_length=200, required=False, allow_null=True, allow_blank=True
    )
    birthday = serializers.DateField()
    mother_name = StrictCharField(min_length=1, max_length=200)
    mother_name_persian = StrictCharField(
        max_length=200, required=False, allow_null=True, allow_blank=True
    )
    country = StrictCharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    city = StrictCharField(max_length=100, required=False, allow_null=True, allow_blank=True)
    latitude = serializers.FloatField(min_value=-90, max_value=90, required=False, allow_null=True)
    longitude = serializers.FloatField(
        min_value=-180, max_value=180, required=False, allow_null=True
    )
    timezone = StrictCharField(max_length=64, required=False, validators=[validate_timezone_name])
    gender = serializers.ChoiceField(choices=Gender.choices, required=False, allow_null=True)
    numerology_system = serializers.ChoiceField(choices=NumerologySystem.choices, required=False)

    def validate_name(self, value: str) -> str:
        if len(value.strip()) < 2:
            raise serializers.ValidationError("Name must have at least 2 characters.")
        if not any(character.isalpha() for character in value):
            raise serializers.ValidationError("Name must contain letters.")
        return value

    def validate_birthday(self, value: datetime.date) -> datetime.date:
        if value > timezone.localdate():
            raise serializers.ValidationError("Birthday cannot be in the future")
        return value

    def validate(self, attrs: dict) -> dict:
        has_latitude, has_longitude = "latitude" in attrs, "longitude" in attrs
        if has_latitude != has_longitude or (
            has_latitude and (attrs["latitude"] is None) != (attrs["longitude"] is None)
        ):
            raise serializers.ValidationError(
                {"latitude": ["Give latitude and longitude together (or both null)."]}
            )
        return attrs


class ProfileResponse(serializers.ModelSerializer):
    """`OracleUserResponse` plus the fields V4 lacked. Mother names are returned decrypted."""

    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = OracleUser
        fields = [
            "id",
            "name",
            "name_persian",
            "birthday",
            "mother_name",
            "mother_name_persian",
            "country",
            "city",
            "latitude",
            "longitude",
            "timezone",
            "gender",
            "numerology_system",
            "created_at",
            "updated_at",
        ]
        read_only_fields = fields


class ProfileList(serializers.Serializer):
    users = ProfileResponse(many=True)
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()


class ProfileIdField(StrictIntegerField):
    """An optional `user_id` naming one of the caller's profiles."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("default", None)
        kwargs.setdefault("min_value", 1)
        super().__init__(**kwargs)

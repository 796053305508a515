"""Request and response shapes of the oracle API (V4's pydantic models, field for field)."""

import datetime

from django.utils import timezone
from rest_framework import serializers

from nps.core import dates
from nps.core.privacy import masked
from nps.core.serializers import (
    EntryDateField,
    StrictBooleanField,
    StrictCharField,
    StrictIntegerField,
)
from nps.core.validators import validate_timezone_name
from oracle.engines.compose import parse_reading_datetime, resolve_timezone
from oracle.engines.errors import EngineError
from oracle.models import Gender, NumerologySystem, Profile, SignType
from oracle.services.profiles import PRIVATE_PROFILE_FIELDS
from oracle.services.readings import MAX_NAME_LENGTH, MAX_QUESTION_LENGTH
from oracle.validators import validate_persian_name

# PostgreSQL counts OFFSET and ids in bigint: larger numbers are a 422 here, not a 500 there.
MAX_OFFSET = 2**62
MAX_BIGINT = 2**63 - 1


class PageQuery(serializers.Serializer):
    """`limit` / `offset` of V4's list endpoints."""

    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)
    offset = serializers.IntegerField(min_value=0, max_value=MAX_OFFSET, default=0)


class ProfileListQuery(PageQuery):
    search = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")


class ProfileWrite(serializers.Serializer):
    """`OracleUserCreate` (all required fields) and, with `partial=True`, `OracleUserUpdate`."""

    name = StrictCharField(min_length=2, max_length=200)
    name_persian = StrictCharField(
        max_length=200, required=False, allow_null=True, allow_blank=True
    )
    birthday = EntryDateField()
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

    def validate_name_persian(self, value: str | None) -> str | None:
        validate_persian_name(value or "")
        return value

    def validate_mother_name_persian(self, value: str | None) -> str | None:
        # A caller who may not change the mother's names (a moderator) has them ignored, not judged.
        if not self.context.get("private_ignored"):
            validate_persian_name(value or "")
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
    """`OracleUserResponse` plus the fields V4 lacked. Mother names are returned decrypted to the
    profile's owner and to admins; to anyone else (a moderator) as the mask. Give the caller as
    ``context={"principal": …}``: without one, they are masked."""

    latitude = serializers.FloatField(read_only=True, allow_null=True)
    longitude = serializers.FloatField(read_only=True, allow_null=True)

    class Meta:
        model = Profile
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

    def to_representation(self, instance):
        data = super().to_representation(instance)
        principal = self.context.get("principal")
        if principal is None or not principal.may_read_private_texts(instance.owner_id):
            for field in PRIVATE_PROFILE_FIELDS:
                data[field] = masked(data[field])
        return data


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


# --------------------------------------------------------------------------------------------
# Readings, history and the audit query


def _valid_zone(value: str | None) -> str | None:
    """An IANA name or a ±HH:MM offset; blank means "not given" (the profile's zone, else UTC)."""
    if value is None or not value.strip():
        return None
    try:
        resolve_timezone(value)
    except EngineError as exc:
        raise serializers.ValidationError(str(exc)) from None
    return value.strip()


class ZoneField(StrictCharField):
    """`timezone`: an IANA name (Asia/Tehran) or a UTC offset (+03:30, -05:00)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("required", False)
        kwargs.setdefault("allow_null", True)
        kwargs.setdefault("allow_blank", True)
        kwargs.setdefault("default", None)
        kwargs.setdefault("max_length", 64)
        super().__init__(**kwargs)

    def to_internal_value(self, data):
        return _valid_zone(super().to_internal_value(data))


class StampRequest(serializers.Serializer):
    stamp = StrictCharField(
        max_length=100, help_text="An FC60 stamp, e.g. JO-OX-SNWA 🌙OX-ROWU-HOWU"
    )


class StampParts(serializers.Serializer):
    """What `decode_stamp` reads from a stamp (the time fields only when it has a time part)."""

    weekday_idx = serializers.IntegerField(help_text="0 = Sunday … 6 = Saturday")
    weekday_name = serializers.CharField()
    month = serializers.IntegerField()
    day = serializers.IntegerField()
    hour = serializers.IntegerField(required=False)
    minute = serializers.IntegerField(required=False)
    second = serializers.IntegerField(required=False)


class StampResponse(serializers.Serializer):
    """Schema only: the answer is `oracle.engines.compose.validate_stamp`'s dict."""

    valid = serializers.BooleanField()
    stamp = serializers.CharField()
    weekday = serializers.CharField()
    date = serializers.CharField(help_text="--MM-DD: a stamp carries no year")
    time = serializers.CharField(allow_null=True, help_text="HH:MM:SS, or null for a date stamp")
    has_time = serializers.BooleanField()
    decoded = StampParts()


class TimeReadingRequest(serializers.Serializer):
    """V4's `ReadingRequest` plus the profile and zone the reading is for."""

    datetime = StrictCharField(
        required=False,
        allow_null=True,
        allow_blank=True,
        default=None,
        max_length=64,
        trim_whitespace=False,
        help_text="YYYY-MM-DD or ISO 8601, a year from 1000 to 2999; empty or null = now.",
    )
    extended = StrictBooleanField(required=False, default=False, help_text="Accepted, ignored.")
    user_id = ProfileIdField(help_text="One of your profiles: its birth date and zone are used.")
    timezone = ZoneField()


class QuestionRequest(serializers.Serializer):
    question = StrictCharField(
        allow_blank=True, max_length=MAX_QUESTION_LENGTH, trim_whitespace=False
    )
    user_id = ProfileIdField()
    timezone = ZoneField()


class NameRequest(serializers.Serializer):
    name = StrictCharField(allow_blank=True, max_length=MAX_NAME_LENGTH, trim_whitespace=False)
    user_id = ProfileIdField()
    numerology_system = serializers.ChoiceField(
        choices=NumerologySystem.choices, required=False, allow_null=True, default=None
    )


class MultiUserInput(serializers.Serializer):
    """V4's `MultiUserInput`, with its messages; the birth date must also exist."""

    name = StrictCharField(allow_blank=True, max_length=200, trim_whitespace=False)
    birth_year = StrictIntegerField()
    birth_month = StrictIntegerField()
    birth_day = StrictIntegerField()
    user_id = ProfileIdField(source="profile_id")

    def validate_name(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("name must not be empty")
        return value

    def validate_birth_year(self, value: int) -> int:
        if not 1900 <= value <= 2030:
            raise serializers.ValidationError("birth_year must be between 1900 and 2030")
        return value

    def validate_birth_month(self, value: int) -> int:
        if not 1 <= value <= 12:
            raise serializers.ValidationError("birth_month must be between 1 and 12")
        return value

    def validate_birth_day(self, value: int) -> int:
        if not 1 <= value <= 31:
            raise serializers.ValidationError("birth_day must be between 1 and 31")
        return value

    def validate(self, attrs: dict) -> dict:
        year, month, day = attrs["birth_year"], attrs["birth_month"], attrs["birth_day"]
        try:
            datetime.date(year, month, day)
        except ValueError:
            raise serializers.ValidationError(
                {"birth_day": [f"{year:04d}-{month:02d}-{day:02d} is not a real date"]}
            ) from None
        return attrs


class MultiUserReadingRequest(serializers.Serializer):
    """V4's `MultiUserReadingRequest`."""

    users = MultiUserInput(many=True)
    primary_user_index = StrictIntegerField(required=False, default=0)
    include_interpretation = StrictBooleanField(required=False, default=True)

    def validate_users(self, value: list) -> list:
        if len(value) < 2:
            raise serializers.ValidationError("At least 2 users are required")
        if len(value) > 10:
            raise serializers.ValidationError("Maximum 10 users allowed")
        return value

    def validate(self, attrs: dict) -> dict:
        last = len(attrs["users"]) - 1
        if not 0 <= attrs["primary_user_index"] <= last:
            raise serializers.ValidationError(
                {"primary_user_index": [f"primary_user_index must be between 0 and {last}"]}
            )
        return attrs


class DailyQuery(serializers.Serializer):
    date = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=64,
        help_text="YYYY-MM-DD or ISO 8601, a year 1000–2999; empty = today in the zone.",
    )
    user_id = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)
    timezone = ZoneField()

    def validate_date(self, value: str) -> str:
        try:
            moment = parse_reading_datetime(value, default=timezone.now())
        except EngineError as exc:
            raise serializers.ValidationError(str(exc)) from None
        if dates.year_out_of_range(moment):
            raise serializers.ValidationError(dates.range_message(), code="year_range")
        return value


class SkyQuery(serializers.Serializer):
    datetime = serializers.CharField(
        required=False,
        allow_blank=True,
        default="",
        max_length=64,
        help_text="YYYY-MM-DD (midnight) or ISO 8601, years 1900–2050 (the ephemeris); "
        "empty = now.",
    )
    tz = ZoneField(help_text="IANA name (Asia/Tehran) or UTC offset (+03:30); default UTC.")

    def validate_datetime(self, value: str) -> str:
        try:
            parse_reading_datetime(value, default=timezone.now())
        except EngineError as exc:
            raise serializers.ValidationError(str(exc)) from None
        return value


class ReadingListQuery(PageQuery):
    # Optional filters: absent, empty or null all mean "no filter".
    sign_type = serializers.ChoiceField(
        choices=SignType.choices, required=False, allow_null=True, default=None
    )
    search = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    user_id = serializers.IntegerField(required=False, allow_null=True, min_value=1, default=None)
    date_from = EntryDateField(
        required=False, allow_null=True, default=None, help_text="YYYY-MM-DD, UTC, inclusive."
    )
    date_to = EntryDateField(
        required=False, allow_null=True, default=None, help_text="YYYY-MM-DD, UTC, inclusive."
    )
    is_favorite = serializers.BooleanField(required=False, allow_null=True, default=None)

    def validate(self, attrs: dict) -> dict:
        start, end = attrs["date_from"], attrs["date_to"]
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError({"date_to": ["date_to must not be before date_from"]})
        return attrs


class StoredReading(serializers.Serializer):
    """V4's `StoredReading` plus `is_favorite`, `is_multi_user`, `primary_user_id` (schema only:
    the readings service builds the items)."""

    id = serializers.IntegerField()
    user_id = serializers.IntegerField(allow_null=True)
    sign_type = serializers.ChoiceField(choices=SignType.choices)
    sign_value = serializers.CharField()
    question = serializers.CharField(allow_null=True)
    reading_result = serializers.JSONField(allow_null=True, help_text="The endpoint's response.")
    ai_interpretation = serializers.CharField(
        allow_null=True, help_text="The main text; for multi-user readings V4's JSON text."
    )
    created_at = serializers.DateTimeField()
    is_favorite = serializers.BooleanField()
    is_multi_user = serializers.BooleanField()
    primary_user_id = serializers.IntegerField(allow_null=True)


class ReadingList(serializers.Serializer):
    readings = StoredReading(many=True)
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()


class FavoriteResponse(serializers.Serializer):
    id = serializers.IntegerField()
    is_favorite = serializers.BooleanField()


class AuditQuery(PageQuery):
    action = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, default=None, max_length=100
    )
    resource_type = serializers.CharField(
        required=False, allow_null=True, allow_blank=True, default=None, max_length=50
    )
    resource_id = serializers.IntegerField(
        required=False,
        allow_null=True,
        default=None,
        min_value=0,
        max_value=MAX_BIGINT,
        help_text="Without resource_type it means an oracle_user id (V4); 0 = no filter.",
    )
    limit = serializers.IntegerField(min_value=1, max_value=200, default=50)


class AuditEntry(serializers.Serializer):
    id = serializers.IntegerField()
    timestamp = serializers.DateTimeField()
    user_id = serializers.IntegerField(allow_null=True, help_text="The profile concerned.")
    action = serializers.CharField()
    resource_type = serializers.CharField(allow_null=True)
    resource_id = serializers.IntegerField(allow_null=True)
    success = serializers.BooleanField()
    ip_address = serializers.CharField(allow_null=True)
    api_key_hash = serializers.CharField(allow_null=True)
    details = serializers.JSONField(allow_null=True)
    actor_id = serializers.UUIDField(allow_null=True, help_text="The account that acted.")


class AuditList(serializers.Serializer):
    entries = AuditEntry(many=True)
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()

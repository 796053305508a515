"""Shapes of `/api/vault/...` (parsing only; the journal service decides)."""

from rest_framework import serializers

from oracle.models import SignType
from vault.models import Outcome
from vault.services import NOTE_MAX, TAG_MAX, TAGS_PER_ENTRY


class EntryListQuery(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=100, default=20)
    offset = serializers.IntegerField(min_value=0, max_value=1_000_000, default=0)
    search = serializers.CharField(required=False, allow_blank=True, max_length=200, default="")
    sign_type = serializers.ChoiceField(
        choices=SignType.choices, required=False, allow_null=True, default=None
    )
    tag = serializers.CharField(required=False, allow_blank=True, max_length=TAG_MAX, default="")
    user_id = serializers.IntegerField(
        required=False, allow_null=True, min_value=1, default=None, help_text="A profile's id."
    )
    month = serializers.RegexField(
        r"^\d{4}-\d{2}$", required=False, allow_blank=True, default="", help_text="YYYY-MM (UTC)."
    )
    pinned = serializers.BooleanField(required=False, allow_null=True, default=None)


class OutcomeBody(serializers.Serializer):
    result = serializers.ChoiceField(choices=Outcome.choices)
    date = serializers.DateField(required=False, allow_null=True, default=None)
    note = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=NOTE_MAX, default=""
    )


class EntryUpdate(serializers.Serializer):
    """Every field is optional: what is left out stays as it is."""

    note = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=NOTE_MAX, trim_whitespace=True
    )
    tags = serializers.ListField(
        child=serializers.CharField(max_length=TAG_MAX, allow_blank=True),
        required=False,
        max_length=TAGS_PER_ENTRY,
    )
    pinned = serializers.BooleanField(required=False)
    outcome = OutcomeBody(required=False, allow_null=True)


class OutcomeResponse(serializers.Serializer):
    result = serializers.CharField()
    date = serializers.DateField()
    note = serializers.CharField()
    oracle_answer = serializers.CharField(allow_null=True)


class EntryResponse(serializers.Serializer):
    reading_id = serializers.IntegerField()
    sign_type = serializers.CharField()
    sign_value = serializers.CharField()
    created_at = serializers.DateTimeField()
    profile_id = serializers.IntegerField(allow_null=True)
    is_favorite = serializers.BooleanField()
    question = serializers.CharField(allow_null=True)
    answer = serializers.CharField(allow_null=True)
    note = serializers.CharField()
    tags = serializers.ListField(child=serializers.CharField())
    pinned = serializers.BooleanField()
    outcome = OutcomeResponse(allow_null=True)


class EntryList(serializers.Serializer):
    entries = EntryResponse(many=True)
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()


class ExportQuery(serializers.Serializer):
    format = serializers.ChoiceField(choices=["json", "csv"], default="json")

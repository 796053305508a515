"""Shapes of `/api/learning/...` (parsing only; the learning service decides)."""

from rest_framework import serializers

from learning.services import TEXT_MAX


class SectionMark(serializers.Serializer):
    section = serializers.CharField(max_length=40)
    helpful = serializers.BooleanField(allow_null=True)


class FeedbackRequest(serializers.Serializer):
    rating = serializers.IntegerField(min_value=1, max_value=5)
    section_feedback = SectionMark(many=True, required=False, default=list)
    text_feedback = serializers.CharField(
        required=False, allow_blank=True, allow_null=True, max_length=TEXT_MAX, default=""
    )


class FeedbackResponse(serializers.Serializer):
    id = serializers.IntegerField()
    reading_id = serializers.IntegerField()
    user_id = serializers.CharField()
    rating = serializers.IntegerField()
    section_feedback = SectionMark(many=True)
    text_feedback = serializers.CharField(allow_null=True)
    created_at = serializers.DateTimeField()
    updated_at = serializers.DateTimeField()
    updated = serializers.BooleanField(required=False)


class LevelResponse(serializers.Serializer):
    level = serializers.IntegerField()
    name = serializers.CharField()
    xp = serializers.IntegerField()
    xp_next = serializers.IntegerField(allow_null=True)
    xp_floor = serializers.IntegerField()
    progress = serializers.FloatField()
    capabilities = serializers.ListField(child=serializers.CharField())


class InsightsQuery(serializers.Serializer):
    limit = serializers.IntegerField(min_value=1, max_value=100, default=10)

"""`/api/translation/...`: English ⇄ Persian translation."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from nps.core.api import ApiView
from nps.core.serializers import StrictCharField
from oracle.services import translation

LANGUAGE_MESSAGE = "language must be 'en' or 'fa'"


class TranslateRequest(serializers.Serializer):
    # Translated exactly as sent: whitespace is kept, and the limit is on the raw length.
    text = StrictCharField(trim_whitespace=False, allow_blank=True)
    source_lang = StrictCharField(trim_whitespace=False, allow_blank=True, default="en")
    target_lang = StrictCharField(trim_whitespace=False, allow_blank=True, default="fa")

    def validate_text(self, value: str) -> str:
        if not value.strip():
            raise serializers.ValidationError("text must not be empty")
        if len(value) > translation.MAX_TEXT_LENGTH:
            raise serializers.ValidationError(
                f"text must not exceed {translation.MAX_TEXT_LENGTH} characters"
            )
        return value

    def validate_source_lang(self, value: str) -> str:
        return self._language(value)

    def validate_target_lang(self, value: str) -> str:
        return self._language(value)

    @staticmethod
    def _language(value: str) -> str:
        if value not in translation.LANGUAGES:
            raise serializers.ValidationError(LANGUAGE_MESSAGE)
        return value


class TranslateResponse(serializers.Serializer):
    source_text = serializers.CharField()
    translated_text = serializers.CharField()
    source_lang = serializers.CharField()
    target_lang = serializers.CharField()
    preserved_terms = serializers.ListField(child=serializers.CharField())
    ai_generated = serializers.BooleanField()
    elapsed_ms = serializers.FloatField()
    cached = serializers.BooleanField()


class DetectQuery(serializers.Serializer):
    # Whitespace-only text is a valid question (answered with confidence 0.5), so it is not trimmed.
    text = serializers.CharField(trim_whitespace=False, max_length=translation.MAX_TEXT_LENGTH)


class DetectResponse(serializers.Serializer):
    text = serializers.CharField()
    detected_lang = serializers.ChoiceField(choices=translation.LANGUAGES)
    confidence = serializers.FloatField()


class CacheStatsResponse(serializers.Serializer):
    total_entries = serializers.IntegerField()
    max_entries = serializers.IntegerField()
    hit_count = serializers.IntegerField()
    miss_count = serializers.IntegerField()
    ttl_seconds = serializers.IntegerField()


class TranslateView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(
        request=TranslateRequest,
        responses={200: TranslateResponse},
        summary="Translate a reading between English and Persian, keeping the FC60 terms",
        description=(
            "Without AI configured (or when the AI fails) the text comes back unchanged with "
            "`ai_generated: false`. Only AI translations are cached (24 h); a call that reaches "
            "the AI counts against the caller's AI rate limit."
        ),
    )
    def post(self, request):
        body = TranslateRequest(data=request.data)
        body.is_valid(raise_exception=True)
        return Response(translation.translate(principal=self.principal, **body.validated_data))


class DetectView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[DetectQuery],
        responses={200: DetectResponse},
        summary="Tell English from Persian text",
    )
    def get(self, request):
        query = DetectQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        return Response(translation.detect(query.validated_data["text"]))


class CacheStatsView(ApiView):
    required_scope = "oracle:admin"

    @extend_schema(
        responses={200: CacheStatsResponse},
        summary="Translation cache size and hit/miss counts, across all workers",
    )
    def get(self, request):
        return Response(translation.cache_stats())

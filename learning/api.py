"""`/api/learning/...`: V4-later's paths and shapes, per account; the admin statistics."""

from typing import Any

from django.utils import timezone
from drf_spectacular.plumbing import build_array_type, build_basic_type
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from learning import services
from learning.models import ReadingFeedback
from learning.serializers import FeedbackRequest, FeedbackResponse, InsightsQuery, LevelResponse
from nps.accounts.principal import Principal
from nps.core.api import ApiView, path_int
from nps.core.privacy import masked

READING_ID = OpenApiParameter("reading_id", int, OpenApiParameter.PATH)

LIST_OF_OBJECTS = build_array_type(build_basic_type(OpenApiTypes.OBJECT))


def _parse(serializer_class, data) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def feedback_dict(feedback: ReadingFeedback, *, principal: Principal) -> dict[str, Any]:
    """A feedback in V4's shape; its comment is masked for a principal who may not read it (a
    moderator, another account's feedback)."""
    comment = feedback.text_feedback
    if not principal.may_read_private_texts(feedback.user_id):
        comment = masked(comment)
    return {
        "id": feedback.pk,
        "reading_id": feedback.reading_id,
        "user_id": str(feedback.user_id),
        "rating": feedback.rating,
        "section_feedback": services.section_list(feedback.section_feedback or {}),
        "text_feedback": comment,
        "created_at": feedback.created_at.isoformat(),
        "updated_at": feedback.updated_at.isoformat(),
    }


@extend_schema(parameters=[READING_ID])
class FeedbackView(ApiView):
    required_scopes = {"GET": "oracle:read", "POST": "oracle:write"}

    @extend_schema(
        responses={200: FeedbackResponse(many=True)},
        summary="Feedback on a reading (your own; admins and moderators see everyone's, "
        "moderators with other accounts' comments masked)",
    )
    def get(self, request, reading_id: str):
        rows = services.reading_feedback(
            principal=self.principal, reading_id=path_int(reading_id, "reading_id")
        )
        return Response([feedback_dict(row, principal=self.principal) for row in rows])

    @extend_schema(
        request=FeedbackRequest,
        responses={200: FeedbackResponse, 201: FeedbackResponse},
        summary="Rate a reading (one feedback per account and reading: a second one replaces it)",
        description="Sections: header, universal_address, core_identity, right_now, patterns, "
        "message, advice, caution, footer (V4's simple, action_steps and universe_message are "
        "accepted as core_identity, right_now and message). 201 when created, 200 when updated.",
    )
    def post(self, request, reading_id: str):
        number = path_int(reading_id, "reading_id")
        data = _parse(FeedbackRequest, request.data)
        feedback, updated = services.submit_feedback(
            principal=self.principal,
            reading_id=number,
            rating=data["rating"],
            section_feedback=data["section_feedback"],
            text_feedback=data["text_feedback"],
            client_address=self.client_address,
        )
        return Response(
            {**feedback_dict(feedback, principal=self.principal), "updated": updated},
            status=200 if updated else 201,
        )


class StatsView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(responses={200: LevelResponse}, summary="The account's level and XP")
    def get(self, request):
        return Response(services.account_level(self.principal).as_dict())


class InsightsView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[InsightsQuery],
        responses={200: LIST_OF_OBJECTS},
        summary="Rule-based insights and recommendations for the account",
    )
    def get(self, request):
        limit = _parse(InsightsQuery, request.query_params)["limit"]
        now = timezone.now().isoformat()
        found = services.insights(self.principal)[:limit]
        return Response(
            [
                {"id": n, **insight.as_dict(), "created_at": now}
                for n, insight in enumerate(found, 1)
            ]
        )


class AnalyzeView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        request=None,
        responses={200: OpenApiTypes.OBJECT},
        summary="Sentences about the account's feedback (V4's body is accepted and ignored)",
    )
    def post(self, request):
        return Response(services.analyze(self.principal))


class WeightsView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="Average rating / 5 per type")
    def get(self, request):
        return Response(services.weights(self.principal))


class PatternsView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(responses={200: LIST_OF_OBJECTS}, summary="Readings per type, last seen")
    def get(self, request):
        return Response(services.patterns(self.principal))


class OracleStatsView(ApiView):
    required_scope = "oracle:admin"

    @extend_schema(responses={200: OpenApiTypes.OBJECT}, summary="Admin: all feedback, adjustments")
    def get(self, request):
        return Response(services.admin_stats(principal=self.principal))


class RecalculateView(ApiView):
    required_scope = "oracle:admin"

    @extend_schema(
        request=None,
        responses={200: OpenApiTypes.OBJECT},
        summary="Admin: recompute the metrics and the prompt emphasis",
    )
    def post(self, request):
        return Response(
            services.recalculate(principal=self.principal, client_address=self.client_address)
        )

"""`/api/oracle/...`: readings, their history and the audit query (V4's paths and shapes).

Views parse, call `oracle.services.readings` / `history` / `audit_log`, and answer (history items
and audit entries in V4's shapes, `oracle.api.shapes`). A `user_id` in a body
that is not one of the caller's profiles is a 422 naming it; in a query string (history, daily)
it is a 404, like any other resource the caller may not see.
"""

from typing import Any

from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.response import Response

from nps.core.api import ApiView, path_int
from oracle.api.serializers import (
    AuditList,
    AuditQuery,
    DailyQuery,
    FavoriteResponse,
    MultiUserReadingRequest,
    NameRequest,
    QuestionRequest,
    ReadingList,
    ReadingListQuery,
    SkyQuery,
    StampRequest,
    StampResponse,
    StoredReading,
    TimeReadingRequest,
)
from oracle.api.shapes import audit_entry, reading_item
from oracle.engines.compose import validate_stamp
from oracle.services import audit_log, history, readings
from oracle.services.engine_errors import engine_input

READING_ID = OpenApiParameter("reading_id", int, OpenApiParameter.PATH)


def parse_query(serializer_class, request) -> dict[str, Any]:
    query = serializer_class(data=request.query_params)
    query.is_valid(raise_exception=True)
    return query.validated_data


def parse_body(serializer_class, request) -> dict[str, Any]:
    body = serializer_class(data=request.data)
    body.is_valid(raise_exception=True)
    return body.validated_data


READING_RESPONSE = (
    "V4's keys (fc60, numerology, zodiac, chinese, summary, generated_at), then fc60_encoding, "
    "systems, synchronicities, person (with user_id), ai_interpretation and reading_id."
)


class TimeReadingView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(
        request=TimeReadingRequest,
        responses={200: OpenApiTypes.OBJECT},
        summary="Reading of a moment (stored)",
        description=READING_RESPONSE,
    )
    def post(self, request):
        data = parse_body(TimeReadingRequest, request)
        return Response(
            readings.create_time_reading(
                principal=self.principal,
                client_address=self.client_address,
                datetime_text=data["datetime"],
                timezone_name=data["timezone"],
                profile_id=data["user_id"],
            )
        )


class QuestionView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(
        request=QuestionRequest,
        responses={200: OpenApiTypes.OBJECT},
        summary="Yes/no/maybe question asked now (stored; the question is encrypted)",
        description="V4's keys (question, answer, sign_number, interpretation, confidence), then "
        "moment, sign_meaning, fc60, moon, advice, fc60_encoding, person, ai_interpretation and "
        "reading_id.",
    )
    def post(self, request):
        data = parse_body(QuestionRequest, request)
        return Response(
            readings.create_question_reading(
                principal=self.principal,
                client_address=self.client_address,
                question=data["question"],
                timezone_name=data["timezone"],
                profile_id=data["user_id"],
            )
        )


class NameView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(
        request=NameRequest,
        responses={200: OpenApiTypes.OBJECT},
        summary="Numerology of a name (stored; the name is encrypted)",
        description="V4's keys (name, destiny_number, soul_urge, personality, letters, "
        "interpretation), then numerology_system, chaldean, life_path, person, "
        "ai_interpretation and reading_id.",
    )
    def post(self, request):
        data = parse_body(NameRequest, request)
        return Response(
            readings.create_name_reading(
                principal=self.principal,
                client_address=self.client_address,
                name=data["name"],
                numerology_system=data["numerology_system"],
                profile_id=data["user_id"],
            )
        )


class MultiUserView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(
        request=MultiUserReadingRequest,
        responses={200: OpenApiTypes.OBJECT},
        summary="Group reading of 2–10 people (stored)",
        description="V4's MultiUserReadingResponse: user_count, pair_count, computation_ms, "
        "profiles, pairwise_compatibility, group_energy, group_dynamics, ai_interpretation, "
        "reading_id.",
    )
    def post(self, request):
        data = parse_body(MultiUserReadingRequest, request)
        return Response(
            readings.create_multi_user_reading(
                principal=self.principal,
                client_address=self.client_address,
                users=[readings.MultiUserMember(**user) for user in data["users"]],
                primary_user_index=data["primary_user_index"],
                include_interpretation=data["include_interpretation"],
            )
        )


class DailyView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[DailyQuery],
        responses={200: OpenApiTypes.OBJECT},
        summary="Insight of a day (stored once per profile and day)",
        description="V4's keys (date, insight, lucky_numbers, optimal_activity), then day_number, "
        "quality, fc60, moon, fc60_encoding, personal and person (with user_id), "
        "ai_interpretation, and `reading_id`: the day's reading is stored (sign_type `daily`) "
        "once per account, profile (or none) and local day; asking again that day returns the "
        "stored one. A caller without `oracle:write` (or V4's shared secret) gets it computed, "
        "without `reading_id`.",
    )
    def get(self, request):
        query = parse_query(DailyQuery, request)
        result = readings.daily_reading(
            principal=self.principal,
            date_text=query["date"],
            timezone_name=query["timezone"],
            profile_id=query["user_id"],
            store=True,
            client_address=self.client_address,
        )
        return Response(result)


class SkyView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[SkyQuery],
        responses={200: OpenApiTypes.OBJECT},
        summary="The Moon and Sun in the sky at a moment (ephemeris; not stored)",
        description="`sky`: the real Moon's phase (named with FC60's eight sectors), "
        "illumination (%), age (days since the last new moon), ecliptic longitude and sign; the "
        "Sun's longitude and sign; the previous new moon and the next new and full moon (in the "
        "moment's zone); `fc60_phase` and `agrees_with_fc60` compare it with FC60's symbolic "
        "moon. `method`: the conventions (time zone, UTC offset, models, engine version). A "
        "moment outside 1900–2050 is a 422 naming `datetime`.",
    )
    def get(self, request):
        query = parse_query(SkyQuery, request)
        return Response(
            readings.sky_reading(datetime_text=query["datetime"], timezone_name=query["tz"])
        )


class ValidateStampView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        request=StampRequest,
        responses={200: StampResponse},
        summary="Read an FC60 stamp back into the moment it names",
        description="A malformed stamp is a 422 naming `stamp`. A stamp carries no year: the "
        "date is `--MM-DD`.",
    )
    def post(self, request):
        data = parse_body(StampRequest, request)
        with engine_input():
            return Response(validate_stamp(data["stamp"]))


class ReadingsView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[ReadingListQuery],
        responses={200: ReadingList},
        summary="Your readings, newest first, filtered",
        operation_id="api_oracle_readings_list",
    )
    def get(self, request):
        query = parse_query(ReadingListQuery, request)
        page = history.list_readings(
            principal=self.principal,
            limit=query["limit"],
            offset=query["offset"],
            sign_type=query["sign_type"],
            search=query["search"],
            profile_id=query["user_id"],
            date_from=query["date_from"],
            date_to=query["date_to"],
            is_favorite=query["is_favorite"],
            client_address=self.client_address,
        )
        return Response(
            {
                "readings": [
                    reading_item(reading, principal=self.principal) for reading in page.readings
                ],
                "total": page.total,
                "limit": query["limit"],
                "offset": query["offset"],
            }
        )


@extend_schema(parameters=[READING_ID])
class ReadingView(ApiView):
    required_scopes = {"GET": "oracle:read", "DELETE": "oracle:write"}

    @extend_schema(responses={200: StoredReading})
    def get(self, request, reading_id: str):
        reading = history.read_reading(
            principal=self.principal,
            reading_id=path_int(reading_id, "reading_id"),
            client_address=self.client_address,
        )
        return Response(reading_item(reading, principal=self.principal))

    @extend_schema(responses={200: StoredReading}, summary="Delete a reading (restorable)")
    def delete(self, request, reading_id: str):
        reading = history.delete_reading(
            principal=self.principal,
            reading_id=path_int(reading_id, "reading_id"),
            client_address=self.client_address,
        )
        return Response(reading_item(reading, principal=self.principal))


@extend_schema(parameters=[READING_ID])
class ReadingRestoreView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(request=None, responses={200: StoredReading}, summary="Undo a delete")
    def post(self, request, reading_id: str):
        reading = history.restore_reading(
            principal=self.principal,
            reading_id=path_int(reading_id, "reading_id"),
            client_address=self.client_address,
        )
        return Response(reading_item(reading, principal=self.principal))


@extend_schema(parameters=[READING_ID])
class ReadingFavoriteView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(request=None, responses={200: FavoriteResponse}, summary="Toggle favourite")
    def patch(self, request, reading_id: str):
        reading = history.toggle_favorite(
            principal=self.principal,
            reading_id=path_int(reading_id, "reading_id"),
            client_address=self.client_address,
        )
        return Response({"id": reading.pk, "is_favorite": reading.is_favorite})


class AuditView(ApiView):
    required_scope = "oracle:admin"

    @extend_schema(
        parameters=[AuditQuery], responses={200: AuditList}, summary="The audit log, newest first"
    )
    def get(self, request):
        query = parse_query(AuditQuery, request)
        page = audit_log.list_entries(
            action=query["action"],
            resource_type=query["resource_type"],
            resource_id=query["resource_id"],
            limit=query["limit"],
            offset=query["offset"],
        )
        return Response(
            {
                "entries": [audit_entry(row, principal=self.principal) for row in page.entries],
                "total": page.total,
                "limit": query["limit"],
                "offset": query["offset"],
            }
        )

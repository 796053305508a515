"""`/api/vault/...`: the journal as the Vault page shows it (scopes `vault:read`, `vault:write`)."""

from typing import Any

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation
from rest_framework.response import Response

from nps.core import ratelimit
from nps.core.api import ApiView, path_int
from oracle.models import SignType
from vault import services
from vault.serializers import EntryList, EntryListQuery, EntryResponse, EntryUpdate, ExportQuery

READING_ID = OpenApiParameter("reading_id", int, OpenApiParameter.PATH)


def _parse(serializer_class, data) -> dict[str, Any]:
    serializer = serializer_class(data=data)
    serializer.is_valid(raise_exception=True)
    return serializer.validated_data


def entry_dict(entry: services.Entry) -> dict[str, Any]:
    reading = entry.reading
    asked = reading.sign_type in (SignType.QUESTION, SignType.NAME)
    outcome = None
    if entry.outcome:
        outcome = {
            "result": entry.outcome,
            "date": entry.outcome_on.isoformat() if entry.outcome_on else None,
            "note": entry.outcome_note,
            "oracle_answer": entry.answer,
        }
    return {
        "reading_id": reading.pk,
        "sign_type": reading.sign_type,
        "sign_value": reading.sign_value,
        "created_at": reading.created_at.isoformat(),
        "profile_id": reading.profile_id,
        "is_favorite": reading.is_favorite,
        "question": (reading.question or "") if asked else None,
        "answer": entry.answer,
        "note": entry.note,
        "tags": entry.tags,
        "pinned": entry.pinned,
        "outcome": outcome,
    }


class EntriesView(ApiView):
    required_scope = "vault:read"

    @extend_schema(
        parameters=[EntryListQuery],
        responses={200: EntryList},
        operation_id="api_vault_entries_list",
        summary="The journal: the account's readings with notes, tags, pins and outcomes",
        description="Pinned entries first, then newest first. `search` looks in the notes "
        "(blind index) and the readings' questions, names and interpretations.",
    )
    def get(self, request):
        query = _parse(EntryListQuery, request.query_params)
        page = services.list_entries(
            principal=self.principal,
            search=query["search"],
            sign_type=query["sign_type"],
            tag=query["tag"],
            profile_id=query["user_id"],
            month=query["month"],
            pinned=query["pinned"],
            limit=query["limit"],
            offset=query["offset"],
        )
        return Response(
            {
                "entries": [entry_dict(entry) for entry in page.entries],
                "total": page.total,
                "limit": query["limit"],
                "offset": query["offset"],
            }
        )


@extend_schema(parameters=[READING_ID])
class EntryView(ApiView):
    required_scopes = {"GET": "vault:read", "PUT": "vault:write"}

    @extend_schema(responses={200: EntryResponse}, summary="One journal entry")
    def get(self, request, reading_id: str):
        entry = services.get_entry(
            principal=self.principal, reading_id=path_int(reading_id, "reading_id")
        )
        return Response(entry_dict(entry))

    @extend_schema(
        request=EntryUpdate,
        responses={200: EntryResponse},
        summary="Change the note, tags, pin and/or outcome of a reading",
        description="Fields left out stay as they are. `outcome` only for question readings; "
        "`null` clears it.",
    )
    def put(self, request, reading_id: str):
        number = path_int(reading_id, "reading_id")
        data = _parse(EntryUpdate, request.data)
        changes = {key: data[key] for key in ("note", "tags", "pinned") if key in data}
        entry = None
        if changes or "outcome" not in data:
            entry = services.update_entry(
                principal=self.principal,
                reading_id=number,
                client_address=self.client_address,
                **changes,
            )
        if "outcome" in data:
            outcome = data["outcome"]
            entry = services.record_outcome(
                principal=self.principal,
                reading_id=number,
                outcome=outcome["result"] if outcome else None,
                outcome_on=outcome["date"] if outcome else None,
                note=outcome["note"] if outcome else "",
                client_address=self.client_address,
            )
        return Response(entry_dict(entry))


class SummaryView(ApiView):
    required_scope = "vault:read"

    @extend_schema(
        responses={200: OpenApiTypes.OBJECT},
        summary="Totals by type and month, frequent numbers, streaks, the outcome hit rate",
    )
    def get(self, request):
        return Response(services.summary(self.principal).as_dict())


class _AnyFormat(DefaultContentNegotiation):
    """`?format=` names the export's file format here, not one of DRF's renderers."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


class ExportView(ApiView):
    required_scope = "vault:read"
    content_negotiation_class = _AnyFormat

    @extend_schema(
        parameters=[ExportQuery],
        responses={(200, "application/json"): OpenApiTypes.OBJECT, (200, "text/csv"): str},
        summary="Download the journal (notes decrypted, the account's own readings only)",
    )
    def get(self, request):
        query = _parse(ExportQuery, request.query_params)
        ratelimit.charge("downloads", self.principal.rate_key)
        rows = services.export_rows(principal=self.principal, client_address=self.client_address)
        if query["format"] == "csv":
            body, content_type = services.export_csv(rows), "text/csv; charset=utf-8"
        else:
            body, content_type = services.export_json(rows), "application/json"
        response = HttpResponse(body, content_type=content_type)
        response["Content-Disposition"] = f'attachment; filename="nps-journal.{query["format"]}"'
        return response

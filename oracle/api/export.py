"""`GET /api/oracle/readings/{id}/export?format=txt|json|pdf` and `GET /api/oracle/export` (the
account's data as a ZIP): files from `oracle.services.export`, the same as the pages'."""

from django.http import HttpResponse
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.negotiation import DefaultContentNegotiation

from nps.core import ratelimit
from nps.core.api import ApiView, path_int
from oracle.services import export


class FirstRenderer(DefaultContentNegotiation):
    """`format` here names the file, not one of DRF's renderers: errors are always JSON."""

    def select_renderer(self, request, renderers, format_suffix=None):
        return renderers[0], renderers[0].media_type


def file_response(exported: export.ExportFile) -> HttpResponse:
    response = HttpResponse(exported.content, content_type=exported.content_type)
    response["Content-Disposition"] = f'attachment; filename="{exported.filename}"'
    return response


class ReadingExportView(ApiView):
    required_scope = "oracle:read"
    content_negotiation_class = FirstRenderer

    @extend_schema(
        parameters=[
            OpenApiParameter("reading_id", int, OpenApiParameter.PATH),
            OpenApiParameter("format", str, enum=list(export.FORMATS), default="json"),
        ],
        responses={
            (200, "text/plain"): OpenApiTypes.BINARY,
            (200, "application/json"): OpenApiTypes.OBJECT,
            (200, "application/pdf"): OpenApiTypes.BINARY,
        },
        summary="A reading as a text, JSON or PDF file",
    )
    def get(self, request, reading_id: str):
        ratelimit.charge("downloads", self.principal.rate_key)
        exported = export.export_reading(
            principal=self.principal,
            reading_id=path_int(reading_id, "reading_id"),
            export_format=request.query_params.get("format", "json"),
            client_address=self.client_address,
        )
        return file_response(exported)


class AccountExportView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        responses={(200, "application/zip"): OpenApiTypes.BINARY},
        summary="Download my data: every profile and reading (decrypted) as JSON and CSV in a ZIP",
    )
    def get(self, request):
        ratelimit.charge("downloads", self.principal.rate_key)
        return file_response(
            export.export_account(principal=self.principal, client_address=self.client_address)
        )

"""`POST /api/share`, `GET /api/share/{token}` (public: the shared reading, counting the view) and
`DELETE /api/share/{token}` (the owner revokes): `oracle.services.sharing`, as the pages use it."""

from django.urls import reverse
from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from nps.core.api import ApiView, error
from nps.core.serializers import StrictIntegerField
from oracle.services import sharing


class ShareRequest(serializers.Serializer):
    reading_id = StrictIntegerField(min_value=1)
    expires_in_days = StrictIntegerField(
        min_value=1, max_value=sharing.MAX_DAYS, required=False, allow_null=True, default=None
    )


class ShareLinkResponse(serializers.Serializer):
    token = serializers.CharField()
    url = serializers.URLField()
    reading_id = serializers.IntegerField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    view_count = serializers.IntegerField()


class SharedReadingResponse(serializers.Serializer):
    sign_type = serializers.CharField()
    created_at = serializers.DateTimeField()
    expires_at = serializers.DateTimeField(allow_null=True)
    view_count = serializers.IntegerField()
    reading = serializers.DictField(help_text="what a share shows (docs/API.md, Sharing)")


def link_url(request, token: str) -> str:
    return request.build_absolute_uri(reverse("oracle:share", args=[token]))


class ShareCreateView(ApiView):
    required_scope = "oracle:write"

    @extend_schema(
        request=ShareRequest,
        responses={201: ShareLinkResponse},
        summary="Make a public link to one of your readings (the token is shown only now)",
    )
    def post(self, request):
        body = ShareRequest(data=request.data)
        body.is_valid(raise_exception=True)
        made = sharing.create_share_link(
            principal=self.principal,
            reading_id=body.validated_data["reading_id"],
            expires_in_days=body.validated_data["expires_in_days"],
            client_address=self.client_address,
        )
        link = made.link
        return Response(
            {
                "token": made.token,
                "url": link_url(request, made.token),
                "reading_id": link.reading_id,
                "created_at": link.created_at,
                "expires_at": link.expires_at,
                "view_count": link.view_count,
            },
            status=201,
        )


class ShareTokenView(ApiView):
    """GET needs no credentials (it is the public link); DELETE is the owner's."""

    required_scopes = {"DELETE": "oracle:write"}

    @property
    def public(self) -> bool:
        request = getattr(self, "request", None)  # None while the schema is generated
        return request is not None and request.method == "GET"

    @extend_schema(
        auth=[],
        responses={200: SharedReadingResponse},
        summary=(
            "The shared reading without private data (no login; 404 unknown; 410 expired, "
            "revoked, or of a deleted or disabled account)"
        ),
    )
    def get(self, request, token: str):
        try:
            shared = sharing.open_share_link(token=token)
        except sharing.ShareLinkGone as gone:
            return error(410, str(gone))
        link = shared.link
        return Response(
            {
                "sign_type": shared.reading.sign_type,
                "created_at": shared.reading.created_at,
                "expires_at": link.expires_at,
                "view_count": link.view_count,
                "reading": shared.response,
            }
        )

    @extend_schema(responses={200: None}, summary="Revoke a share link of yours")
    def delete(self, request, token: str):
        link = sharing.revoke_share_link(
            principal=self.principal, token=token, client_address=self.client_address
        )
        return Response({"revoked": True, "reading_id": link.reading_id})

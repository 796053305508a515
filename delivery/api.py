"""`POST /api/settings/telegram/link` (a one-time code to link a chat) and `DELETE` (unlink)."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from delivery.services import linking
from nps.core.api import ApiView


class TelegramLinkView(ApiView):
    required_scopes = {"POST": "oracle:read", "DELETE": "oracle:read"}

    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "TelegramLinkCode",
                {
                    "code": serializers.CharField(),
                    "expires_at": serializers.DateTimeField(),
                    "deep_link": serializers.URLField(),
                },
            )
        },
        summary="A one-time code (15 minutes) that links a Telegram chat to your account",
    )
    def post(self, request):
        new_code = linking.create_code(principal=self.principal, client_address=self.client_address)
        return Response(
            {
                "code": new_code.code,
                "expires_at": new_code.expires_at,
                "deep_link": new_code.deep_link,
            }
        )

    @extend_schema(request=None, responses={200: None}, summary="Unlink your Telegram chat")
    def delete(self, request):
        if self.principal.account is None:
            return Response({"detail": "The legacy secret has no account"}, status=422)
        linked = linking.unlink(account=self.principal.account, client_address=self.client_address)
        return Response({"detail": "Telegram unlinked" if linked else "No chat was linked"})

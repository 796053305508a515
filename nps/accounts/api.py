"""`/api/auth/...`: login for tokens, refresh, logout, log out everywhere, API keys."""

from drf_spectacular.utils import extend_schema, inline_serializer
from rest_framework import serializers
from rest_framework.response import Response

from nps.accounts import services
from nps.accounts.models import ApiKey
from nps.accounts.roles import KEYS_SCOPE
from nps.core.api import ApiView
from nps.core.serializers import StrictCharField, StrictIntegerField, StrictListField


class LoginRequest(serializers.Serializer):
    username = StrictCharField(trim_whitespace=False, max_length=150)
    password = StrictCharField(trim_whitespace=False, max_length=4096)


class TokenResponse(serializers.Serializer):
    access_token = serializers.CharField()
    token_type = serializers.CharField()
    expires_in = serializers.IntegerField()
    refresh_token = serializers.CharField()


class RefreshRequest(serializers.Serializer):
    refresh_token = StrictCharField()


class ApiKeyCreateRequest(serializers.Serializer):
    name = StrictCharField(max_length=100)
    scopes = StrictListField(
        child=StrictCharField(),
        required=False,
        help_text="Scopes of the key, within your own. Left out: your own scopes except "
        "keys:manage. An empty list is refused.",
    )
    expires_in_days = StrictIntegerField(
        required=False, allow_null=True, default=None, min_value=1, max_value=3650
    )


class ApiKeyResponse(serializers.ModelSerializer):
    key = serializers.SerializerMethodField()

    class Meta:
        model = ApiKey
        fields = [
            "id",
            "name",
            "scopes",
            "created_at",
            "expires_at",
            "last_used",
            "is_active",
            "key",
        ]

    def get_key(self, api_key) -> str | None:
        return self.context.get("raw_key")


class LoginView(ApiView):
    public = True

    @extend_schema(request=LoginRequest, responses={200: TokenResponse}, auth=[])
    def post(self, request):
        body = LoginRequest(data=request.data)
        body.is_valid(raise_exception=True)
        tokens = services.log_in(request=request._request, **body.validated_data)
        return Response(tokens.as_response())


class RefreshView(ApiView):
    public = True

    @extend_schema(request=RefreshRequest, responses={200: TokenResponse}, auth=[])
    def post(self, request):
        body = RefreshRequest(data=request.data)
        body.is_valid(raise_exception=True)
        tokens = services.refresh(refresh_token=body.validated_data["refresh_token"])
        return Response(tokens.as_response())


class LogoutView(ApiView):
    public = True

    @extend_schema(
        request=RefreshRequest,
        responses={200: inline_serializer("LogoutResponse", {"detail": serializers.CharField()})},
        auth=[],
    )
    def post(self, request):
        body = RefreshRequest(data=request.data)
        body.is_valid(raise_exception=True)
        services.log_out(refresh_token=body.validated_data["refresh_token"])
        return Response({"detail": "Logged out"})


class LogoutEverywhereView(ApiView):
    @extend_schema(
        request=None,
        responses={
            200: inline_serializer(
                "LogoutEverywhereResponse",
                {"detail": serializers.CharField(), "sessions_ended": serializers.IntegerField()},
            )
        },
        summary="End every token session of your account (all devices)",
    )
    def post(self, request):
        ended = services.log_out_everywhere(
            principal=self.principal, client_address=self.client_address
        )
        return Response({"detail": "Logged out everywhere", "sessions_ended": ended})


class ApiKeysView(ApiView):
    required_scope = KEYS_SCOPE

    @extend_schema(responses={200: ApiKeyResponse(many=True)})
    def get(self, request):
        keys = services.api_keys_of(self.principal)
        return Response(ApiKeyResponse(keys, many=True).data)

    @extend_schema(request=ApiKeyCreateRequest, responses={200: ApiKeyResponse})
    def post(self, request):
        body = ApiKeyCreateRequest(data=request.data)
        body.is_valid(raise_exception=True)
        api_key, raw_key = services.create_api_key(
            principal=self.principal,
            client_address=self.client_address,
            name=body.validated_data["name"],
            scopes=body.validated_data.get("scopes"),
            expires_in_days=body.validated_data["expires_in_days"],
        )
        return Response(ApiKeyResponse(api_key, context={"raw_key": raw_key}).data)


class ApiKeyView(ApiView):
    required_scope = KEYS_SCOPE

    @extend_schema(
        responses={200: inline_serializer("RevokeResponse", {"detail": serializers.CharField()})}
    )
    def delete(self, request, key_id):
        services.revoke_api_key(
            principal=self.principal, key_id=key_id, client_address=self.client_address
        )
        return Response({"detail": "API key revoked"})

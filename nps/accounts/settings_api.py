"""`GET/PUT /api/settings` and `POST /api/auth/change-password`: the settings page's services."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from nps.accounts import account, preferences
from nps.core.api import ApiView
from nps.core.errors import InvalidField


class SettingsBody(serializers.Serializer):
    language = serializers.CharField(required=False, allow_blank=True, max_length=8)
    theme = serializers.CharField(required=False, max_length=8)
    numerology_system = serializers.CharField(required=False, max_length=20)
    timezone = serializers.CharField(required=False, allow_blank=True, max_length=64)
    default_reading_type = serializers.CharField(required=False, max_length=20)
    default_profile_id = serializers.IntegerField(required=False, allow_null=True, min_value=1)
    waking_from = serializers.IntegerField(
        required=False, help_text="Best hours are offered from this hour (0–23; default 7)…"
    )
    waking_until = serializers.IntegerField(
        required=False,
        help_text="…until this one (1–24; default 22). A range past midnight (22 → 6) is allowed.",
    )
    calendar = serializers.CharField(
        required=False,
        max_length=10,
        help_text="How dates are shown: auto (Jalali in Persian, Gregorian in English), "
        "jalali or gregorian.",
    )
    email = serializers.CharField(
        required=False,
        allow_blank=True,
        max_length=254,
        help_text="The account's e-mail address (password reset, the daily e-mail); "
        '"" removes it and turns the daily e-mail off. Refused when another account has it.',
    )
    daily_delivery = serializers.JSONField(
        required=False,
        help_text='The day\'s reading sent each day: {"email": bool, "telegram": bool, '
        '"time": "HH:MM"} (the time in the account\'s time zone; default off, 08:00).',
    )


class PasswordChangeBody(serializers.Serializer):
    current_password = serializers.CharField(trim_whitespace=False)
    new_password = serializers.CharField(trim_whitespace=False)


class SettingsView(ApiView):
    required_scopes = {"GET": "oracle:read", "PUT": "oracle:write"}

    @extend_schema(responses={200: SettingsBody})
    def get(self, request):
        return Response(preferences.as_dict(preferences.preferences_of(self.principal.account)))

    @extend_schema(
        request=SettingsBody,
        responses={200: SettingsBody},
        summary="Change some settings (only the keys sent); unknown keys are a 422",
    )
    def put(self, request):
        if isinstance(request.data, dict):
            unknown = sorted(set(request.data) - set(preferences.KEYS))
            if unknown:
                raise InvalidField((unknown[0],), "Unknown setting", location="body")
        body = SettingsBody(data=request.data)
        body.is_valid(raise_exception=True)
        saved = preferences.update_preferences(
            principal=self.principal, client_address=self.client_address, **body.validated_data
        )
        return Response(preferences.as_dict(saved))


class ChangePasswordView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        request=PasswordChangeBody,
        responses={200: None},
        summary="Change your password (ends your other token sessions)",
    )
    def post(self, request):
        body = PasswordChangeBody(data=request.data)
        body.is_valid(raise_exception=True)
        account.change_password(
            principal=self.principal,
            client_address=self.client_address,
            **body.validated_data,
        )
        return Response({"detail": "Password changed"})

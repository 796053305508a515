"""`GET /api/oracle/stats`: the dashboard's counters (`oracle.services.stats`, one service)."""

from drf_spectacular.utils import extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from nps.accounts import preferences
from nps.core.api import ApiView
from oracle.services import stats


class StatsResponse(serializers.Serializer):
    total_readings = serializers.IntegerField()
    readings_by_type = serializers.DictField(child=serializers.IntegerField())
    most_used_type = serializers.CharField(allow_null=True)
    average_confidence = serializers.FloatField(allow_null=True)
    readings_today = serializers.IntegerField()
    readings_this_week = serializers.IntegerField()
    readings_this_month = serializers.IntegerField()
    streak_days = serializers.IntegerField()


class StatsView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        responses={200: StatsResponse},
        summary="Counters of your own readings (days in your default time zone, else UTC)",
    )
    def get(self, request):
        zone = preferences.zone_of(self.principal.account)
        return Response(stats.reading_stats(principal=self.principal, zone=zone).as_dict())

"""`/api/location/...`: places for profiles and readings, from offline data.

V4 asked OpenStreetMap Nominatim and ipapi.co; this server answers from the GeoNames extract it
ships (`oracle.services.location`) and makes no outside calls. There is no offline database that
maps IP addresses to places, so `/detect` says so (502) instead of guessing: clients should let
the person choose a country and city (or use the browser's own geolocation).
"""

import ipaddress

from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers
from rest_framework.response import Response

from nps.core.api import ApiView, error
from nps.core.http import client_ip
from oracle.services import location

LOCAL_ADDRESS_MESSAGE = "Cannot detect location for local/test IP addresses"
NO_IP_LOOKUP_MESSAGE = (
    "Location detection by IP address is not available on this server; choose a country and "
    "city instead."
)


class CoordinatesQuery(serializers.Serializer):
    city = serializers.CharField(max_length=200)
    country = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")


class CoordinatesResponse(serializers.Serializer):
    city = serializers.CharField()
    country = serializers.CharField()
    country_code = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    timezone = serializers.CharField()
    cached = serializers.BooleanField()


class CountryResponse(serializers.Serializer):
    code = serializers.CharField()
    name = serializers.CharField()
    iso3 = serializers.CharField()
    capital = serializers.CharField()
    continent = serializers.CharField()
    population = serializers.IntegerField()


class CountryList(serializers.Serializer):
    countries = CountryResponse(many=True)


class CitiesQuery(serializers.Serializer):
    search = serializers.CharField(max_length=100, required=False, allow_blank=True, default="")
    limit = serializers.IntegerField(min_value=1, max_value=1000, default=100)
    offset = serializers.IntegerField(min_value=0, default=0)


class CityResponse(serializers.Serializer):
    name = serializers.CharField()
    latitude = serializers.FloatField()
    longitude = serializers.FloatField()
    timezone = serializers.CharField()
    population = serializers.IntegerField()


class CityList(serializers.Serializer):
    country = CountryResponse()
    cities = CityResponse(many=True)
    total = serializers.IntegerField()
    limit = serializers.IntegerField()
    offset = serializers.IntegerField()


class CoordinatesView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[CoordinatesQuery],
        responses={200: CoordinatesResponse},
        summary="Coordinates and time zone of a city (offline GeoNames data)",
        description=(
            "`city` matches the city's name or any of its alternate names, ignoring case and "
            "accents (`Tehran`, `téhéran`, `تهران`); `country` is a name or an ISO code. The most "
            "populous match wins. Cities of at least 15 000 inhabitants."
        ),
    )
    def get(self, request):
        query = CoordinatesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        city_name = query.validated_data["city"]
        city, country = location.find_city(city=city_name, country=query.validated_data["country"])
        return Response(
            {
                "city": city.name,
                "country": country.name,
                "country_code": country.code,
                "latitude": city.latitude,
                "longitude": city.longitude,
                "timezone": city.timezone,
                "cached": False,
            }
        )


class CountriesView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(responses={200: CountryList}, summary="Every country, sorted by name")
    def get(self, request):
        countries = location.list_countries()
        return Response({"countries": CountryResponse(countries, many=True).data})


@extend_schema(parameters=[OpenApiParameter("code", str, OpenApiParameter.PATH)])
class CountryCitiesView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        parameters=[CitiesQuery],
        responses={200: CityList},
        summary="A country's cities, most populous first (`search` matches part of a name)",
    )
    def get(self, request, code: str):
        query = CitiesQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = location.country_cities(code=code, **query.validated_data)
        return Response(
            {
                "country": CountryResponse(page.country).data,
                "cities": CityResponse(page.cities, many=True).data,
                "total": page.total,
                "limit": query.validated_data["limit"],
                "offset": query.validated_data["offset"],
            }
        )


def is_local_address(address: str | None) -> bool:
    """Loopback, private, link-local or otherwise non-public addresses, and non-addresses."""
    try:
        ip = ipaddress.ip_address(address or "")
    except ValueError:
        return True
    return not ip.is_global


class DetectView(ApiView):
    required_scope = "oracle:read"

    @extend_schema(
        responses={400: None, 502: None},
        summary="Not available: this server has no IP-address-to-place data",
        description=(
            "V4 asked ipapi.co. This server makes no outside calls and ships no IP geolocation "
            f"database: a local or private address is answered 400 ({LOCAL_ADDRESS_MESSAGE!r}), "
            f"any other 502 ({NO_IP_LOOKUP_MESSAGE!r}). Let the person choose a country and "
            "city (`/api/location/countries`), or use the browser's geolocation."
        ),
    )
    def get(self, request):
        if is_local_address(client_ip(request)):
            return error(400, LOCAL_ADDRESS_MESSAGE)
        return error(502, NO_IP_LOOKUP_MESSAGE)

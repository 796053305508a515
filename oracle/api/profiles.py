"""`/api/oracle/users`: profiles of the people read for, owned by accounts (V4's paths)."""

from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework.response import Response

from nps.core.api import ApiView, error, path_int
from oracle.api.serializers import ProfileList, ProfileListQuery, ProfileResponse, ProfileWrite
from oracle.services import profiles


class ProfileShapes:
    @property
    def shown_to(self) -> dict:
        """The serializer's context: who the profile is shown to (mother names masked or not)."""
        return {"principal": self.principal}


class ProfilesView(ProfileShapes, ApiView):
    required_scopes = {"GET": "oracle:read", "POST": "oracle:write"}

    @extend_schema(
        parameters=[ProfileListQuery],
        responses={200: ProfileList},
        summary="List your profiles (newest first; search matches name or Persian name)",
        operation_id="api_oracle_users_list",
    )
    def get(self, request):
        query = ProfileListQuery(data=request.query_params)
        query.is_valid(raise_exception=True)
        page = profiles.list_profiles(
            principal=self.principal, client_address=self.client_address, **query.validated_data
        )
        return Response(
            {
                "users": ProfileResponse(page.profiles, many=True, context=self.shown_to).data,
                "total": page.total,
                "limit": query.validated_data["limit"],
                "offset": query.validated_data["offset"],
            }
        )

    @extend_schema(request=ProfileWrite, responses={201: ProfileResponse})
    def post(self, request):
        body = ProfileWrite(data=request.data)
        body.is_valid(raise_exception=True)
        profile = profiles.create_profile(
            principal=self.principal, client_address=self.client_address, **body.validated_data
        )
        return Response(ProfileResponse(profile, context=self.shown_to).data, status=201)


@extend_schema(parameters=[OpenApiParameter("user_id", int, OpenApiParameter.PATH)])
class ProfileView(ProfileShapes, ApiView):
    required_scopes = {"GET": "oracle:read", "PUT": "oracle:write", "DELETE": "oracle:write"}

    @extend_schema(responses={200: ProfileResponse})
    def get(self, request, user_id: str):
        profile = profiles.read_profile(
            principal=self.principal,
            profile_id=path_int(user_id, "user_id"),
            client_address=self.client_address,
        )
        return Response(ProfileResponse(profile, context=self.shown_to).data)

    @extend_schema(
        request=ProfileWrite(partial=True),
        responses={
            200: ProfileResponse,
            400: OpenApiResponse(description="An empty body: `No fields to update` (as V4)."),
        },
    )
    def put(self, request, user_id: str):
        if isinstance(request.data, dict) and not request.data:
            return error(400, "No fields to update")
        profile_id = path_int(user_id, "user_id")
        hidden = profiles.private_texts_hidden(principal=self.principal, profile_id=profile_id)
        body = ProfileWrite(data=request.data, partial=True, context={"private_ignored": hidden})
        body.is_valid(raise_exception=True)
        profile = profiles.update_profile(
            principal=self.principal,
            profile_id=profile_id,
            client_address=self.client_address,
            **body.validated_data,
        )
        return Response(ProfileResponse(profile, context=self.shown_to).data)

    @extend_schema(responses={200: ProfileResponse})
    def delete(self, request, user_id: str):
        profile = profiles.delete_profile(
            principal=self.principal,
            profile_id=path_int(user_id, "user_id"),
            client_address=self.client_address,
        )
        return Response(ProfileResponse(profile, context=self.shown_to).data)

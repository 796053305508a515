"""How the OpenAPI schema describes NPS's Bearer authentication (for Swagger UI's Authorize)."""

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class BearerAuthenticationScheme(OpenApiAuthenticationExtension):
    target_class = "nps.accounts.authentication.BearerAuthentication"
    name = "bearerAuth"

    def get_security_definition(self, auto_schema):
        return {
            "type": "http",
            "scheme": "bearer",
            "description": (
                "An access token from POST /api/auth/login, an API key from "
                "POST /api/auth/api-keys, or (V4 clients) the legacy shared secret."
            ),
        }

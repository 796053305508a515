"""How the OpenAPI schema describes NPS's authentication: Bearer (for Swagger UI's Authorize),
and the site's session cookie (the browsable API)."""

from drf_spectacular.authentication import SessionScheme
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


class SessionPrincipalScheme(SessionScheme):
    target_class = "nps.accounts.authentication.SessionPrincipalAuthentication"

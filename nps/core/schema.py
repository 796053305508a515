"""OpenAPI additions every operation shares: V4's error answers, empty query values.

drf-spectacular documents only what a view's `extend_schema` names (its 200/201). Every API view
also answers the errors of `nps.core.api.exception_handler` in V4's shape (`{"detail": ...}`), and
clients (and the schemathesis fuzz test) need them documented: this post-processing hook adds them
to every operation, so a new endpoint gets them without writing anything.
"""

ERROR_SCHEMA = {
    "type": "object",
    "description": "V4's error shape: a message, or (422) a list of the fields that are wrong.",
    "properties": {
        "detail": {
            "oneOf": [
                {"type": "string"},
                {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "properties": {
                            "type": {"type": "string"},
                            "loc": {
                                "type": "array",
                                "items": {"oneOf": [{"type": "string"}, {"type": "integer"}]},
                            },
                            "msg": {"type": "string"},
                        },
                        "required": ["type", "loc", "msg"],
                    },
                },
                {"type": "object"},
            ]
        }
    },
    "required": ["detail"],
}

RETRY_AFTER = {
    "Retry-After": {
        "schema": {"type": "integer"},
        "description": "Seconds to wait before retrying.",
    }
}

DESCRIPTIONS = {
    "401": "No credentials (`Not authenticated`, with `WWW-Authenticate: Bearer`).",
    "403": "Bad credentials, or a missing scope.",
    "404": "Not found, or not yours.",
    "409": "Conflicts with what is stored (e.g. a duplicate live profile).",
    "413": "The request body is too large.",
    "422": "Invalid input: `detail` lists each field (`loc`) and what is wrong (`msg`).",
    "429": "Rate limit exceeded (or too many failed logins); see `Retry-After`.",
    "503": "The database is unavailable for a moment; see `Retry-After`.",
}

BODY_METHODS = {"post", "put", "patch"}


def error_response(code: str) -> dict:
    response = {
        "description": DESCRIPTIONS[code],
        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}},
    }
    if code in ("429", "503"):
        response["headers"] = RETRY_AFTER
    return response


def error_codes(method: str, operation: dict) -> list[str]:
    codes = ["404", "422", "429", "503"]
    if operation.get("security") or method != "get":
        # Protected operations, and the public ones that take credentials (login, refresh).
        codes += ["401", "403"]
    if method in BODY_METHODS:
        codes += ["409", "413"]
    return codes


EMPTY_VALUE = {"type": "string", "enum": [""]}


def accepts_empty(schema: dict) -> bool:
    return (
        schema.get("type") == "string"
        and not schema.get("format")
        and not schema.get("minLength")
        and ("enum" not in schema or "" in schema["enum"])
    )


def document_empty_query_values(operation: dict) -> None:
    """An optional query parameter given empty (`?date_to=`) means "absent" (DRF reads query
    strings like HTML forms): say so, so that clients and the schema agree."""
    for parameter in operation.get("parameters", []):
        if parameter.get("in") != "query" or parameter.get("required"):
            continue
        if not accepts_empty(parameter["schema"]):
            parameter["schema"] = {"anyOf": [parameter["schema"], EMPTY_VALUE]}
        note = "Empty means absent."
        parameter["description"] = f"{parameter.get('description', '')}\n\n{note}".strip()


def add_error_responses(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: document the shared error answers."""
    result.setdefault("components", {}).setdefault("schemas", {})["Error"] = ERROR_SCHEMA
    for path_item in result.get("paths", {}).values():
        for method, operation in path_item.items():
            document_empty_query_values(operation)
            responses = operation.setdefault("responses", {})
            for code in sorted(error_codes(method, operation)):
                responses.setdefault(code, error_response(code))
            for code, response in responses.items():
                # An error a view documents itself (e.g. V4's 400 `No fields to update`) has
                # the same body shape.
                if code.startswith("4") and "content" not in response:
                    response["content"] = error_response("422")["content"]
    return result


# --- Areas (tags), summaries and descriptions written for the API's users ----------------------

# The areas of the reference, in the order `/docs` and `/redoc` list them (`SPECTACULAR_SETTINGS`
# "TAGS"), with what each is for.
TAGS = [
    {
        "name": "Auth",
        "description": "Log in for a token (or use an API key), refresh it, log out, change the "
        "password, and manage the account's API keys.",
    },
    {
        "name": "Profiles",
        "description": "The people you read for: name and Persian name, birthday, mother's name "
        "(encrypted; only the owner sees it), place, time zone and numerology system.",
    },
    {
        "name": "Readings",
        "description": "Ask for a reading — a moment, a question, a name, the day, a group of "
        "2–10 people — or check an FC60 stamp. Each reading you make is stored in your history.",
    },
    {
        "name": "History",
        "description": "Your stored readings: list, search, favourite, delete and restore, "
        "export one as a file, download all your data, and your counters.",
    },
    {
        "name": "Sharing",
        "description": "Public links to one of your readings (no private data), their views, and "
        "revoking them.",
    },
    {
        "name": "Vault",
        "description": "Your reading journal: notes, tags, pins and outcomes of questions, totals, "
        "and its export.",
    },
    {
        "name": "Learning",
        "description": "Rate readings, and see your level, insights and what the oracle learned "
        "from the ratings.",
    },
    {"name": "Settings", "description": "Your language, calendar, defaults and preferences."},
    {
        "name": "Translation",
        "description": "Translate a text between English and Persian, keeping FC60 tokens, "
        "numbers and names.",
    },
    {"name": "Location", "description": "Countries, cities and their coordinates, offline."},
    {
        "name": "Audit",
        "description": "What was done to profiles and readings, by whom (moderators and admins).",
    },
    {"name": "Health", "description": "Is the service up, and is it ready to serve."},
]

# Path prefixes → area; the longest prefix that matches wins.
TAG_PREFIXES = {
    "/api/auth": "Auth",
    "/api/oracle/users": "Profiles",
    "/api/oracle/reading": "Readings",
    "/api/oracle/question": "Readings",
    "/api/oracle/name": "Readings",
    "/api/oracle/daily": "Readings",
    "/api/oracle/validate-stamp": "Readings",
    "/api/oracle/sky": "Readings",
    "/api/oracle/readings": "History",
    "/api/oracle/stats": "History",
    "/api/oracle/export": "History",
    "/api/oracle/audit": "Audit",
    "/api/share": "Sharing",
    "/api/vault": "Vault",
    "/api/learning": "Learning",
    "/api/settings": "Settings",
    "/api/translation": "Translation",
    "/api/location": "Location",
    "/api/health": "Health",
}

# Summaries of the operations whose views do not give one (`extend_schema(summary=...)`).
SUMMARIES = {
    ("get", "/api/auth/api-keys"): "List your API keys",
    ("post", "/api/auth/api-keys"): "Create an API key (its secret is shown once)",
    ("delete", "/api/auth/api-keys/{key_id}"): "Revoke an API key",
    ("post", "/api/auth/login"): "Log in: an access token and a refresh token",
    ("post", "/api/auth/logout"): "Log out: the refresh token stops working",
    ("post", "/api/auth/refresh"): "A new access token from a refresh token",
    ("get", "/api/health"): "Liveness: the service answers",
    ("get", "/api/health/ready"): "Readiness: the database and the cache answer",
    ("get", "/api/health/performance"): "This worker's uptime and request rate (admins)",
    ("get", "/api/oracle/readings/{reading_id}"): "One of your readings, as it was answered",
    ("get", "/api/oracle/users/{user_id}"): "One profile",
    ("post", "/api/oracle/users"): "Create a profile",
    ("put", "/api/oracle/users/{user_id}"): "Change a profile (fields left out stay)",
    ("delete", "/api/oracle/users/{user_id}"): "Delete a profile (it can be restored by an admin)",
    ("get", "/api/settings"): "Your settings",
}


def _internal_docstrings() -> set[str]:
    """Docstrings of the API's base classes: they say how the code works, not what an
    operation does, and every view without its own docstring would inherit one."""
    import inspect

    from rest_framework.views import APIView

    from nps.core.api import ApiView

    return {inspect.cleandoc(cls.__doc__) for cls in (ApiView, APIView) if cls.__doc__}


def tag_of(path: str) -> str:
    matches = [prefix for prefix in TAG_PREFIXES if path == prefix or path.startswith(prefix + "/")]
    return TAG_PREFIXES[max(matches, key=len)] if matches else "Other"


def describe_for_users(result, generator, request, public):
    """drf-spectacular POSTPROCESSING_HOOKS entry: each operation in its area (tag), with a
    summary, and no description copied from an internal docstring."""
    internal = _internal_docstrings()
    for path, path_item in result.get("paths", {}).items():
        for method, operation in path_item.items():
            operation["tags"] = [tag_of(path)]
            if not operation.get("summary") and (method, path) in SUMMARIES:
                operation["summary"] = SUMMARIES[(method, path)]
            if (operation.get("description") or "").strip() in internal:
                del operation["description"]
    return result

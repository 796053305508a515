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

"""What the OpenAPI schema documents beyond each view's own answers (found by the API fuzzing)."""

import pytest

from nps.accounts.roles import Role


@pytest.fixture
def schema(client):
    response = client.get("/openapi.json")
    assert response.status_code == 200
    return response.json()


def test_every_operation_documents_v4_error_answers(schema):
    for path, item in schema["paths"].items():
        for method, operation in item.items():
            responses = operation["responses"]
            for code in ("404", "422", "429", "503"):
                assert code in responses, f"{method.upper()} {path} does not document {code}"
                body = responses[code]["content"]["application/json"]["schema"]
                assert body == {"$ref": "#/components/schemas/Error"}
            assert "Retry-After" in responses["429"]["headers"]
    assert schema["components"]["schemas"]["Error"]["required"] == ["detail"]


def test_protected_operations_document_401_and_403(schema):
    keys = schema["paths"]["/api/auth/api-keys"]["get"]["responses"]
    health = schema["paths"]["/api/health"]["get"]["responses"]
    assert {"401", "403"} <= set(keys)
    assert not {"401", "403"} & set(health)


def test_profile_update_documents_v4s_400_for_an_empty_body(schema, api_as):
    """Fuzzing found `PUT /api/oracle/users/{id}` with `{}` answering an undocumented 400."""
    put = schema["paths"]["/api/oracle/users/{user_id}"]["put"]["responses"]
    assert put["400"]["content"]["application/json"]["schema"] == {
        "$ref": "#/components/schemas/Error"
    }
    answer = api_as(Role.USER).put("/api/oracle/users/1", {}, format="json")
    assert answer.status_code == 400
    assert answer.json() == {"detail": "No fields to update"}


@pytest.mark.parametrize("path", ["/openapi.json", "/docs", "/redoc"])
def test_schema_and_viewers_ignore_a_bad_token(client, path):
    """Found by the authorization matrix: a stale Bearer token sent along made them 403."""
    response = client.get(path, HTTP_AUTHORIZATION="Bearer stale-or-garbage-token")
    assert response.status_code == 200


def test_empty_optional_query_values_are_documented_and_mean_absent(schema, api_as):
    """Fuzzing found `GET /api/oracle/readings?sign_type=` (then `?date_to=`) accepted while the
    schema forbade it: DRF reads an empty optional query value as absent; the schema says so."""
    parameters = {
        p["name"]: p for p in schema["paths"]["/api/oracle/readings"]["get"]["parameters"]
    }
    for name in ("sign_type", "date_from", "date_to", "is_favorite", "user_id", "limit"):
        assert {"type": "string", "enum": [""]} in parameters[name]["schema"]["anyOf"], name
        assert "Empty means absent." in parameters[name]["description"]
    assert parameters["search"]["schema"]["type"] == "string"  # "" was always valid
    client = api_as(Role.USER)
    client.post("/api/oracle/name", {"name": "Sara"}, format="json")
    client.post("/api/oracle/question", {"question": "Will it rain?"}, format="json")
    empty = "sign_type=&date_from=&date_to=&is_favorite=&user_id=&limit=&offset="
    everything = client.get(f"/api/oracle/readings?{empty}")
    names = client.get("/api/oracle/readings?sign_type=name")
    assert everything.status_code == names.status_code == 200
    assert everything.json()["total"] == 2
    assert everything.json()["limit"] == 20  # the default
    assert names.json()["total"] == 1
    assert client.get("/api/oracle/readings?sign_type=bogus").status_code == 422
    assert client.get("/api/oracle/readings?date_to=soon").status_code == 422


def test_every_operation_is_in_an_area_with_a_summary_and_no_internal_description(schema):
    from nps.core.schema import TAGS

    areas = [tag["name"] for tag in TAGS]
    assert [tag["name"] for tag in schema["tags"]] == areas
    for path, path_item in schema["paths"].items():
        for method, operation in path_item.items():
            where = f"{method.upper()} {path}"
            assert len(operation["tags"]) == 1 and operation["tags"][0] in areas, where
            assert operation.get("summary"), f"{where} has no summary"
            description = operation.get("description", "")
            assert not description.startswith("Base of every API view"), where
    assert schema["paths"]["/api/oracle/users"]["get"]["tags"] == ["Profiles"]
    assert schema["paths"]["/api/oracle/readings"]["get"]["tags"] == ["History"]
    assert schema["paths"]["/api/oracle/reading"]["post"]["tags"] == ["Readings"]

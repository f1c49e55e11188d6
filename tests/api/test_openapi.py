"""The API contract: /api/openapi.json is public, valid OpenAPI 3.1, names every route under /api
with its methods (and nothing else), and the response check the whole suite runs catches drift."""
import json

import pytest
from openapi_spec_validator import validate

from app.api.openapi_schemas import ANSWERS, REQUESTS
from tests.api.contract import ContractBroken, check_api_response

FLASK_TO_OPENAPI = {"<int:": "{", "<": "{", ">": "}"}


def _template(rule: str) -> str:
    for old, new in FLASK_TO_OPENAPI.items():
        rule = rule.replace(old, new)
    return rule


@pytest.fixture
def contract(client):
    response = client.get("/api/openapi.json")
    assert response.status_code == 200 and response.mimetype == "application/json"
    return response.get_json()


def test_the_contract_is_public_and_valid_openapi_3_1(contract):
    validate(contract)
    assert contract["openapi"].startswith("3.1")
    scheme = contract["components"]["securitySchemes"]["bearerAuth"]
    assert (scheme["type"], scheme["scheme"]) == ("http", "bearer")
    assert contract["paths"]["/api/openapi.json"]["get"]["security"] == []  # no token needed


def test_every_route_under_api_is_an_operation_and_no_operation_lacks_a_route(app, contract):
    routed = {
        (_template(rule.rule), method.lower())
        for rule in app.url_map.iter_rules() if rule.rule.startswith("/api/")
        for method in rule.methods - {"HEAD", "OPTIONS"}
    }
    described = {(path, method) for path, operations in contract["paths"].items() for method in operations}
    assert routed - described == set(), "routes missing from /api/openapi.json"
    assert described - routed == set(), "operations in /api/openapi.json that no route serves"
    assert len(described) >= 43


def test_operations_are_named_once_and_every_reference_resolves(contract):
    ids = [op["operationId"] for operations in contract["paths"].values() for op in operations.values()]
    assert len(ids) == len(set(ids))
    assert not ANSWERS.keys() & REQUESTS.keys(), "an answer and a request schema share a name"
    text = json.dumps(contract)
    for kind in ("schemas", "responses", "headers"):
        for name in set(part.split('"')[0] for part in text.split(f"#/components/{kind}/")[1:]):
            assert name in contract["components"][kind], f"#/components/{kind}/{name} is not defined"


def test_answers_are_strict_objects(contract):
    """Every object the API answers lists its keys as required and allows no others."""
    for name in ANSWERS:
        schema = contract["components"]["schemas"][name]
        assert schema["additionalProperties"] is False, name
        assert set(schema["required"]) <= set(schema["properties"]), name


def test_login_token_reads_the_caller_and_lists_carry_paging_headers(people, api, contract):
    api.login(people.member.email)
    assert api.get("/api/me").status_code == 200  # validated by the suite's client like every call
    headers = contract["paths"]["/api/meetings"]["get"]["responses"]["200"]["headers"]
    assert set(headers) == {"X-Total-Count", "X-Page", "X-Per-Page", "Link"}


def test_the_check_catches_drift(people, api):
    """A response the contract does not describe fails the test that got it: an extra key, a
    missing key, a wrong type, an undocumented status."""
    api.login(people.secretary.email)
    response = api.get("/api/me")

    def drifted(change, status=200):
        data = response.get_json()
        change(data)
        response.set_data(json.dumps(data))
        response.status_code = status
        return response

    for change in (lambda d: d.update(extra=1), lambda d: d.pop("email"), lambda d: d.update(id="1"),
                   lambda d: d.update(global_roles=["keizer"])):
        with pytest.raises(ContractBroken):
            check_api_response(drifted(change))
    with pytest.raises(ContractBroken):  # /api/me never answers 409
        check_api_response(drifted(lambda d: None, status=409))


def test_the_check_refuses_a_route_the_contract_does_not_know(app, people, api, monkeypatch):
    from tests.api import contract as module

    document = module.openapi_document()
    del document["paths"]["/api/me"]
    monkeypatch.setattr(module, "openapi_document", lambda: document)
    module.validator.cache_clear()
    try:
        with pytest.raises(ContractBroken, match="Path not found"):
            api.login(people.member.email).get("/api/me")
    finally:
        module.validator.cache_clear()

"""GET /api/openapi.json: the API's contract as OpenAPI 3.1, built once from the schemas and the
operations beside this module, and kept true by the tests (every API response the suite sees is
validated against it; Schemathesis fuzzes every operation from it)."""
import copy
from functools import lru_cache

from flask import jsonify

from app.api import bp
from app.api.openapi_paths import PAGING_HEADERS, PATHS
from app.api.openapi_proposals import PROPOSAL_PATHS, PROPOSAL_SCHEMAS
from app.api.openapi_schemas import SCHEMAS, ref

ERRORS = {
    400: "Bad input: malformed JSON, a wrong type, a value out of range, a forbidden character.",
    401: "A valid bearer token is needed.",
    403: "The caller may not do this (or read this).",
    404: "No such object, or no such place in the URL.",
    409: "The request clashes with the current state: a stale agenda version, a fixed item, a guard "
         "refusing a transition, approved minutes.",
    413: "The request body is too large.",
    429: "Too many failed sign-ins: wait and try again.",
    503: "The database or the search index is unavailable for a moment.",
}

DESCRIPTION = """The JSON API of Spitsregio: the same services and permissions as the pages.

Authentication: `POST /api/login {"email", "password"}` gives `{"token"}`; later calls send
`Authorization: Bearer <token>`. Without a (valid) token a call answers as the anonymous public,
and calls that change something answer 401.

Errors are `{"error": "<a sentence>", "detail": <null, a string or an object>}` with a 4xx status.
Lists answer a JSON array of one page and the paging in `X-Total-Count`, `X-Page`, `X-Per-Page`
and `Link`. Times are ISO 8601 with the Brussels offset; dates are `YYYY-MM-DD`. A time sent
without an offset is read as Brussels wall-clock time.

Every string sent is refused (400) when it holds NUL or a lone surrogate, and one-line fields
(titles, names, places, slugs) when they hold a line break."""


def _document() -> dict:
    return {
        "openapi": "3.1.0",
        "jsonSchemaDialect": "https://spec.openapis.org/oas/3.1/dialect/base",
        "info": {"title": "Spitsregio API", "version": "1.0.0", "description": DESCRIPTION},
        "servers": [{"url": "/"}],
        "security": [{"bearerAuth": []}],
        "paths": {**PATHS, **PROPOSAL_PATHS},
        "components": {
            "securitySchemes": {"bearerAuth": {
                "type": "http", "scheme": "bearer",
                "description": "An opaque token from POST /api/login; it expires (API_TOKEN_LIFETIME).",
            }},
            "schemas": {**SCHEMAS, **PROPOSAL_SCHEMAS},
            "responses": {
                str(code): {"description": text, "content": {"application/json": {"schema": ref("Error")}}}
                for code, text in ERRORS.items()
            },
            "headers": {
                name: {"description": text, "required": True,
                       "schema": {"type": "string"} if name == "Link" else {"type": "integer", "minimum": 0}}
                for name, text in PAGING_HEADERS.items()
            },
        },
    }


@lru_cache(maxsize=1)
def _cached() -> dict:
    return _document()


def openapi_document() -> dict:
    """The contract as a dict (a copy: callers may change it)."""
    return copy.deepcopy(_cached())


@bp.get("/openapi.json")
def openapi_json():
    return jsonify(_cached())

"""A pytest plugin that keeps the API contract true: every response to /api/ that the test suite's
client receives is validated against /api/openapi.json with openapi-core. An operation missing from
the contract, an undocumented status or a body or header breaking its schema fails the test at the
call that got it. tests/conftest.py loads this plugin and calls `check_api_response` from its client.

The validator is built once per session (the contract is the same for every app the tests make).
"""
from collections import Counter
from functools import lru_cache

from flask import current_app
from openapi_core import OpenAPI
from openapi_core.contrib.werkzeug import WerkzeugOpenAPIRequest, WerkzeugOpenAPIResponse

from werkzeug.exceptions import HTTPException

from app.api.openapi import openapi_document

#: what was validated this session: (method, path template or status) -> count
VALIDATED: Counter = Counter()
#: Schemathesis examples run this session, per role (tests/api/test_fuzz.py counts them)
FUZZED: Counter = Counter()
#: methods Flask answers by itself, which the contract leaves out
_IMPLICIT = {"HEAD", "OPTIONS"}


@lru_cache(maxsize=1)
def validator() -> OpenAPI:
    return OpenAPI.from_dict(openapi_document())


class _AnsweredRequest(WerkzeugOpenAPIRequest):
    """The request a response answered, as openapi-core reads it: its body was consumed by the app,
    and validating a response needs only the operation (method and path)."""

    @property
    def body(self) -> bytes:
        return b""


class ContractBroken(AssertionError):
    """A response of the API that the contract does not describe."""


def check_api_response(response) -> None:
    """Validate `response` (a Werkzeug test response) when it answered a call under /api/."""
    request = getattr(response, "request", None)
    if request is None or not request.path.startswith("/api/") or request.method in _IMPLICIT:
        return
    if not _routed(request):
        # no operation at all (a typo in the URL, a method the route lacks): only the error's shape
        body = response.get_json(silent=True)
        if response.status_code not in (404, 405) or not isinstance(body, dict) or set(body) != {"error", "detail"}:
            raise ContractBroken(f"{request.method} {request.path}: an unrouted call answered "
                                 f"{response.status_code} {response.get_data(as_text=True)[:300]}")
        VALIDATED[response.status_code] += 1
        return
    try:
        validator().validate_response(_AnsweredRequest(request), WerkzeugOpenAPIResponse(response))
    except Exception as error:  # openapi-core raises its own classes for every way a response breaks it
        raise ContractBroken(_explain(request, response, error)) from error
    VALIDATED[response.status_code] += 1


def _routed(request) -> bool:
    """Does the app have a route for this method and path (else Flask answered 404/405 itself)?"""
    try:
        current_app.url_map.bind("localhost").match(request.path, method=request.method)
    except HTTPException as error:
        # a redirect (a missing trailing slash) is routed too; NotFound and MethodNotAllowed are not
        return error.code not in (404, 405)
    return True


def _explain(request, response, error: Exception) -> str:
    causes, current = [], error
    while current is not None and len(causes) < 5:
        causes.append(f"{type(current).__name__}: {str(current)[:300]}")
        for nested in getattr(current, "schema_errors", ()) or ():
            causes.append(f"  at {'/'.join(map(str, nested.absolute_path)) or '(root)'}: {nested.message[:300]}")
        current = current.__cause__
    body = response.get_data(as_text=True)
    return (f"{request.method} {request.full_path.rstrip('?')} answered {response.status_code}, which "
            f"/api/openapi.json does not describe:\n" + "\n".join(causes) + f"\nbody: {body[:600]}")


def pytest_terminal_summary(terminalreporter):
    if FUZZED:
        terminalreporter.write_line("Schemathesis examples per role: " +
                                    ", ".join(f"{role}: {count}" for role, count in sorted(FUZZED.items())))
    if VALIDATED:
        counts = ", ".join(f"{status}: {count}" for status, count in sorted(VALIDATED.items()))
        terminalreporter.write_line(
            f"API contract: {sum(VALIDATED.values())} responses validated against /api/openapi.json ({counts})")

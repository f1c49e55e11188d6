"""Schemathesis over every operation of /api/openapi.json, with the bearer tokens of two roles (the
Taskforce's secretary, who may change everything there, and a plain member): no answer may be a
server error, have a status the contract does not list, or break its schema.

`make test` runs a few derandomized examples per operation, role and mode (valid and invalid
input); `make fuzz` many more, random, plus stateful runs that follow the contract's links (a new
meeting, then its items, decisions, actions). FUZZ_EXAMPLES, FUZZ_RANDOM and FUZZ_STATEFUL set that.
The requests go through the suite's client, so every answer is also checked by openapi-core
(tests/api/contract.py). Writes land in the test database, which is emptied after each test.
"""
import os
import random
import traceback

import pytest
import schemathesis
import whoosh.codec.base
from hypothesis import HealthCheck, given, settings, strategies as st
from schemathesis import GenerationMode
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance, response_headers_conformance, response_schema_conformance,
    status_code_conformance,
)

from app.bodies.services import get_body
from app.decisions.objectives import create_objective
from app.proposals.services import propose_item
from tests import factories
from tests.api.contract import FUZZED

pytestmark = pytest.mark.slow

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "3"))
RANDOM = os.environ.get("FUZZ_RANDOM") == "1"
STATEFUL = os.environ.get("FUZZ_STATEFUL") == "1"
CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_headers_conformance,
          response_schema_conformance]
MODES = (GenerationMode.POSITIVE, GenerationMode.NEGATIVE)
ROLES = ("secretary", "member")


def _settings(examples: int, **extra) -> settings:
    return settings(max_examples=examples, deadline=None, database=None, derandomize=not RANDOM,
                    suppress_health_check=list(HealthCheck), **extra)


@pytest.fixture(autouse=True)
def whoosh_names_segments_at_random(monkeypatch):
    """Hypothesis seeds `random` alike before every example, and Whoosh names its index segments with
    `random`: two examples would name a segment alike and the second commit would fail. (A server's
    workers are reseeded at fork, so this is the harness's doing, not the app's.)"""
    system = random.SystemRandom()
    monkeypatch.setattr(whoosh.codec.base, "random_name",
                        lambda size=28: "".join(system.choice("abcdefghijklmnopqrstuvwxyz0123456789_")
                                                for _ in range(size)))


@pytest.fixture
def world(people, make_meeting, make_decision, make_page, item_titled, request_ctx):
    """One of each object the path parameters name, so that cases reach past the 404."""
    secretary = people.secretary
    meeting = make_meeting(items=["Mobiliteitsplan"], state="agenda_published", days=-1)
    item = item_titled(meeting, "Mobiliteitsplan")
    decision = make_decision(item, "De Taskforce keurt het plan goed.")
    objective = create_objective(secretary, get_body("taskforce"), {"title": "Modal shift", "action_line": 4})
    action = factories.make_action(secretary, "Opvolgen", decision=decision, owner=f"user:{people.member.id}",
                                   objective=objective.id)
    document = make_page("Nota", "Tekst", state="internal")
    proposal = propose_item(people.member, get_body("taskforce"), {"title": "Deelfietsen"})
    return {
        "ids": {"meeting_id": meeting.id, "item_id": item.id, "decision_id": decision.id, "action_id": action.id,
                "objective_id": objective.id, "document_id": document.id, "slug": "taskforce",
                "proposal_id": proposal.id},
        "people": {"secretary": secretary, "member": people.member},
    }


@pytest.fixture
def tokens(world, api):
    return {role: api.login(person.email).token for role, person in world["people"].items()}


@pytest.fixture
def schema(app):
    return schemathesis.openapi.from_wsgi("/api/openapi.json", app)


def _cases(operation, known: dict):
    """Cases with generated path parameters, and cases aimed at the objects the world holds."""
    aimed = {p.name: known[p.name] for p in operation.path_parameters if p.name in known}
    strategies = [operation.as_strategy(mode) for mode in MODES]
    if aimed:
        strategies += [operation.as_strategy(mode, path_parameters=aimed) for mode in MODES]
    return st.one_of(*strategies)


def test_every_operation_for_two_roles(schema, world, tokens, client):
    failures = []
    for result in schema.get_all_operations():
        operation = result.ok()
        for role in ROLES:
            headers = {"Authorization": f"Bearer {tokens[role]}"}

            @_settings(EXAMPLES * len(MODES))
            @given(case=_cases(operation, world["ids"]))
            def run(case):
                FUZZED[role] += 1
                response = case.call(session=client.raw, headers=headers)
                case.validate_response(response, checks=CHECKS, headers=headers)

            try:
                run()
            except Exception as error:  # collect, so that one run reports every operation that fails
                trace = "".join(traceback.format_exception(error))
                failures.append(f"{role} {operation.label}: {str(error)[:1500]}\n{trace[-2500:]}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.skipif(not STATEFUL, reason="stateful runs belong to `make fuzz` (FUZZ_STATEFUL=1)")
@pytest.mark.parametrize("role", ROLES)
def test_stateful_runs_follow_the_links(schema, world, tokens, client, role):
    headers = {"Authorization": f"Bearer {tokens[role]}"}

    class Machine(schema.as_state_machine()):
        def get_call_kwargs(self, case):
            return {"session": client.raw, "headers": headers}

        def validate_response(self, response, case, additional_checks=None, **kwargs):
            FUZZED[f"{role} (stateful steps)"] += 1
            case.validate_response(response, checks=CHECKS, headers=headers)

    Machine.run(settings=_settings(max(EXAMPLES, 10), stateful_step_count=10))


"""Search security never drifts: every change of who may read something (a seat in a body, a global
role, a meeting's state, an object's body or owner) shows at once in /api/search and on /search for
the user it concerns. The meeting, its agenda items (the closed one too) and its minutes appear or
vanish together, with their snippets and facet counts.

The oracle is `can(user, VIEW, obj)`, the check every page makes: search must show exactly what it
allows. Each case also says which way it must go, so that it cannot pass by finding nothing."""
from dataclasses import dataclass, field
from typing import Callable

import pytest

from app.auth.services import create_user, update_user
from app.bodies.models import Membership
from app.bodies.services import get_body, remove_membership, save_body, set_membership
from app.core.permissions import VIEW, can
from app.extensions import db
from app.meetings.agenda import add_item
from app.meetings.services import transition_meeting
from app.search.hooks import deferred_indexing
from app.search.registry import build_doc, key_of, type_of
from tests import factories
from tests.conftest import Client

#: the word searched for: in the meeting's title, the items and the minutes
WORD = "zonnewarmte"
#: a word found only in texts (descriptions, minutes): it shows on a results page only in a snippet
SECRET = "kesselbergakkoord"
BODY, OTHER = "toekomstforum-werk-economie", "toekomstforum-mobiliteit"


@dataclass
class World:
    manager: object
    user: object | None
    tree: list = field(default_factory=list)
    urls: list = field(default_factory=list)

    @property
    def meeting(self):
        return self.tree[0]


def plan_meeting(manager, state: str, is_public: bool = False) -> list:
    """A meeting of BODY with an open and a closed item, minutes of both, moved to `state`:
    the meeting, every item and every minutes, in that order."""
    meeting = factories.make_meeting(manager, BODY, title=f"Overleg {WORD}", is_public=is_public,
                                     items=[f"Open punt {WORD}"])
    closed = add_item(manager, meeting, {"title": f"Besloten punt {WORD}", "public": False,
                                         "description": f"Vertrouwelijk: {SECRET}."})
    minutes = [factories.make_minutes(manager, item, f"{WORD} en het {SECRET} besproken.")
               for item in (meeting.items[-2], closed)]
    for transition in factories.MEETING_PATH[state]:
        transition_meeting(manager, meeting, transition, "Test" if transition == "cancel" else "")
    return [meeting, *meeting.items, *minutes]


def build_key(obj) -> str:
    return key_of(type_of(obj).name, obj.id)


def write_page(manager, state: str) -> list:
    document = factories.make_page(manager, f"Nota {WORD}", f"{WORD}: {SECRET}.", state=state, body=BODY)
    return [document]


def seat(world, role):
    set_membership(world.manager, get_body(BODY), world.user, role)


def unseat(world):
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=world.user.id))
    remove_membership(world.manager, membership.id)


def set_global_role(world, role):
    user = world.user
    update_user(user, world.manager, user.name, user.email, role, user.organisation, True)


def move(obj, slug):
    obj.body_id = get_body(slug).id  # no service moves these: any commit must reindex them
    db.session.commit()


def set_owner(obj, user):
    obj.created_by_id = user.id if user is not None else None
    db.session.commit()


def transition(world, name):
    transition_meeting(world.manager, world.meeting, name, "Test" if name == "cancel" else "")


@dataclass
class Case:
    id: str
    #: the user's seats and global role at the start; None for the anonymous public
    user: dict | None
    #: "planned", "agenda_published", ...: a meeting in that state; "doc:<state>": a document
    start: str
    change: Callable
    sees_before: bool
    sees_after: bool
    is_public: bool = False
    #: run on the world before the "before" check
    prepare: Callable | None = None


MEMBER = {"memberships": {BODY: "lid"}}
CASES = [
    # seats in the body (the chairs own a planned meeting: user:<id> principals)
    Case("chair added", {}, "planned", lambda w: seat(w, "voorzitter"), False, True),
    Case("chair removed", {"memberships": {BODY: "voorzitter"}}, "planned", unseat, True, False),
    Case("chair to member", {"memberships": {BODY: "voorzitter"}}, "planned", lambda w: seat(w, "lid"), True, False),
    Case("member to chair", MEMBER, "planned", lambda w: seat(w, "voorzitter"), False, True),
    Case("observer to secretary", {"memberships": {BODY: "waarnemer"}}, "planned",
         lambda w: seat(w, "secretaris"), False, True),
    Case("secretary to member", {"memberships": {BODY: "secretaris"}}, "planned", lambda w: seat(w, "lid"), True, False),
    Case("member added", {}, "agenda_published", lambda w: seat(w, "lid"), False, True),
    Case("member removed", MEMBER, "agenda_published", unseat, True, False),
    # global roles
    Case("made beheerder", {}, "planned", lambda w: set_global_role(w, "beheerder"), False, True),
    Case("unmade beheerder", {"global_role": "beheerder"}, "planned", lambda w: set_global_role(w, None), True, False),
    Case("made global secretaris", {}, "planned", lambda w: set_global_role(w, "secretaris"), False, True),
    Case("global lid removed", {"global_role": "lid"}, "agenda_published", lambda w: set_global_role(w, None),
         True, False),
    # the meeting's workflow
    Case("agenda published", MEMBER, "planned", lambda w: transition(w, "publish_agenda"), False, True),
    Case("agenda retracted", MEMBER, "agenda_published", lambda w: transition(w, "retract_agenda"), True, False),
    Case("meeting cancelled", MEMBER, "planned", lambda w: transition(w, "cancel"), False, True),
    Case("public agenda published", None, "planned", lambda w: transition(w, "publish_agenda"), False, True,
         is_public=True),
    Case("public agenda retracted", None, "agenda_published", lambda w: transition(w, "retract_agenda"), True, False,
         is_public=True),
    # the body and the owner of an object
    Case("meeting moved out of the body", MEMBER, "agenda_published", lambda w: move(w.meeting, OTHER), True, False),
    Case("meeting moved into the body", {"memberships": {OTHER: "lid"}}, "agenda_published",
         lambda w: move(w.meeting, OTHER), False, True),
    Case("meeting author changed", {}, "planned", lambda w: set_owner(w.meeting, w.user), False, True),
    Case("document moved out of the body", MEMBER, "doc:internal", lambda w: move(w.tree[0], OTHER), True, False),
    Case("document moved into the body", {"memberships": {OTHER: "lid"}}, "doc:internal",
         lambda w: move(w.tree[0], OTHER), False, True),
    Case("document owner changed", MEMBER, "doc:private", lambda w: set_owner(w.tree[0], w.user), False, True),
    Case("document owner removed", MEMBER, "doc:private", lambda w: set_owner(w.tree[0], None), True, False,
         prepare=lambda w: set_owner(w.tree[0], w.user)),
]


@pytest.fixture
def manager(app, request_ctx):
    """A beheerder and the two bodies, made through the services (leaner than the demo data)."""
    admin = create_user("beheer@example.be", "Bea Beheer", factories.PASSWORD, global_role="beheerder")
    save_body(admin, BODY, "Themawerkgroep Werk en Economie", "TWE")
    save_body(admin, OTHER, "Themawerkgroep Mobiliteit", "TMO")
    return admin


def make_world(case: Case, manager) -> World:
    with deferred_indexing():  # one index update for the whole set-up (the hooks stay on)
        user = None
        if case.user is not None:
            user = create_user("lezer@example.be", "Lea Lezer", factories.PASSWORD,
                               global_role=case.user.get("global_role"))
            for slug, role in case.user.get("memberships", {}).items():
                set_membership(manager, get_body(slug), user, role)
        world = World(manager, user)
        if case.start.startswith("doc:"):
            world.tree = write_page(manager, case.start[4:])
        else:
            world.tree = plan_meeting(manager, case.start, case.is_public)
        if case.prepare is not None:
            case.prepare(world)
    #: where each object's result links to (its search document's url), in tree order
    world.urls = [build_doc(obj)["url"] for obj in world.tree]
    return world


class Searcher:
    """One user searching through both channels: /api/search with a bearer token, /search in a
    signed-in browser session (kept across the change, as a real user's would be)."""

    def __init__(self, app, user):
        self.api = app.test_client()
        self.page = Client(app.test_client())
        self.headers = {}
        if user is not None:
            response = self.api.post("/api/login", json={"email": user.email, "password": factories.PASSWORD})
            self.headers = {"Authorization": f"Bearer {response.get_json()['token']}"}
            response = self.page.raw.post("/login", data={
                "email": user.email, "password": factories.PASSWORD, "csrf_token": self.page.csrf_token("/login")})
            assert response.status_code == 302

    def check(self, channel: str, world: World) -> list[str]:
        """What goes wrong on `channel`: keys shown that may not be read, keys missing, leaks."""
        db.session.expire_all()
        user = None if world.user is None else db.session.get(type(world.user), world.user.id)
        keys = [build_key(obj) for obj in world.tree]
        readable = [obj for obj in world.tree if can(user, VIEW, obj)]
        expected = {build_key(obj) for obj in readable}
        # the secret word may show (in a snippet) only when something readable holds it
        may_show_secret = any(SECRET in build_doc(obj)["text"].lower() for obj in readable)
        problems = []
        if channel == "api":
            response = self.api.get("/api/search", query_string={"q": WORD, "pagelen": "100"}, headers=self.headers)
            assert response.status_code == 200
            body = response.get_json()
            shown = {f"{hit['type']}:{hit['id']}" for hit in body["results"]}
            counted = (body["total"], sum(body["facets"]["type"].values()))
            if counted != (len(expected), len(expected)):
                problems.append(f"total and facet count {counted}, readable {len(expected)}")
            text = response.get_data(as_text=True)
        else:
            response = self.page.get("/search", query_string={"q": WORD})
            assert response.status_code == 200
            text = response.get_data(as_text=True)
            shown = {key for key, url in zip(keys, world.urls) if f'href="{url}"' in text}
        if shown - expected:
            problems.append(f"shown but not readable: {sorted(shown - expected)}")
        if expected - shown:
            problems.append(f"readable but not shown: {sorted(expected - shown)}")
        if SECRET in text.lower() and not may_show_secret:
            problems.append("a snippet leaks")
        return problems


def sees_first(world: World) -> bool:
    """Whether the user may read the meeting (or the document) now, as its page decides."""
    db.session.expire_all()
    user = None if world.user is None else db.session.get(type(world.user), world.user.id)
    return can(user, VIEW, world.tree[0])


@pytest.mark.parametrize("case", CASES, ids=[case.id for case in CASES])
def test_a_change_of_who_may_read_shows_at_once_in_search(case, app, manager):
    world = make_world(case, manager)
    searcher = Searcher(app, world.user)
    assert sees_first(world) is case.sees_before, "the case starts where it says"
    problems = {f"before {channel}": searcher.check(channel, world) for channel in ("api", "page")}
    case.change(world)
    assert sees_first(world) is case.sees_after, "the change does what it says"
    problems |= {f"after {channel}": searcher.check(channel, world) for channel in ("api", "page")}
    assert not any(problems.values()), {check: found for check, found in problems.items() if found}

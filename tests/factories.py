"""Test data made the way users make it: plain functions that call the app's public services (the
fixtures in conftest.py hand them out as `make_user`, `make_meeting`, `make_decision`, ...)."""
from datetime import datetime, timedelta

from app.auth.services import create_user, get_user_by_email
from app.bodies.services import get_body, set_membership
from app.core.timeutil import to_local, utcnow
from app.decisions.actions import create_action
from app.decisions.services import create_decision
from app.documents.services import create_document, transition_document
from app.meetings.agenda import add_item, move_item
from app.meetings.services import create_meeting, transition_meeting
from app.minutes.locks import is_locked
from app.minutes.services import save_minutes

PASSWORD = "correct-horse-battery"
#: the site manager of the demo data (the `seeded` fixture), who hands out seats in bodies
DEMO_MANAGER = "beheerder@spitsregio.be"
#: the workflow transitions that lead from "planned" to each meeting state, in order
MEETING_PATH = {
    "planned": (),
    "agenda_published": ("publish_agenda",),
    "held": ("publish_agenda", "mark_held"),
    "decisions_published": ("publish_agenda", "mark_held", "publish_decisions"),
    "minutes_approved": ("publish_agenda", "mark_held", "approve_minutes"),
    "cancelled": ("cancel",),
}
#: what a document's workflow passes through to reach each state
DOCUMENT_PATH = {"private": (), "internal": ("share",), "published": ("publish",)}


def local(days: int = 0, hour: int = 14, minute: int = 0) -> datetime:
    """A Brussels wall-clock datetime `days` from today."""
    day = to_local(utcnow()).date() + timedelta(days=days)
    return datetime(day.year, day.month, day.day, hour, minute)


# --- people --------------------------------------------------------------------------------------

def make_user(email: str, name: str, password: str = PASSWORD, global_role: str | None = None,
              memberships: dict[str, str] | None = None, **details):
    """A user with seats in bodies ({"taskforce": "lid"}); seats need the demo data (`seeded`)."""
    user = create_user(email, name, password, global_role=global_role, **details)
    if memberships:
        manager = get_user_by_email(DEMO_MANAGER)
        assert manager is not None, "seats in bodies need the demo data: use the `seeded` fixture"
        for slug, role in memberships.items():
            body = get_body(slug)
            assert body is not None, f"no body {slug}: use the `seeded` fixture"
            set_membership(manager, body, user, role)
    return user


# --- meetings ------------------------------------------------------------------------------------

def make_meeting(user, body: str = "taskforce", start: datetime | None = None, end: datetime | None = None,
                 days: int | None = None, hours: int = 2, state: str = "planned", items=(),
                 item_kind: str = "ter_beslissing", items_first: bool = False, **details):
    """A meeting planned by `user` through the services, with the body's fixed items first and then
    `items` (titles), moved along the real workflow until it reaches `state`.

    `start` defaults to 14:00 `days` from today (Brussels): by default in 14 days, or 14 days ago
    for a meeting that must be held (a meeting is held only once it has started); `end` to `hours`
    later; `details` go to
    create_meeting (title, location, online_url, is_public). With `items_first` the new items open
    the agenda, before the fixed ones.
    """
    if days is None:
        days = -14 if "mark_held" in MEETING_PATH[state] else 14
    start = start or local(days)
    end = end or start + timedelta(hours=hours)
    meeting = create_meeting(user, body, start, end, **details)
    for position, title in enumerate(items, 1):
        item = add_item(user, meeting, {"title": title, "kind": item_kind,
                                        "description": f"Toelichting bij **{title}**."})
        if items_first:
            move_item(user, item, position)
    for transition in MEETING_PATH[state]:
        transition_meeting(user, meeting, transition, "Test" if transition == "cancel" else "")
    return meeting


def make_decision(user, item, text: str, reason: str = "", **details):
    """A decision on `item`; on a locked item (approved minutes) with a reason, as the service asks."""
    return create_decision(user, item, text, reason=_reason(item, reason), **details)


def _reason(item, reason: str) -> str:
    """The reason a change to a locked item (approved minutes) needs: the given one, or a stock one."""
    return reason or ("Aangevuld in een test" if is_locked(item) else "")


def make_action(user, title: str, decision=None, body: str = "taskforce", **data):
    """An action under `decision` (or, without one, of `body`); `data` as the service reads it
    (description, owner, due, objective, status, weight)."""
    return create_action(user, {"title": title, **data}, decision=decision,
                         body=None if decision is not None else get_body(body))


# --- minutes -------------------------------------------------------------------------------------

def make_minutes(user, item, text: str, reason: str = ""):
    """The minutes of `item` saved as a new revision; on a locked item with a reason, as the service asks."""
    return save_minutes(user, item, text, reason=_reason(item, reason))


# --- documents -----------------------------------------------------------------------------------

def make_page(user, title: str, text: str = "", state: str = "private", body: str = "taskforce", **details):
    """A document page by `user`, shared or published through its workflow."""
    return _through_workflow(user, create_document(user, title, text=text, body_slug=body, **details), state)


def make_file(user, title: str, filename: str, data: bytes, state: str = "private", body: str = "taskforce",
              **details):
    """An uploaded file (`data` named `filename`) by `user`, shared or published through its workflow."""
    document = create_document(user, title, file_data=data, filename=filename, body_slug=body, **details)
    return _through_workflow(user, document, state)


def _through_workflow(user, document, state: str):
    for transition in DOCUMENT_PATH[state]:
        transition_document(user, document, transition)
    return document

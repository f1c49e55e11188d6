"""Factories for minutes and decisions tests: meetings with their body's fixed items, and people."""
from datetime import datetime

import pytest

from app.bodies.models import Body
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting


@pytest.fixture
def make_meeting(seeded, request_ctx):
    """make_meeting(body="taskforce", start=datetime(...), state="held", items=["Titel", ...]) -> Meeting.

    The meeting gets its body's fixed items first, then the extra items, as planning one does.
    """

    def make(body="taskforce", start=datetime(2026, 3, 10, 14, 0), state="held", is_public=False,
             items=("Mobiliteitsplan regio Leuven",), item_kind="ter_beslissing"):
        found = db.session.scalar(db.select(Body).filter_by(slug=body))
        meeting = Meeting(body=found, start_at=start, state=state, is_public=is_public,
                          title=f"Vergadering {found.name}")
        db.session.add(meeting)
        position = 0
        for fixed in found.fixed_items:
            meeting.items.append(AgendaItem(
                position=position, title=fixed.title, kind=fixed.kind, is_fixed=fixed.mandatory,
                is_standing=not fixed.mandatory, fixed_item=fixed, description=fixed.description))
            position += 1
        for title in items:
            meeting.items.append(AgendaItem(position=position, title=title, kind=item_kind,
                                            description=f"Toelichting bij **{title}**."))
            position += 1
        db.session.commit()
        return meeting

    return make


@pytest.fixture
def people(seeded, make_user):
    """secretary, chair and member of the Taskforce, an outsider, and a beheerder."""

    class People:
        secretary = make_user(name="Sofie Secretaris", email="sec@example.be", memberships={"taskforce": "secretaris"})
        chair = make_user(name="Carl Voorzitter", email="chair@example.be", memberships={"taskforce": "voorzitter"})
        member = make_user(name="Mila Lid", email="member@example.be", memberships={"taskforce": "lid"})
        outsider = make_user(name="Otto Buiten", email="outsider@example.be",
                             memberships={"toekomstforum-mobiliteit": "secretaris"})
        admin = make_user(name="Ben Beheer", email="admin@example.be", global_role="beheerder")

    return People


@pytest.fixture
def item_titled():
    """item_titled(meeting, "Varia") -> the agenda item with that title."""
    return lambda meeting, title: next(item for item in meeting.items if item.title == title)


@pytest.fixture
def request_ctx(app):
    """Services translate their messages: give them a request (the locale comes from it)."""
    with app.test_request_context():
        yield


@pytest.fixture(autouse=True)
def fresh_user_per_request(app):
    """The `app` fixture holds one app context, so test requests share `g` and Flask-Login's cached
    user: a request after a bearer-token login would still see the previous (anonymous) user.
    Let every request load its own user, as it does in production."""
    from flask import g

    @app.before_request
    def _forget_cached_user():
        g.pop("_login_user", None)

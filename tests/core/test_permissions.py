"""The permission matrix of DESIGN.md, role by role, global and local, against every permission.

The expected table is written out here independently of app/core/permissions.py.
"""
from dataclasses import dataclass, field

import pytest
from flask_login import AnonymousUserMixin

from app.bodies.models import Body
from app.core.errors import NotAllowed
from app.core.permissions import (
    EDIT, MANAGE, PERMISSIONS, PUBLISH, REPORT_PROGRESS, VIEW, allowed_principals, can, require,
    user_principals,
)
from app.extensions import db

Y, N, OWN = True, False, "own"
COLUMNS = ("beheerder", "secretaris", "voorzitter", "lid", "other", "anonymous")

# DESIGN.md "The permission matrix": (permission, access level) -> one cell per column.
MATRIX = {
    (VIEW, "published"):          (Y, Y, Y, Y, Y, Y),
    (VIEW, "internal"):           (Y, Y, Y, Y, N, N),
    (VIEW, "private"):            (Y, Y, OWN, OWN, OWN, N),
    (EDIT, "*"):                  (Y, Y, N, N, N, N),
    (PUBLISH, "*"):               (Y, Y, Y, N, N, N),
    (REPORT_PROGRESS, "*"):       (Y, Y, Y, OWN, OWN, N),
    (MANAGE, "*"):                (Y, N, N, N, N, N),
}
LEVELS = ("published", "internal", "private")

# Who the actor is -> the column of the matrix they fall in for content of the Taskforce.
ACTORS = {
    "anonymous": "anonymous",
    "no role": "other",
    "global beheerder": "beheerder",
    "global secretaris": "secretaris",
    "global voorzitter": "voorzitter",
    "global lid": "lid",
    "secretaris of the body": "secretaris",
    "voorzitter of the body": "voorzitter",
    "lid of the body": "lid",
    "waarnemer of the body": "lid",
    "plaatsvervanger of the body": "lid",
    "secretaris of another body": "other",
    "voorzitter of another body": "other",
    "lid of another body": "other",
}


@dataclass
class Content:
    """Any protected object: what the core needs to know and nothing more."""
    body_id: int | None
    access_level: str
    owner_user_ids: set = field(default_factory=set)


def expected(permission, level, column, owner):
    cell = MATRIX.get((permission, level)) or MATRIX[(permission, "*")]
    value = cell[COLUMNS.index(column)]
    return owner if value == OWN else value


def make_actor(make_user, actor):
    if actor == "anonymous":
        return AnonymousUserMixin()
    if actor == "no role":
        return make_user()
    if actor.startswith("global "):
        return make_user(global_role=actor.split()[1])
    role, _of, where, _body = actor.split()
    slug = "taskforce" if where == "the" else "burgemeestersoverleg"
    return make_user(memberships={slug: role})


def taskforce_id():
    return db.session.scalar(db.select(Body.id).filter_by(slug="taskforce"))


@pytest.mark.parametrize("actor", ACTORS)
def test_matrix(seeded, make_user, actor):
    user = make_actor(make_user, actor)
    column = ACTORS[actor]
    body_id = taskforce_id()
    mismatches = []
    for permission in PERMISSIONS:
        for level in LEVELS:
            for owner in (False, True):
                if owner and actor == "anonymous":
                    continue
                obj = Content(body_id, level, {user.id} if owner else set())
                want = expected(permission, level, column, owner)
                got = can(user, permission, obj)
                if got != want:
                    mismatches.append(f"{permission} {level} owner={owner}: want {want}, got {got}")
    assert mismatches == []


@pytest.mark.parametrize("actor", ACTORS)
def test_search_principals_agree_with_view(seeded, make_user, actor):
    """A search result is shown exactly when `can(VIEW)` says so, for any level, owner, body."""
    user = make_actor(make_user, actor)
    other_body = db.session.scalar(db.select(Body.id).filter_by(slug="toekomstforum-mobiliteit"))
    for body_id in (taskforce_id(), other_body, None):
        for level in LEVELS:
            for owners in (set(), {getattr(user, "id", None) or -1}, {10_000}):
                obj = Content(body_id, level, owners)
                shown = bool(set(allowed_principals(obj)) & user_principals(user))
                assert shown == can(user, VIEW, obj), (body_id, level, owners)


@pytest.mark.parametrize("actor", ACTORS)
def test_site_wide_manage_only_for_beheerder(seeded, make_user, actor):
    user = make_actor(make_user, actor)
    assert can(user, MANAGE) == (actor == "global beheerder")


def test_local_role_does_not_leak_into_another_body(seeded, make_user):
    secretary = make_user(memberships={"taskforce": "secretaris"})
    other = db.session.scalar(db.select(Body.id).filter_by(slug="toekomstforum-werk-economie"))
    assert can(secretary, EDIT, Content(taskforce_id(), "internal"))
    assert not can(secretary, EDIT, Content(other, "internal"))
    assert not can(secretary, VIEW, Content(other, "internal"))
    assert not can(secretary, VIEW, Content(other, "private"))


def test_inactive_membership_change_is_seen_at_once(seeded, make_user):
    """Roles are read from the memberships each time: removing a seat removes the rights."""
    user = make_user(memberships={"taskforce": "lid"})
    obj = Content(taskforce_id(), "internal")
    assert can(user, VIEW, obj)
    for membership in list(user.memberships):
        db.session.delete(membership)
    db.session.commit()
    db.session.expire_all()
    assert not can(user, VIEW, obj)


def test_require_raises_not_allowed(seeded, make_user):
    user = make_user(memberships={"taskforce": "lid"})
    require(user, VIEW, Content(taskforce_id(), "internal"))
    with pytest.raises(NotAllowed):
        require(user, EDIT, Content(taskforce_id(), "internal"))
    with pytest.raises(NotAllowed):
        require(AnonymousUserMixin(), VIEW, Content(taskforce_id(), "internal"))


def test_unknown_permission_is_a_programming_error(app):
    with pytest.raises(ValueError):
        can(AnonymousUserMixin(), "fly")


def test_bodies_are_public(seeded):
    body = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    assert can(AnonymousUserMixin(), VIEW, body)
    assert allowed_principals(body) == ["anonymous"]

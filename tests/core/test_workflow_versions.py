"""The generic workflow engine (guarded transitions, history) and the version history."""
from dataclasses import dataclass

import pytest

from app.bodies.models import Body
from app.core.errors import Conflict, Invalid, NotAllowed, NotFound
from app.core.versions import diff_versions, get_version, list_versions, record_version
from app.core.workflow import CONTENT_WORKFLOW, MEETING_WORKFLOW, apply_transition, history
from app.extensions import db


@dataclass
class Doc:
    """A stand-in for any content type that plugs into the engine."""
    id: int
    body_id: int
    state: str
    owner_user_ids: tuple = ()
    __tablename__ = "test_documents"

    @property
    def access_level(self):
        return {"private": "private", "internal": "internal", "published": "published",
                "planned": "private", "agenda_published": "internal"}.get(self.state, "internal")


@pytest.fixture
def taskforce(seeded):
    return db.session.scalar(db.select(Body).filter_by(slug="taskforce"))


@pytest.fixture
def by_role(make_user, taskforce):
    return {role: make_user(name=role, memberships={"taskforce": role})
            for role in ("secretaris", "voorzitter", "lid")} | {
        "other": make_user(name="other", memberships={"burgemeestersoverleg": "secretaris"}),
        "beheerder": make_user(name="beheerder", global_role="beheerder"),
    }


def test_secretary_shares_and_history_records_who_when_why(by_role, taskforce):
    doc = Doc(1, taskforce.id, "private")
    record = apply_transition(CONTENT_WORKFLOW, doc, "share", by_role["secretaris"], "  klaar voor de leden ")
    db.session.commit()
    assert doc.state == "internal"
    [entry] = history(doc)
    assert entry is record
    assert (entry.transition, entry.from_state, entry.to_state) == ("share", "private", "internal")
    assert entry.user_id == by_role["secretaris"].id and entry.comment == "klaar voor de leden"
    assert entry.created_at is not None and entry.object_type == "test_documents"


@pytest.mark.parametrize("who, transition, allowed", [
    ("secretaris", "share", True),
    ("secretaris", "publish", True),
    ("voorzitter", "publish", True),
    ("voorzitter", "share", False),
    ("lid", "share", False),
    ("lid", "publish", False),
    ("other", "publish", False),  # secretary of another body
    ("beheerder", "publish", True),
])
def test_content_transitions_allowed_and_refused(by_role, taskforce, who, transition, allowed):
    doc = Doc(2, taskforce.id, "private", owner_user_ids=(by_role["lid"].id,))
    if allowed:
        apply_transition(CONTENT_WORKFLOW, doc, transition, by_role[who])
        db.session.commit()
        assert doc.state == CONTENT_WORKFLOW.transition(transition).target
        assert len(history(doc)) == 1
    else:
        with pytest.raises(NotAllowed):
            apply_transition(CONTENT_WORKFLOW, doc, transition, by_role[who])
        db.session.commit()
        assert doc.state == "private" and history(doc) == []


def test_transition_from_the_wrong_state_is_a_conflict(by_role, taskforce):
    doc = Doc(3, taskforce.id, "published")
    with pytest.raises(Conflict):
        apply_transition(CONTENT_WORKFLOW, doc, "share", by_role["secretaris"])
    assert doc.state == "published"


def test_unknown_transition_is_invalid(by_role, taskforce):
    with pytest.raises(Invalid):
        apply_transition(CONTENT_WORKFLOW, Doc(4, taskforce.id, "private"), "explode", by_role["beheerder"])


def test_available_transitions_depend_on_role_and_state(by_role, taskforce):
    doc = Doc(5, taskforce.id, "internal")
    names = lambda who: sorted(t.name for t in CONTENT_WORKFLOW.available(by_role[who], doc))  # noqa: E731
    assert names("secretaris") == ["make_private", "publish"]
    assert names("voorzitter") == ["publish"]
    assert names("lid") == []


def test_meeting_workflow_full_path_and_history_order(by_role, taskforce):
    from datetime import datetime

    from app.meetings.services import create_meeting

    meeting = create_meeting(by_role["secretaris"], taskforce, datetime(2026, 3, 10, 14, 0))
    with pytest.raises(NotAllowed):
        apply_transition(MEETING_WORKFLOW, meeting, "publish_agenda", by_role["lid"])
    apply_transition(MEETING_WORKFLOW, meeting, "publish_agenda", by_role["secretaris"])
    with pytest.raises(NotAllowed):
        apply_transition(MEETING_WORKFLOW, meeting, "mark_held", by_role["voorzitter"])
    apply_transition(MEETING_WORKFLOW, meeting, "mark_held", by_role["secretaris"])
    with pytest.raises(Conflict):
        apply_transition(MEETING_WORKFLOW, meeting, "publish_agenda", by_role["secretaris"])
    apply_transition(MEETING_WORKFLOW, meeting, "approve_minutes", by_role["voorzitter"], "goedgekeurd")
    db.session.commit()
    assert meeting.state == "minutes_approved"
    steps = history(meeting)
    assert [s.transition for s in steps] == ["publish_agenda", "mark_held", "approve_minutes"]
    assert [s.user.name for s in steps] == ["secretaris", "secretaris", "voorzitter"]
    assert str(MEETING_WORKFLOW.state_title("minutes_approved")) == "Verslag goedgekeurd"


def test_versions_record_list_diff(by_role):
    author = by_role["secretaris"]
    record_version("page", 7, {"title": "Agenda", "text": "regel 1\nregel 2"}, author, "eerste")
    record_version("page", 7, {"title": "Agenda", "text": "regel 1\nregel twee\nregel 3"}, author)
    record_version("page", 8, {"title": "Ander"}, author)
    db.session.commit()
    versions = list_versions("page", 7)
    assert [v.number for v in versions] == [1, 2]
    assert versions[0].comment == "eerste" and versions[0].user_id == author.id
    changes = diff_versions(get_version("page", 7, 1), get_version("page", 7, 2))
    assert list(changes) == ["text"]  # the unchanged title is not reported
    assert "-regel 2" in changes["text"] and "+regel twee" in changes["text"] and "+regel 3" in changes["text"]
    assert changes["text"][0] == "--- v1"
    assert [v.number for v in list_versions("page", 8)] == [1]
    with pytest.raises(NotFound):
        get_version("page", 7, 3)


def test_versions_keep_their_data_when_the_source_dict_changes(by_role):
    data = {"text": "eerst"}
    record_version("page", 9, data, by_role["lid"])
    data["text"] = "later"
    db.session.commit()
    assert get_version("page", 9, 1).data == {"text": "eerst"}

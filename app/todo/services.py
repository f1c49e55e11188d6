"""The to-do list as a page model: `todo_for(user)` gathers, per role the user holds in each body
(and across bodies for a global secretaris or beheerder), what waits for them; the start page's
template only reads it.

- chair (voorzitter): minutes to approve (with the approve button when the workflow allows it),
  agendas to publish;
- secretary: meetings whose minutes are still to write, remarks to answer, overdue actions;
- every member: their own open actions, draft minutes open for comment (art. 32 DLB).
"""
from dataclasses import dataclass, field
from datetime import date, datetime

from flask import url_for
from flask_babel import gettext as _
from flask_babel import ngettext

from app.admin.forms import ROLE_LABELS
from app.core.permissions import is_anonymous
from app.core.timeutil import utcnow
from app.core.workflow import MEETING_WORKFLOW
from app.decisions.actions import today
from app.decisions.models import STATUS_LABELS, Action
from app.meetings.models import Meeting
from app.meetings.queries import DRAFT_MINUTES_STATES, meeting_label
from app.todo.loading import Found, Scope, load

#: global roles that act as the secretariat of every body
SECRETARIAT_ROLES = ("secretaris", "beheerder")
#: entries shown per group; the group's count tells how many there are in all
MAX_SHOWN = 10
#: the transition the chair's button takes (the meeting's own transition route, so its one path)
APPROVE = "approve_minutes"


@dataclass(frozen=True)
class Button:
    """A POST form (with CSRF) to an existing transition route."""
    url: str
    transition: str
    label: str


@dataclass(frozen=True)
class Entry:
    label: str
    url: str
    when: date | datetime | None
    detail: str = ""
    overdue: bool = False
    button: Button | None = None


@dataclass(frozen=True)
class Group:
    key: str
    title: str
    #: the first MAX_SHOWN entries
    entries: tuple[Entry, ...]
    count: int

    @property
    def more(self) -> int:
        return self.count - len(self.entries)


@dataclass(frozen=True)
class Section:
    """What one role of the user asks: `title` names the body (or all bodies), `role` the role."""
    title: str
    role: str
    groups: tuple[Group, ...]


@dataclass(frozen=True)
class TodoList:
    sections: tuple[Section, ...] = field(default=())

    @property
    def is_empty(self) -> bool:
        return not self.sections


def todo_for(user) -> TodoList:
    """The to-do list of `user`: only non-empty groups, only what they may read."""
    if is_anonymous(user):
        return TodoList()
    roles = {m.body_id: m.role for m in user.memberships}
    secretariat = user.global_role in SECRETARIAT_ROLES
    scope = Scope(
        member_ids=frozenset(roles),
        chair_ids=frozenset(b for b, role in roles.items() if role == "voorzitter"),
        secretary_ids=None if secretariat else frozenset(b for b, role in roles.items() if role == "secretaris"),
    )
    day = today()
    found = load(user, scope, day)
    sections = []
    if secretariat:
        sections.append(_section(_("Alle organen"), ROLE_LABELS[user.global_role],
                                 _secretary_groups(found, None, day)))
    for body_id in sorted(roles, key=lambda b: found.bodies[b].name):
        role = roles[body_id]
        groups = _chair_groups(user, found, body_id) if role == "voorzitter" else ()
        if role == "secretaris" and not secretariat:
            groups += _secretary_groups(found, body_id, day)
        groups += _member_groups(user, found, body_id, day)
        sections.append(_section(found.bodies[body_id].name, ROLE_LABELS[role], groups))
    elsewhere = [a for a in found.actions if a.owner_user_id == user.id and a.body_id not in roles]
    sections.append(_section(_("Andere organen"), _("actiehouder"), (
        _group("my_actions", _("Mijn open acties"), [_own_action(a, day) for a in elsewhere]),)))
    return TodoList(tuple(s for s in sections if s is not None))


def _section(title: str, role, groups: tuple[Group, ...]) -> Section | None:
    """The section with its non-empty groups; None when nothing is left."""
    kept = tuple(g for g in groups if g.count)
    return Section(title, str(role), kept) if kept else None


def _group(key: str, title: str, entries: list[Entry]) -> Group:
    return Group(key, title, tuple(entries[:MAX_SHOWN]), len(entries))


def _of(found: Found, body_id: int | None, states) -> list[Meeting]:
    return [m for m in found.meetings if m.state in states and (body_id is None or m.body_id == body_id)]


def _meeting_entry(meeting: Meeting, endpoint: str = "meetings.show", **extra) -> Entry:
    return Entry(meeting_label(meeting), url_for(endpoint, meeting_id=meeting.id), meeting.start_at, **extra)


# --- per role ------------------------------------------------------------------------------------

def _chair_groups(user, found: Found, body_id: int) -> tuple[Group, ...]:
    now = utcnow()
    return (
        _group("approve_minutes", _("Verslagen goed te keuren"), [
            _meeting_entry(m, detail=MEETING_WORKFLOW.state_title(m.state), button=_approve_button(user, m))
            for m in _of(found, body_id, DRAFT_MINUTES_STATES)]),
        _group("publish_agenda", _("Agenda's te publiceren"), [
            _meeting_entry(m, overdue=m.start_at <= now) for m in _of(found, body_id, ("planned",))]),
    )


def _approve_button(user, meeting: Meeting) -> Button | None:
    transition = MEETING_WORKFLOW.transition(APPROVE)
    if transition not in MEETING_WORKFLOW.available(user, meeting):
        return None
    return Button(url_for("meetings.transition", meeting_id=meeting.id), APPROVE, str(transition.title))


def _secretary_groups(found: Found, body_id: int | None, day: date) -> tuple[Group, ...]:
    def here(other_body_id: int) -> bool:
        return body_id is None or other_body_id == body_id

    unwritten = [m for m in _of(found, body_id, DRAFT_MINUTES_STATES) if found.items_without_minutes[m.id]]
    remarks = [r for r in found.remarks if here(r.meeting.body_id)]
    overdue = sorted((a for a in found.actions if here(a.body_id) and a.is_overdue(day)),
                     key=lambda a: (a.due_on, a.id))
    return (
        _group("write_minutes", _("Verslagen te schrijven"), [
            _meeting_entry(m, "minutes.meeting_minutes", detail=ngettext(
                "%(num)d agendapunt zonder verslag", "%(num)d agendapunten zonder verslag",
                found.items_without_minutes[m.id])) for m in unwritten]),
        _group("answer_remarks", _("Opmerkingen te beantwoorden"), [_remark_entry(r) for r in remarks]),
        _group("overdue_actions", _("Acties over tijd"), [
            Entry(a.title, url_for("actions.show", action_id=a.id), a.due_on,
                  f"{a.body.abbreviation} · {a.owner_name}" if a.owner_name else a.body.abbreviation,
                  overdue=True) for a in overdue]),
    )


def _remark_entry(remark) -> Entry:
    anchor = f"item-{remark.agenda_item_id}" if remark.agenda_item_id else None
    author = remark.user.name if remark.user is not None else "—"
    excerpt = remark.text if len(remark.text) <= 80 else remark.text[:79].rstrip() + "…"
    return Entry(_("Opmerking bij %(meeting)s", meeting=meeting_label(remark.meeting)),
                 url_for("minutes.meeting_minutes", meeting_id=remark.meeting_id, _anchor=anchor),
                 remark.created_at, f"{author}: {excerpt}")


def _member_groups(user, found: Found, body_id: int, day: date) -> tuple[Group, ...]:
    mine = [a for a in found.actions if a.owner_user_id == user.id and a.body_id == body_id]
    shared = [m for m in _of(found, body_id, DRAFT_MINUTES_STATES) if m.minutes_shared_at is not None]
    return (
        _group("my_actions", _("Mijn open acties"), [_own_action(a, day) for a in mine]),
        _group("comment_minutes", _("Ontwerpverslagen ter inzage"), [_meeting_entry(m) for m in shared]),
    )


def _own_action(action: Action, day: date) -> Entry:
    """Soonest due first (the query's order), overdue marked."""
    return Entry(action.title, url_for("actions.show", action_id=action.id), action.due_on,
                 str(STATUS_LABELS[action.status]), overdue=action.is_overdue(day))

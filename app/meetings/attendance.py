"""Who attended a meeting (aanwezig / verontschuldigd / afwezig, and who stood in) and the quorum."""
from dataclasses import dataclass

from flask_babel import gettext as _

from app.auth.models import User
from app.bodies.services import members_of
from app.core.errors import Invalid
from app.core.permissions import EDIT, require
from app.extensions import db
from app.meetings.models import ATTENDANCE_STATUSES, Attendance, Meeting

#: roles counted for the quorum: secretaries are staff, observers and substitutes only count
#: when they stand in for an excused member
VOTING_ROLES = ("voorzitter", "lid")


def attendance_rows(meeting: Meeting) -> list[dict]:
    """One row per member of the body, with what was recorded."""
    recorded = {a.user_id: a for a in meeting.attendance}
    rows = []
    for membership in members_of(meeting.body):
        entry = recorded.get(membership.user_id)
        rows.append({
            "membership": membership, "user": membership.user, "role": membership.role,
            "status": entry.status if entry else "", "substitute": entry.substitute if entry else None,
        })
    return rows


def record_attendance(user, meeting: Meeting, entries: list[dict]) -> Meeting:
    """entries: [{"user_id", "status" ("" clears), "substitute_id"?}] for members of the body.

    Every entry is checked before anything changes: one bad entry saves none.
    """
    require(user, EDIT, meeting)
    members = {m.user_id for m in meeting.body.memberships}
    checked = []
    for entry in entries:
        try:
            user_id = int(entry.get("user_id"))
        except (TypeError, ValueError):
            raise Invalid(_("Onbekend lid."))
        if user_id not in members:
            raise Invalid(_("Alleen leden van het orgaan staan op de aanwezigheidslijst."))
        status = entry.get("status") or ""
        if status and status not in ATTENDANCE_STATUSES:
            raise Invalid(_("Kies aanwezig, verontschuldigd of afwezig."))
        substitute_id = entry.get("substitute_id") or None
        if substitute_id is not None:
            try:
                substitute_id = int(substitute_id)
            except (TypeError, ValueError):
                raise Invalid(_("Onbekende plaatsvervanger."))
            if db.session.get(User, substitute_id) is None:
                raise Invalid(_("Onbekende plaatsvervanger."))
            if substitute_id == user_id:
                raise Invalid(_("Een lid kan zichzelf niet vervangen."))
            if status == "aanwezig":
                raise Invalid(_("Wie aanwezig is, heeft geen plaatsvervanger."))
        checked.append((user_id, status, substitute_id))
    recorded = {a.user_id: a for a in meeting.attendance}
    for user_id, status, substitute_id in checked:
        existing = recorded.get(user_id)
        if not status:
            if existing is not None:
                meeting.attendance.remove(existing)
                del recorded[user_id]
            continue
        if existing is None:
            existing = Attendance(meeting=meeting, user_id=user_id, status=status)
            db.session.add(existing)
            recorded[user_id] = existing
        existing.status, existing.substitute_id = status, substitute_id
    db.session.commit()
    return meeting


@dataclass
class Quorum:
    voting: int
    present: int
    required: int
    reached: bool


def quorum(meeting: Meeting) -> Quorum:
    """More than half of the voting members (chair and members) present in person or by substitute."""
    voting = [m for m in meeting.body.memberships if m.role in VOTING_ROLES]
    recorded = {a.user_id: a for a in meeting.attendance}
    present = 0
    for membership in voting:
        entry = recorded.get(membership.user_id)
        if entry is not None and (entry.status == "aanwezig" or entry.substitute_id):
            present += 1
    required = len(voting) // 2 + 1 if voting else 0
    return Quorum(voting=len(voting), present=present, required=required, reached=bool(voting) and present >= required)



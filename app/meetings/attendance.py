"""Who attended a meeting (aanwezig / verontschuldigd / afwezig, and who stood in: a member, a known
substitute of the body, or a guest named in free text), who may vote there, and the quorum."""
from dataclasses import dataclass

from flask_babel import gettext as _

from app.auth.models import User
from app.bodies.services import VOTING_ROLES, members_of, voting_members
from app.core.errors import Invalid
from app.core.locking import lock_for_writing
from app.core.input import clean_text
from app.core.permissions import EDIT, require
from app.extensions import db
from app.meetings.models import ATTENDANCE_STATUSES, Attendance, Meeting

#: the longest guest name (Attendance.substitute_name)
MAX_GUEST_NAME = 200


def attendance_rows(meeting: Meeting) -> list[dict]:
    """One row per member of the body, with what was recorded."""
    recorded = {a.user_id: a for a in meeting.attendance}
    rows = []
    for membership in members_of(meeting.body):
        entry = recorded.get(membership.user_id)
        rows.append({
            "membership": membership, "user": membership.user, "role": membership.role,
            "status": entry.status if entry else "", "substitute": entry.substitute if entry else None,
            "substitute_name": entry.substitute_name if entry else "",
            "substitute_label": entry.substitute_label if entry else "",
        })
    return rows


def substitute_choices(meeting: Meeting) -> list[User]:
    """Who the substitute list offers: the body's members and its known substitutes (people who
    stood in at an earlier meeting of the body), by name. Anyone else is written in as a guest."""
    members = {m.user_id for m in meeting.body.memberships}
    known = set(db.session.scalars(
        db.select(Attendance.substitute_id).join(Meeting, Attendance.meeting_id == Meeting.id)
        .where(Meeting.body_id == meeting.body_id, Attendance.substitute_id.is_not(None))))
    ids = members | known
    if not ids:
        return []
    return list(db.session.scalars(db.select(User).where(User.id.in_(ids)).order_by(User.name)))


def record_attendance(user, meeting: Meeting, entries: list[dict]) -> Meeting:
    """entries: [{"user_id", "status" ("" clears), "substitute_id"?, "substitute_name"?}] for
    members of the body. A substitute is a member or a known substitute (`substitute_choices`);
    anyone else stands in as a guest, by name (who has no vote: no account to vote with).

    Every entry is checked before anything changes: one bad entry saves none.
    """
    require(user, EDIT, meeting)
    # one list at a time: what follows reads the attendance as the previous save committed it
    lock_for_writing(meeting, _("Deze vergadering werd intussen verwijderd."))
    members = {m.user_id for m in meeting.body.memberships}
    allowed_substitutes = None  # looked up once, on the first substitute
    recorded = {a.user_id: a for a in meeting.attendance}
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
            if allowed_substitutes is None:
                allowed_substitutes = {u.id for u in substitute_choices(meeting)}
            if substitute_id not in allowed_substitutes:
                raise Invalid(_("Kies als plaatsvervanger een lid of een bekende plaatsvervanger van het orgaan, "
                                "of schrijf de naam van een gast."))
        if "substitute_name" in entry:
            guest = clean_text(entry["substitute_name"], _("Naam van de gast"), MAX_GUEST_NAME, line=True)
        else:  # a caller that knows no guests (the API) keeps the one recorded
            kept = recorded.get(user_id)
            guest = kept.substitute_name if kept is not None and substitute_id is None and status not in ("", "aanwezig") else ""
        if substitute_id is not None and guest:
            raise Invalid(_("Kies een plaatsvervanger of schrijf de naam van een gast, niet allebei."))
        if (substitute_id is not None or guest) and status == "aanwezig":
            raise Invalid(_("Wie aanwezig is, heeft geen plaatsvervanger."))
        checked.append((user_id, status, substitute_id, guest))
    _check_substitutes(meeting, recorded, [entry[:3] for entry in checked])
    for user_id, status, substitute_id, guest in checked:
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
        existing.status, existing.substitute_id, existing.substitute_name = status, substitute_id, guest
    db.session.commit()
    return meeting


def _check_substitutes(meeting: Meeting, recorded: dict, checked: list[tuple]) -> None:
    """One vote per person: a substitute stands in for one member only, and never for a voting
    member while holding a vote of their own. Checked on the list as it will be once saved."""
    after = {user_id: entry.substitute_id for user_id, entry in recorded.items()}
    after.update({user_id: substitute_id if status else None for user_id, status, substitute_id in checked})
    voting = {m.user_id for m in voting_members(meeting.body)}
    seen = set()
    for substitute_id in after.values():
        if substitute_id is None:
            continue
        name = db.session.get(User, substitute_id).name
        if substitute_id in voting:
            raise Invalid(_("%(name)s heeft een eigen stem en kan geen ander lid vervangen.", name=name))
        if substitute_id in seen:
            raise Invalid(_("%(name)s kan maar één lid vervangen.", name=name))
        seen.add(substitute_id)


@dataclass
class Voter:
    """Someone who may vote at a meeting: a voting member present, or the substitute of one."""
    user: User
    #: the voting member this substitute stands in for; None for a member voting in their own right
    replaces: User | None = None


def voters(meeting: Meeting) -> list[Voter]:
    """Who votes at `meeting`: the voting members (VOTING_ROLES) recorded present, and the
    substitute of each voting member recorded excused or absent, in the order of the member list."""
    recorded = {a.user_id: a for a in meeting.attendance}
    found, seen = [], set()
    for membership in members_of(meeting.body):
        entry = recorded.get(membership.user_id)
        if membership.role not in VOTING_ROLES or entry is None:
            continue
        if entry.status == "aanwezig":
            voter = Voter(membership.user)
        elif entry.substitute is not None:
            voter = Voter(entry.substitute, replaces=membership.user)
        else:
            continue
        if voter.user.id not in seen:  # lists recorded before the one-vote check
            seen.add(voter.user.id)
            found.append(voter)
    return found


@dataclass
class Quorum:
    voting: int
    present: int
    required: int
    reached: bool


def quorum(meeting: Meeting, present_voters: list[Voter] | None = None) -> Quorum:
    """The body's quorum (Body.quorum; by default more than half of the voting members), counted on
    the voters (`present_voters` when the caller has them): voting members present in person or by
    substitute."""
    voting = len(voting_members(meeting.body))
    present = len(voters(meeting) if present_voters is None else present_voters)
    required = meeting.body.quorum or (voting // 2 + 1 if voting else 0)
    return Quorum(voting=voting, present=present, required=required, reached=voting > 0 and present >= required)



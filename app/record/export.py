"""What the minutes .docx holds: the record of a meeting as its reader may see it (attendance, items
with their treatment, what the feedback item reports, follow-up, decisions and their actions; closed
items marked for the members and left out of the public copy; the approval and the signatures), as
plain data for the exports."""
from flask_babel import gettext as _

from app.core.permissions import VIEW, can, is_anonymous
from app.core.timeutil import to_local
from app.decisions import rows
from app.decisions.numbering import decision_reference
from app.extensions import db
from app.meetings.exports import meeting_detail_lines, meeting_title_line
from app.meetings.models import AgendaItem, Meeting
from app.minutes.services import FOLLOW_UP_ITEM_TITLE, is_item_of_kind, minutes_by_item
from app.record.page import open_follow_up

#: the order attendance is listed in: present, excused, absent
ATTENDANCE_ORDER = ("aanwezig", "verontschuldigd", "afwezig")
#: who signs approved minutes, in this order (membership roles)
SIGNING_ROLES = ("voorzitter", "secretaris")


def _date(day) -> str:
    return day.strftime("%d-%m-%Y")


def minutes_export_data(user, meeting: Meeting) -> dict:
    """Everything the minutes .docx shows, permission-filtered for `user`."""
    by_item = minutes_by_item(meeting)
    follow_up = [{"title": f.title, "owner": f.owner, "due": _date(f.due_on) if f.due_on else "",
                  "status": f.status, "notes": f.notes} for f in open_follow_up(user, meeting)]
    items = []
    for item in meeting.items:
        if can(user, VIEW, item):
            minutes = by_item.get(item.id)
            text = minutes.text if minutes is not None and can(user, VIEW, minutes) else ""
            items.append(_item_data(user, item, text, follow_up if is_item_of_kind(item, FOLLOW_UP_ITEM_TITLE) else []))
        elif not item.is_public:  # closed (besloten): the public copy says only that it was treated
            items.append({"note": _("Punt %(n)d werd in besloten zitting behandeld.", n=item.number)})
    approved = meeting.state == "minutes_approved"
    return {
        "title": meeting_title_line(_("Verslag"), meeting),
        "lines": [*meeting_detail_lines(meeting), _("Goedgekeurd verslag") if approved else _("Ontwerpverslag")],
        "mark": "" if approved else _("ONTWERP"),
        "approval": approval_line(user, meeting),
        "attendance": _attendance(meeting),
        "items": items,
        "closing": _closing(meeting) if approved else None,
    }


def _item_data(user, item: AgendaItem, text: str, follow_up: list[dict]) -> dict:
    decisions = [d for d in item.decisions if can(user, VIEW, d)]  # as /decisions/<id>: drafts stay with their readers
    return {
        "number": item.number, "title": item.title, "closed": not item.is_public, "text": text,
        "skipped": _("Niet behandeld: %(reason)s", reason=item.skip_reason) if item.skipped else "",
        "feedback": _feedback(user, item),
        "follow_up": follow_up,
        "decisions": [rows.decision_row(d) for d in decisions],
        "actions": [rows.action_row(user, a) for d in decisions for a in d.actions if can(user, VIEW, a)],
    }


def _feedback(user, item: AgendaItem) -> dict | None:
    """A feedback item (terugkoppeling): its text, as the meeting page shows it, and the decisions
    it reports that `user` may read."""
    if item.fixed_item is None or not item.fixed_item.feedback_from_body_id:
        return None
    return {"text": item.description, "decisions": [
        {"reference": decision_reference(d), "date": _date(d.decided_on), "text": d.text}
        for d in item.feedback_decisions if can(user, VIEW, d)]}


def _attendance(meeting: Meeting) -> list[tuple[str, list[str]]]:
    """(label, names) per status; an excused member with the substitute who stood in."""
    labels = {"aanwezig": _("Aanwezig"), "verontschuldigd": _("Verontschuldigd"), "afwezig": _("Afwezig")}
    attendance = []
    for status in ATTENDANCE_ORDER:
        names = []
        for row in sorted(meeting.attendance, key=lambda a: a.user.name):
            if row.status == status:
                name = row.user.name
                if row.substitute_label:
                    name += " " + _("(vervangen door %(name)s)", name=row.substitute_label)
                names.append(name)
        attendance.append((labels[status], names))
    return attendance


def approval_line(user, meeting: Meeting) -> str:
    """The line saying who approved the minutes and when ("" before approval); the approver's name,
    as in the meeting JSON, only for signed-in readers."""
    if meeting.approved_at is None:
        return ""
    date = _date(to_local(meeting.approved_at))
    if meeting.approved_by is not None and not is_anonymous(user):
        return _("Goedgekeurd op %(date)s door %(name)s", date=date, name=meeting.approved_by.name)
    return _("Goedgekeurd op %(date)s", date=date)


def approving_meeting(meeting: Meeting) -> Meeting | None:
    """The later meeting of the body in which the minutes were approved: the latest one, not
    cancelled, that had begun when they were approved (None when approved before any such meeting;
    the meeting need not be marked held yet: minutes are often approved at its start)."""
    if meeting.approved_at is None:
        return None
    return db.session.scalars(
        db.select(Meeting)
        .where(Meeting.body_id == meeting.body_id, Meeting.start_at > meeting.start_at,
               Meeting.start_at <= meeting.approved_at, Meeting.state != "cancelled")
        .order_by(Meeting.start_at.desc()).limit(1)
    ).first()


def _closing(meeting: Meeting) -> dict | None:
    """"Goedgekeurd in de vergadering van <date>" and who signs: the body's chair and secretary."""
    if meeting.approved_at is None:
        return None
    approving = approving_meeting(meeting)
    day = to_local(approving.start_at if approving is not None else meeting.approved_at)
    labels = {"voorzitter": _("De voorzitter"), "secretaris": _("De secretaris")}
    return {"approved": _("Goedgekeurd in de vergadering van %(date)s", date=_date(day)),
            "signatures": [(labels[role], signatory(meeting, role)) for role in SIGNING_ROLES]}


def signatory(meeting: Meeting, role: str) -> str:
    """The name of who signs for `role`: the body's member in that role, one recorded present at the
    meeting first, then the longest seated; "" when the body has nobody in that role."""
    present = {a.user_id for a in meeting.attendance if a.status == "aanwezig"}
    seats = sorted((m for m in meeting.body.memberships if m.role == role),
                   key=lambda m: (m.user_id not in present, m.id))
    return seats[0].user.name if seats else ""

"""What the minutes .docx holds: the record of a meeting as its reader may see it (items with their
treatment, decisions and follow-up, attendance, new actions), as plain data for the exports."""
from flask_babel import gettext as _

from app.core.permissions import VIEW, can, is_anonymous
from app.core.timeutil import to_local
from app.decisions import actions, rows
from app.meetings.models import Meeting
from app.meetings.queries import visible_items
from app.minutes.services import FOLLOW_UP_ITEM_TITLE, is_item_of_kind, minutes_by_item

#: the order attendance is listed in: present, excused, absent
ATTENDANCE_ORDER = ("aanwezig", "verontschuldigd", "afwezig")


def minutes_export_data(user, meeting: Meeting) -> dict:
    """Everything the minutes .docx shows, permission-filtered for `user`."""
    by_item = minutes_by_item(meeting)
    open_actions = actions.open_actions_for_meeting(user, meeting)
    notes = actions.follow_up_notes(meeting)
    items, new_actions = [], []
    for item in visible_items(user, meeting):
        minutes = by_item.get(item.id)
        text = minutes.text if minutes is not None and can(user, VIEW, minutes) else ""
        follow_up = []
        if is_item_of_kind(item, FOLLOW_UP_ITEM_TITLE):
            for action in open_actions:
                row = rows.action_row(user, action)
                follow_up.append({**row, "notes": [n.comment for n in notes.get(action.id, []) if n.comment]})
        item_decisions = []
        for decision in item.decisions:
            if not can(user, VIEW, decision):  # as /decisions/<id>: a draft decision stays with its readers
                continue
            item_decisions.append(rows.decision_row(decision))
            new_actions += [rows.action_row(user, a) for a in decision.actions if can(user, VIEW, a)]
        items.append({
            "number": item.number, "title": item.title, "text": text, "decisions": item_decisions,
            "follow_up": follow_up,
            "skipped": _("Niet behandeld: %(reason)s", reason=item.skip_reason) if item.skipped else "",
        })
    attendance = []
    labels = {"aanwezig": _("Aanwezig"), "verontschuldigd": _("Verontschuldigd"), "afwezig": _("Afwezig")}
    for status in ATTENDANCE_ORDER:
        names = []
        for row in sorted(meeting.attendance, key=lambda a: a.user.name):
            if row.status == status:
                name = row.user.name
                if row.substitute_label:
                    name += " " + _("(vervangen door %(name)s)", name=row.substitute_label)
                names.append(name)
        attendance.append((labels[status], names))
    start = to_local(meeting.start_at)
    state = {"minutes_approved": _("Goedgekeurd verslag")}.get(meeting.state, _("Ontwerpverslag"))
    return {
        "title": _("Verslag %(body)s", body=meeting.body.name),
        "lines": [meeting.title if meeting.title and meeting.title != meeting.body.name else "",
                  _("Vergadering van %(date)s om %(time)s", date=start.strftime("%d-%m-%Y"),
                    time=start.strftime("%H:%M")),
                  meeting.location, state],
        "approval": approval_line(user, meeting),
        "attendance": attendance,
        "items": items,
        "actions": new_actions,
    }


def approval_line(user, meeting: Meeting) -> str:
    """The line saying who approved the minutes and when ("" before approval); the approver's name,
    as in the meeting JSON, only for signed-in readers."""
    if meeting.approved_at is None:
        return ""
    date = to_local(meeting.approved_at).strftime("%d-%m-%Y")
    if meeting.approved_by is not None and not is_anonymous(user):
        return _("Goedgekeurd op %(date)s door %(name)s", date=date, name=meeting.approved_by.name)
    return _("Goedgekeurd op %(date)s", date=date)

"""The feedback loop (terugkoppeling): a new meeting's feedback items list the decisions to report.

Connected to the meetings feature's `meeting_created` hook: meetings know nothing of decisions.
"""
from flask_babel import gettext as _

from app.bodies.models import FixedAgendaItem
from app.core.markdown import markdown_to_text
from app.core.timeutil import to_local
from app.decisions.models import Decision
from app.decisions.numbering import decision_reference
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.queries import previous_meeting
from app.meetings.services import meeting_created


@meeting_created.connect
def prefill_feedback(meeting: Meeting) -> None:
    """Each feedback item of the new meeting gets links to the decisions it reports, and a text."""
    for item in meeting.items:
        fixed = item.fixed_item
        if fixed is not None and fixed.feedback_from_body_id:
            _prefill(meeting, item, fixed)


def _continues_body(item: AgendaItem, body_id: int) -> bool:
    seen = set()
    current = item.continues_item
    while current is not None and current.id not in seen:
        if current.meeting.body_id == body_id:
            return True
        seen.add(current.id)
        current = current.continues_item
    return False


def feedback_candidates(meeting: Meeting, fixed: FixedAgendaItem) -> list[Decision]:
    """The decisions the feedback item `fixed` of the new `meeting` reports.

    Decisions of the source body's meetings that began before this meeting (a meeting later the
    same day has not decided yet) and not before this body's previous meeting (for a body's first
    meeting: every earlier one), minus those an earlier feedback item of this body already reported.
    When the source is the parent (the body this one reports to), only decisions on this body's
    matters count; the rule we chose: the parent's decision was taken under an agenda item that
    is itself the feedback item from this body, or that continues (directly or down a chain of
    postponements/referrals) an item of this body. The other way round (a child reporting to us),
    every decision of the child counts.
    """
    source_id, body = fixed.feedback_from_body_id, meeting.body
    previous = previous_meeting(meeting)
    query = (db.select(Decision).join(AgendaItem, Decision.agenda_item_id == AgendaItem.id)
             .join(Meeting, AgendaItem.meeting_id == Meeting.id)
             .where(Meeting.body_id == source_id, Meeting.start_at < meeting.start_at)
             .order_by(Meeting.start_at, Decision.number))
    if previous is not None:
        query = query.where(Meeting.start_at >= previous.start_at)
    decisions = db.session.scalars(query).all()
    reported = set(db.session.scalars(
        db.select(Decision.id).join(AgendaItem.feedback_decisions).join(Meeting, AgendaItem.meeting_id == Meeting.id)
        .where(Meeting.body_id == body.id, Meeting.id != meeting.id)
    ).all())
    decisions = [d for d in decisions if d.id not in reported]
    if body.reports_to_id == source_id:
        decisions = [
            d for d in decisions
            if (d.agenda_item.fixed_item is not None and d.agenda_item.fixed_item.feedback_from_body_id == body.id)
            or _continues_body(d.agenda_item, body.id)
        ]
    return decisions


def _prefill(meeting: Meeting, item: AgendaItem, fixed: FixedAgendaItem) -> None:
    decisions = feedback_candidates(meeting, fixed)
    item.feedback_decisions = list(decisions)
    source = fixed.feedback_from_body
    previous = previous_meeting(meeting)
    since = (_("sinds de vorige vergadering van %(date)s", date=to_local(previous.start_at).strftime("%d-%m-%Y"))
             if previous else _("sinds de start"))
    if not decisions:
        text = _("Geen nieuwe besluiten van %(body)s %(since)s.", body=source.name, since=since)
    else:
        lines = [_("Besluiten van %(body)s %(since)s:", body=source.name, since=since), ""]
        for decision in decisions:
            if decision.agenda_item.is_public:
                summary = markdown_to_text(decision.text)
                if len(summary) > 240:
                    summary = summary[:237].rstrip() + "…"
            else:
                summary = _("(besloten punt: zie het besluit)")
            lines.append(f"- **{decision_reference(decision)}** ({decision.decided_on.strftime('%d-%m-%Y')}): {summary}")
        text = "\n".join(lines)
    item.description = (fixed.description + "\n\n" + text).strip() if fixed.description else text



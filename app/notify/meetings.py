"""Meeting mails: when the agenda is published, an invitation with agenda.docx and a calendar
request to everyone with a seat in the body; when a published meeting moves or changes, an update;
when it is cancelled, a cancellation (iTIP REQUEST / CANCEL with the UID and SEQUENCE of the .ics
download). And the record's notices: draft minutes open for comment, minutes approved, the
decision list published. Each goes to those who may read what it announces and want its kind."""
from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from app.auth.models import User
from app.bodies import house_style
from app.bodies.models import Membership
from app.core.permissions import VIEW, can, reads_internal
from app.core.timeutil import utcnow
from app.core.workflow import MEETING_WORKFLOW, history, on_transition
from app.exports.ics import DEFAULT_DURATION
from app.exports.responses import DOCX
from app.extensions import db
from app.mail.compose import Attachment
from app.meetings.exports import agenda_docx, agenda_filename, when_lines
from app.meetings.overview import meeting_overview
from app.meetings.queries import visible_items
# importing meetings.services registers meetings.rules, whose cancel effect raises the SEQUENCE;
# effects run in the order they were registered, so it has run when ours builds the CANCEL
from app.meetings.services import meeting_changed
from app.minutes.comments import draft_minutes_shared
from app.notify.calendar import CANCEL, REQUEST, request_ics
from app.notify.letters import absolute_url, language_of, notify
from app.notify.models import NotificationPreference


# --- who ---------------------------------------------------------------------------------------

def seated(meeting) -> list:
    """Everyone with a seat in the meeting's body, whatever the role: chair, secretary, member,
    observer (waarnemer) and substitute (plaatsvervanger)."""
    return db.session.scalars(
        select(User).join(Membership, Membership.user_id == User.id)
        .where(Membership.body_id == meeting.body_id)
        .options(selectinload(User.memberships)).order_by(User.name, User.id)
    ).all()


def recipients(meeting, kind: str, may_read) -> list:
    """Those seated who may read what the mail announces (`may_read(user)`), can be mailed and want
    `kind`: nothing is built for the others. (notify() asks the preference again: the rows read
    here in one query answer it from the session.)"""
    users = [user for user in seated(meeting) if user.email and user.active and may_read(user)]
    chosen = {preference.user_id: preference for preference in db.session.scalars(
        select(NotificationPreference).where(NotificationPreference.user_id.in_([user.id for user in users])))}
    return [user for user in users if user.id not in chosen or chosen[user.id].wants(kind)]  # no row: all on


def is_over(meeting) -> bool:
    """An invitation to a meeting that has ended is noise (a past meeting recorded afterwards)."""
    return (meeting.end_at or meeting.start_at + DEFAULT_DURATION) <= utcnow()


def was_announced(meeting) -> bool:
    """Did members get an invitation: was the agenda ever published (maybe retracted since)?"""
    return any(step.transition == "publish_agenda" for step in history(meeting, "meeting"))


# --- what --------------------------------------------------------------------------------------

def one_line(text: str) -> str:
    """A title as a mail subject holds it: a header never carries a line break."""
    return " ".join(str(text).split())


def title_of(meeting) -> str:
    return one_line(meeting.title or meeting.body.name)


def day_of(meeting) -> str:
    return when_lines(meeting)[0]


def agenda_description(items, link: str) -> str:
    """The calendar event's DESCRIPTION: the agenda titles the recipient may read, and the link."""
    lines = [_("Agenda") + ":"] + [f"{item.number}. {one_line(item.title)}" for item in items]
    return "\n".join(lines + ["", link])


def _calendar_mails(meeting, method: str, template: str, subject, with_agenda: bool = False) -> None:
    """One mail per recipient, each with the calendar request addressed to them and, for the
    invitation, the agenda as they may read it (one .docx per distinct agenda, not per member)."""
    link = absolute_url("meetings.show", meeting_id=meeting.id)
    documents: dict[tuple, bytes] = {}
    style = house_style.letterhead(meeting.body_id) if with_agenda else None
    for user in recipients(meeting, "meetings", lambda user: can(user, VIEW, meeting)):
        attachments, items = [], []
        with force_locale(language_of(user)):
            if method == CANCEL:
                description = meeting.cancel_reason
            else:
                items = visible_items(user, meeting)
                description = agenda_description(items, link)
            if with_agenda:
                # what the agenda export shows this reader: the items and the feedback decisions they may read
                key = (language_of(user), tuple(
                    (item.id, tuple(d.id for d in item.feedback_decisions if can(user, VIEW, d))) for item in items))
                if key not in documents:
                    documents[key] = agenda_docx(meeting_overview(user, meeting), style)
                attachments.append(Attachment(agenda_filename(meeting), documents[key], DOCX))
            calendar = request_ics(meeting, method, user, link, description)
        notify(user, "meetings", template, subject, attachments=attachments, calendar=(calendar, method),
               meeting=meeting, items=items, link=link, when=lambda: when_lines(meeting),
               reason=meeting.cancel_reason)


@on_transition(MEETING_WORKFLOW, "publish_agenda")
def send_invitations(event) -> None:
    meeting = event.obj
    if is_over(meeting):
        return
    _calendar_mails(meeting, REQUEST, "meeting_invitation", lambda: _(
        "Uitnodiging: %(title)s op %(day)s", title=title_of(meeting), day=day_of(meeting)), with_agenda=True)


@meeting_changed.connect
def send_update(meeting, user) -> None:
    """The meeting moved or changed while its agenda is out: the same UID, a higher SEQUENCE
    (meetings.services raised it), so calendars replace what the invitation put there."""
    if meeting.state != "agenda_published" or is_over(meeting):
        return
    _calendar_mails(meeting, REQUEST, "meeting_update", lambda: _(
        "Gewijzigd: %(title)s op %(day)s", title=title_of(meeting), day=day_of(meeting)))


@on_transition(MEETING_WORKFLOW, "cancel")
def send_cancellation(event) -> None:
    """METHOD:CANCEL to those invited; the SEQUENCE was raised once, by meetings.rules."""
    meeting = event.obj
    if is_over(meeting) or not was_announced(meeting):
        return
    _calendar_mails(meeting, CANCEL, "meeting_cancelled", lambda: _(
        "Geannuleerd: %(title)s op %(day)s", title=title_of(meeting), day=day_of(meeting)))


# --- the record's notices -------------------------------------------------------------------------

def _notices(meeting, kind: str, template: str, subject, link: str, may_read) -> None:
    for user in recipients(meeting, kind, may_read):
        notify(user, kind, template, subject, meeting=meeting, link=link, when=lambda: when_lines(meeting))


@draft_minutes_shared.connect
def send_draft_minutes_notice(meeting, user) -> None:
    """The draft minutes are open for comment: to the members, who alone read the draft."""
    _notices(meeting, "minutes", "meeting_minutes_shared", lambda: _(
        "Ontwerpverslag ter inzage: %(title)s van %(day)s", title=title_of(meeting), day=day_of(meeting)),
        absolute_url("minutes.meeting_minutes", meeting_id=meeting.id),
        lambda reader: reads_internal(reader, meeting))


@on_transition(MEETING_WORKFLOW, "approve_minutes")
def send_minutes_approved_notice(event) -> None:
    meeting = event.obj
    _notices(meeting, "minutes", "meeting_minutes_approved", lambda: _(
        "Verslag goedgekeurd: %(title)s van %(day)s", title=title_of(meeting), day=day_of(meeting)),
        absolute_url("minutes.meeting_minutes", meeting_id=meeting.id),
        lambda reader: can(reader, VIEW, meeting))


@on_transition(MEETING_WORKFLOW, "publish_decisions")
def send_decision_list_notice(event) -> None:
    meeting = event.obj
    _notices(meeting, "decisions", "meeting_decisions_published", lambda: _(
        "Besluitenlijst gepubliceerd: %(title)s van %(day)s", title=title_of(meeting), day=day_of(meeting)),
        absolute_url("decisions.index", meeting=meeting.id),
        lambda reader: can(reader, VIEW, meeting))

"""Members' remarks on the draft minutes (Decreet Lokaal Bestuur art. 32), the secretariat's
answers, and putting the draft up for comment (ter inzage).

From the moment a meeting is held until its minutes are approved, every member of its body (any
seat, and the beheerder) reads the draft and may add remarks, on one item or on the whole.
"""
from dataclasses import dataclass
from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import func
from sqlalchemy.orm import selectinload

from app.core.errors import Conflict, Invalid, NotAllowed, NotFound
from app.core.hooks import Hook
from app.core.input import clean_text, parse_int
from app.core.permissions import EDIT, can, reads_internal, require
from app.core.timeutil import to_local, utcnow
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.overview import overview_built
from app.meetings.queries import DRAFT_MINUTES_STATES
from app.minutes.models import MinutesComment

MAX_COMMENT = 5_000

#: fn(meeting, user): the secretary told the members the draft minutes are ready for comment.
#: Sent inside the transaction, before the commit, so what a listener adds (a mail in the outbox)
#: is saved with the sharing or not at all. No listener yet: the mail comes in a later issue.
draft_minutes_shared = Hook("draft_minutes_shared")


@dataclass
class DraftMinutes:
    """The draft-for-comment box of the meeting page, for a member of the body."""
    shared_at: datetime | None
    total: int
    open: int
    may_share: bool


# --- who and when --------------------------------------------------------------------------------

def _require_member(user, meeting: Meeting) -> None:
    if not reads_internal(user, meeting):  # a seat in the body, or the beheerder
        raise NotAllowed(_("Alleen de leden van dit orgaan lezen het ontwerpverslag en maken er opmerkingen bij."))


def is_open_for_comment(meeting: Meeting) -> bool:
    return meeting.state in DRAFT_MINUTES_STATES


def _require_open(meeting: Meeting) -> None:
    if meeting.state == "minutes_approved":
        raise Conflict(_("Het verslag is al goedgekeurd: er kunnen geen opmerkingen meer bij."))
    if not is_open_for_comment(meeting):
        raise Conflict(_("Er is nog geen ontwerpverslag: de vergadering is niet gehouden."))


# --- reading -------------------------------------------------------------------------------------

def list_comments(user, meeting: Meeting) -> list[MinutesComment]:
    """Every remark on the meeting's minutes, oldest first (members only)."""
    _require_member(user, meeting)
    return db.session.scalars(
        db.select(MinutesComment).where(MinutesComment.meeting_id == meeting.id)
        .order_by(MinutesComment.created_at, MinutesComment.id)
        .options(selectinload(MinutesComment.user), selectinload(MinutesComment.answered_by),
                 selectinload(MinutesComment.agenda_item))
    ).all()


def by_item(comments: list[MinutesComment]) -> dict[int | None, list[MinutesComment]]:
    """The remarks per agenda item id (None: about the minutes as a whole)."""
    grouped: dict[int | None, list[MinutesComment]] = {}
    for comment in comments:
        grouped.setdefault(comment.agenda_item_id, []).append(comment)
    return grouped


def get_comment(user, meeting: Meeting, comment_id: int) -> MinutesComment:
    _require_member(user, meeting)
    comment = db.session.get(MinutesComment, comment_id)
    if comment is None or comment.meeting_id != meeting.id:
        raise NotFound(_("Deze opmerking bestaat niet."))
    return comment


def draft_minutes(user, meeting: Meeting) -> DraftMinutes | None:
    """What the meeting page says about the draft for comment; None when there is none for `user`."""
    if not is_open_for_comment(meeting) or not reads_internal(user, meeting):
        return None
    total, answered = db.session.execute(
        db.select(func.count(MinutesComment.id), func.count(MinutesComment.answered_at))
        .where(MinutesComment.meeting_id == meeting.id)).one()
    return DraftMinutes(meeting.minutes_shared_at, total, total - answered,
                        may_share=meeting.minutes_shared_at is None and can(user, EDIT, meeting))


@overview_built.connect
def add_draft_minutes(user, overview) -> None:
    """overview.parts["draft_minutes"]: the draft-for-comment box, for members while it is open."""
    draft = draft_minutes(user, overview.meeting)
    if draft is not None:
        overview.parts["draft_minutes"] = draft


# --- changing ------------------------------------------------------------------------------------

def _item_of(meeting: Meeting, value) -> AgendaItem | None:
    item_id = parse_int(value, _("Het agendapunt"), 1, 2**31 - 1)
    if item_id is None:
        return None
    item = db.session.get(AgendaItem, item_id)
    if item is None or item.meeting_id != meeting.id:
        raise Invalid(_("Dit agendapunt hoort niet bij deze vergadering."))
    return item


def add_comment(user, meeting: Meeting, text, item=None) -> MinutesComment:
    """A member's remark on the draft minutes, about agenda item `item` (an id) or the whole."""
    _require_member(user, meeting)
    _require_open(meeting)
    text = clean_text(text, _("De opmerking"), MAX_COMMENT, required=True)
    agenda_item = _item_of(meeting, item)
    comment = MinutesComment(meeting_id=meeting.id, agenda_item=agenda_item, user_id=user.id, text=text)
    db.session.add(comment)
    db.session.commit()
    return comment


def answer_comment(user, comment: MinutesComment, answer) -> MinutesComment:
    """The secretariat answers a remark and so marks it dealt with; an empty answer only marks
    it. Answering again replaces the answer."""
    require(user, EDIT, comment.meeting)
    comment.answer = clean_text(answer, _("Het antwoord"), MAX_COMMENT)
    comment.answered_at, comment.answered_by_id = utcnow(), user.id
    db.session.commit()
    return comment


def share_draft_minutes(user, meeting: Meeting) -> Meeting:
    """Tell the members the draft minutes are ready for their remarks (ter inzage), once."""
    require(user, EDIT, meeting)
    if not is_open_for_comment(meeting):
        raise Conflict(_("Een ontwerpverslag gaat ter inzage tussen de vergadering en de goedkeuring van het verslag."))
    if meeting.minutes_shared_at is not None:
        raise Conflict(_("Het ontwerpverslag ligt al ter inzage sinds %(date)s.",
                         date=to_local(meeting.minutes_shared_at).strftime("%d-%m-%Y")))
    meeting.minutes_shared_at = utcnow()
    draft_minutes_shared.send(meeting, user)
    db.session.commit()
    return meeting

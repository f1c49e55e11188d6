"""Editing the agenda: items added, changed, removed, moved, skipped, postponed and referred.

Every save names the agenda version it was based on: a save based on an older agenda is refused
(409) instead of silently undoing someone else's change.
"""
from flask_babel import gettext as _
from sqlalchemy import update

from app.bodies.models import AGENDA_ITEM_KINDS
from app.bodies.services import get_action_line, get_body
from app.core.errors import Conflict, Invalid, NotFound
from app.core.input import clean_text
from app.core.locking import lock_for_writing
from app.core.permissions import EDIT, VIEW, require
from app.core.timeutil import to_local, utcnow
from app.core.versions import record_version
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.meetings.queries import EDITABLE_STATES, next_meeting, postponed_to

MAX_TITLE = 300


def lock_agenda(meeting: Meeting, item: AgendaItem | None = None) -> None:
    """Saves of one meeting's agenda one after the other (app/core/locking.py): what follows reads
    the agenda as the previous save committed it. `item`, when given, must still exist."""
    item_id = item.id if item is not None else None
    lock_for_writing(meeting, _("Deze vergadering werd intussen verwijderd."))
    if item_id is not None and db.session.get(AgendaItem, item_id) is None:
        raise NotFound(_("Dit agendapunt werd intussen verwijderd."))


def require_editable_agenda(meeting: Meeting) -> None:
    if meeting.state not in EDITABLE_STATES:
        raise Conflict(_("De agenda van een gehouden vergadering ligt vast."))


def check_version(meeting: Meeting, version) -> None:
    """Refuse a save based on an older agenda than the one stored (None: no check, API only)."""
    if version is None or version == "":
        return
    try:
        version = int(version)
    except (TypeError, ValueError):
        raise Invalid(_("Ongeldige agendaversie."))
    if version != meeting.agenda_version:
        raise Conflict(
            _("De agenda werd intussen gewijzigd door iemand anders (u werkte op versie %(yours)d, "
              "nu is het versie %(current)d). Herlaad de agenda en breng uw wijziging opnieuw aan.",
              yours=version, current=meeting.agenda_version),
            detail={"agenda_version": meeting.agenda_version},
        )


def bump(meeting: Meeting) -> None:
    """Increase the agenda version, atomically: if another save slipped in since we read it, refuse."""
    seen = meeting.agenda_version
    result = db.session.execute(
        update(Meeting).where(Meeting.id == meeting.id, Meeting.agenda_version == seen)
        .values(agenda_version=seen + 1).execution_options(synchronize_session=False)
    )
    if result.rowcount != 1:
        db.session.rollback()
        raise Conflict(_("De agenda werd intussen gewijzigd door iemand anders. Herlaad de agenda."))
    meeting.agenda_version = seen + 1  # what the row holds now; the next flush writes the same


ITEM_FIELDS = ("title", "description", "kind", "presenter", "action_line", "duration", "public")


def _item_values(data: dict, item: AgendaItem | None) -> dict:
    values = {}
    if "title" in data or item is None:
        values["title"] = clean_text(data.get("title"), _("De titel"), MAX_TITLE, required=True, line=True)
    if "description" in data:
        values["description"] = clean_text(data.get("description"), _("De beschrijving"), 100_000)
    if "kind" in data and data["kind"] not in (None, ""):
        if data["kind"] not in AGENDA_ITEM_KINDS:
            raise Invalid(_("Onbekende soort agendapunt: kies ter informatie, ter bespreking of ter beslissing."))
        values["kind"] = data["kind"]
    if "presenter" in data:
        values["presenter"] = clean_text(data.get("presenter"), _("De toelichter"), 200, line=True)
    if "action_line" in data:
        line = data["action_line"]
        if line in (None, "", 0, "0"):
            values["action_line_id"] = None
        else:
            try:
                number = int(line)
            except (TypeError, ValueError):
                raise Invalid(_("Onbekende actielijn: %(n)s", n=line))
            if not 0 < number <= 10_000:  # none has such a number, and the database would overflow on it
                raise Invalid(_("Onbekende actielijn: %(n)s", n=line))
            values["action_line_id"] = get_action_line(number).id
    if "duration" in data:
        duration = data["duration"]
        if duration in (None, ""):
            values["duration_minutes"] = None
        else:
            try:
                duration = int(duration)
            except (TypeError, ValueError):
                raise Invalid(_("De duur is een aantal minuten."))
            if not 0 < duration <= 600:
                raise Invalid(_("De duur ligt tussen 1 en 600 minuten."))
            values["duration_minutes"] = duration
    if "public" in data:
        values["is_public"] = bool(data["public"])
    return values


def _snapshot(item: AgendaItem) -> dict:
    return {
        "title": item.title, "description": item.description, "kind": item.kind,
        "presenter": item.presenter, "action_line_id": item.action_line_id,
        "duration_minutes": item.duration_minutes, "is_public": item.is_public,
    }


def closing_position(meeting: Meeting) -> int:
    """Where a new item goes (0-based): before the standing items that close the agenda (Varia,
    Rondvraag), so they stay last; once the secretary moves such an item up, or another item below
    it, it no longer closes the agenda and new items go at the end."""
    items = sorted(meeting.items, key=lambda each: each.position)
    position = len(items)
    while position and items[position - 1].is_standing:
        position -= 1
    return position


def _insert(meeting: Meeting, item: AgendaItem) -> None:
    """Put a new `item` at the closing position of `meeting`, the closing standing items after it."""
    with db.session.no_autoflush:  # `item` joins the session with its meeting, not half made before
        position = closing_position(meeting)
        for each in meeting.items:
            if each.position >= position:
                each.position += 1
        item.position = position
        item.meeting = meeting


def add_item(user, meeting: Meeting, data: dict, version=None) -> AgendaItem:
    item = place_item(user, meeting, data, version)
    db.session.commit()
    return item


def place_item(user, meeting: Meeting, data: dict, version=None) -> AgendaItem:
    """add_item without the commit, for a service that adds an item as part of its own transaction
    (accepting an agenda proposal)."""
    require(user, EDIT, meeting)
    lock_agenda(meeting)
    require_editable_agenda(meeting)
    check_version(meeting, version)
    values = _item_values(data, None)
    item = AgendaItem(**values)
    _insert(meeting, item)
    db.session.add(item)
    bump(meeting)
    db.session.flush()
    record_version("agenda_item", item.id, _snapshot(item), user, "created")
    return item


def update_item(user, item: AgendaItem, data: dict, version=None) -> AgendaItem:
    """Edit an item; fixed items too (only their removal is refused)."""
    meeting = item.meeting
    require(user, EDIT, item)
    lock_agenda(meeting, item)
    require_editable_agenda(meeting)
    check_version(meeting, version)
    values = _item_values(data, item)
    if all(getattr(item, key) == value for key, value in values.items()):
        return item
    for key, value in values.items():
        setattr(item, key, value)
    bump(meeting)
    record_version("agenda_item", item.id, _snapshot(item), user)
    db.session.commit()
    return item


def _renumber(items: list[AgendaItem]) -> None:
    for position, each in enumerate(items):
        each.position = position


def remove_item(user, item: AgendaItem, version=None) -> None:
    meeting = item.meeting
    require(user, EDIT, item)
    lock_agenda(meeting, item)
    if item.is_fixed:
        raise Conflict(_("Een vast agendapunt kan niet verwijderd worden; u kunt wel de tekst aanpassen."))
    if item.is_standing:
        raise Conflict(_("Een terugkerend agendapunt verwijdert u niet: sla het over met een reden."))
    require_editable_agenda(meeting)
    check_version(meeting, version)
    if item.decisions or item.continued_by:
        raise Conflict(_("Dit agendapunt heeft besluiten of een vervolg en kan niet verwijderd worden."))
    items = [each for each in meeting.items if each.id != item.id]
    meeting.items.remove(item)
    db.session.delete(item)
    _renumber(items)
    bump(meeting)
    db.session.commit()


def move_item(user, item: AgendaItem, position, version=None) -> AgendaItem:
    """Put the item at `position` (1-based) and renumber the agenda."""
    meeting = item.meeting
    require(user, EDIT, item)
    lock_agenda(meeting, item)
    require_editable_agenda(meeting)
    check_version(meeting, version)
    items = list(meeting.items)
    try:
        position = int(position)
    except (TypeError, ValueError):
        raise Invalid(_("De plaats is een nummer van 1 tot %(n)d.", n=len(items)))
    if isinstance(position, bool) or not 1 <= position <= len(items):
        raise Invalid(_("De plaats is een nummer van 1 tot %(n)d.", n=len(items)))
    items.remove(item)
    items.insert(position - 1, item)
    if [each.position for each in items] == list(range(len(items))):
        return item
    _renumber(items)
    bump(meeting)
    db.session.commit()
    return item


def move_item_by(user, item: AgendaItem, offset: int, version=None) -> AgendaItem:
    """Move up (-1) or down (+1): the no-JavaScript buttons."""
    target = item.position + 1 + offset
    if not 1 <= target <= len(item.meeting.items):
        raise Invalid(_("Dit punt kan niet verder verplaatst worden."))
    return move_item(user, item, target, version)


def skip_item(user, item: AgendaItem, reason: str, version=None) -> AgendaItem:
    """Skip a standing (or ordinary) item for this meeting only, keeping why."""
    meeting = item.meeting
    require(user, EDIT, item)
    lock_agenda(meeting, item)
    if item.is_fixed:
        raise Conflict(_("Een verplicht vast agendapunt kan niet overgeslagen worden."))
    require_editable_agenda(meeting)
    check_version(meeting, version)
    reason = clean_text(reason, _("De reden"), 1000, required=True)
    item.skipped, item.skip_reason = True, reason
    bump(meeting)
    db.session.commit()
    return item


def unskip_item(user, item: AgendaItem, version=None) -> AgendaItem:
    meeting = item.meeting
    require(user, EDIT, item)
    lock_agenda(meeting, item)
    require_editable_agenda(meeting)
    check_version(meeting, version)
    if postponed_to(item) is not None:
        raise Conflict(_("Dit punt werd uitgesteld naar een volgende vergadering."))
    item.skipped, item.skip_reason = False, ""
    bump(meeting)
    db.session.commit()
    return item


def _copy_to(item: AgendaItem, target: Meeting) -> AgendaItem:
    copy = AgendaItem(
        title=item.title, description=item.description,
        kind=item.kind, presenter=item.presenter, action_line_id=item.action_line_id,
        duration_minutes=item.duration_minutes, is_public=item.is_public, continues_item=item,
    )
    _insert(target, copy)
    db.session.add(copy)
    return copy


def postpone_item(user, item: AgendaItem, version=None) -> AgendaItem:
    """Move the item to the body's next meeting; the original stays, marked and linked."""
    meeting = item.meeting
    require(user, EDIT, item)
    lock_agenda(meeting, item)
    if item.is_fixed or item.is_standing:
        raise Conflict(_("Een vast agendapunt komt vanzelf terug op de volgende vergadering."))
    require_editable_agenda(meeting)
    check_version(meeting, version)
    if postponed_to(item) is not None:
        raise Conflict(_("Dit punt werd al uitgesteld."))
    target = next_meeting(meeting.body, meeting.start_at, exclude_id=meeting.id)
    if target is None:
        raise Invalid(_("Er is nog geen volgende vergadering van dit orgaan gepland. Plan die eerst."))
    require(user, EDIT, target)
    # the later meeting's agenda is locked second: postponing always moves forward in time, so
    # two postponements never wait for each other's meeting in the opposite order
    lock_agenda(target, item)
    copy = _copy_to(item, target)
    item.skipped = True
    item.skip_reason = _("Uitgesteld naar de vergadering van %(date)s.",
                         date=to_local(target.start_at).strftime("%d-%m-%Y"))
    bump(meeting)
    bump(target)
    db.session.commit()
    return copy


def refer_item(user, item: AgendaItem, body_slug: str) -> AgendaItem:
    """Refer the topic on to the next meeting of another body, linked to this item."""
    require(user, VIEW, item)
    target_body = get_body(body_slug)
    if target_body.id == item.meeting.body_id:
        raise Invalid(_("Kies een ander orgaan; binnen hetzelfde orgaan stelt u het punt uit."))
    target = next_meeting(target_body, max(item.meeting.start_at, utcnow()))
    if target is None:
        raise Invalid(_("%(body)s heeft nog geen komende vergadering gepland.", body=target_body.name))
    require(user, EDIT, target)
    lock_agenda(target, item)
    copy = _copy_to(item, target)
    bump(target)
    db.session.commit()
    return copy



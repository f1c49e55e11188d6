"""iCalendar export of meetings: stable UIDs, Europe/Brussels times, SEQUENCE bumped on a move.

Every text value goes in as `vText`, which escapes it as RFC 5545 says (backslash, ";", ",", a line
break as "\\n"; icalendar folds long lines). Custom properties such as X-WR-CALNAME would
otherwise go out as they are, a line break included. Text stored before the input checks
(app/core/text.py) may still hold other line breaks or control characters: `_text` makes those
a plain "\\n" or leaves them out.
"""
import re
from datetime import timedelta, timezone

from icalendar import Calendar, Event, vText

from app.core.timeutil import BRUSSELS, utcnow

#: host-independent: the same meeting keeps its UID whatever name the server answers to
UID_DOMAIN = "spitsregio-leuven.be"
DEFAULT_DURATION = timedelta(hours=2)


#: every way a line can end: one escaped line break in the calendar
_LINE_BREAK = re.compile("\r\n|[\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: what an iCalendar TEXT value may not hold (RFC 5545 3.3.11: no CONTROL but tab), nor UTF-8 write
_NOT_TEXT = re.compile("[\x00-\x08\x0e-\x1f\x7f\ud800-\udfff\ufffe\uffff]")


def _text(value) -> vText:
    """A TEXT value the calendar can carry whatever the database holds."""
    return vText(_NOT_TEXT.sub("", _LINE_BREAK.sub("\n", "" if value is None else str(value))))


def meeting_uid(meeting) -> str:
    return f"meeting-{meeting.id}@{UID_DOMAIN}"


def _aware(value):
    return value.replace(tzinfo=timezone.utc).astimezone(BRUSSELS)


def meeting_event(meeting, url: str = "", description: str = "") -> Event:
    event = Event()
    event.add("uid", meeting_uid(meeting))
    event.add("summary", _text(meeting.title or meeting.body.name))
    start = _aware(meeting.start_at)
    event.add("dtstart", start)
    event.add("dtend", _aware(meeting.end_at) if meeting.end_at else start + DEFAULT_DURATION)
    event.add("dtstamp", utcnow().replace(tzinfo=timezone.utc))
    event.add("last-modified", (meeting.updated_at or meeting.created_at).replace(tzinfo=timezone.utc))
    event.add("sequence", meeting.ics_sequence or 0)
    location = meeting.location or meeting.online_url
    if location:
        event.add("location", _text(location))
    if url:
        event.add("url", url)
    text = "\n".join(part for part in (description, meeting.online_url if meeting.location else "") if part)
    if text:
        event.add("description", _text(text))
    event.add("status", "CANCELLED" if meeting.state == "cancelled" else "CONFIRMED")
    event.add("categories", [str(_text(meeting.body.abbreviation))])
    return event


def calendar_bytes(meetings, name: str, urls: dict | None = None, descriptions: dict | None = None) -> bytes:
    """A VCALENDAR with one VEVENT per meeting and the VTIMEZONE for Europe/Brussels."""
    calendar = Calendar()
    calendar.add("prodid", "-//Spitsregio Leuven//Vergaderingen//NL")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", _text(name))
    calendar.add("x-wr-timezone", "Europe/Brussels")
    for meeting in meetings:
        calendar.add_component(meeting_event(
            meeting, (urls or {}).get(meeting.id, ""), (descriptions or {}).get(meeting.id, "")))
    calendar.add_missing_timezones()
    return calendar.to_ical()

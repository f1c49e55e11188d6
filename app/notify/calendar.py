"""The calendar request of a meeting mail (iTIP, RFC 5546, sent as RFC 6047 prescribes): the
meeting's event exactly as the .ics download and the body feed carry it (the same UID and
SEQUENCE, from app/exports/ics.py), with the METHOD, the ORGANIZER and the ATTENDEE a calendar
needs to offer "accept / decline" and to replace or strike the meeting it already holds."""
from datetime import date
from email.utils import parseaddr
from functools import lru_cache

from flask import current_app
from icalendar import Calendar, Timezone, vCalAddress

from app.core.timeutil import to_local
from app.exports.ics import meeting_event

REQUEST = "REQUEST"
CANCEL = "CANCEL"
PRODID = "-//Spitsregio Leuven//Vergaderingen//NL"


def organizer(meeting) -> vCalAddress:
    """The body's secretariat: the address mails come from, named after the body."""
    address = parseaddr(current_app.config["MAIL_DEFAULT_SENDER"])[1] or "noreply@localhost"
    value = vCalAddress(f"mailto:{address}")
    value.params["CN"] = meeting.body.name
    return value


def attendee(user, method: str) -> vCalAddress:
    value = vCalAddress(f"mailto:{user.email}")
    value.params.update({"CN": user.name, "CUTYPE": "INDIVIDUAL", "ROLE": "REQ-PARTICIPANT"})
    if method == REQUEST:
        value.params.update({"PARTSTAT": "NEEDS-ACTION", "RSVP": "TRUE"})
    return value


def request_ics(meeting, method: str, recipient, url: str = "", description: str = "") -> str:
    """A VCALENDAR with METHOD `method` (REQUEST or CANCEL) and the meeting's one VEVENT, addressed
    to `recipient` only: members do not read each other's addresses anywhere else in the product,
    and RFC 5546 lets an organizer list just the attendee a copy goes to. A CANCEL carries
    STATUS:CANCELLED because the meeting's state is cancelled by then."""
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", method)
    event = meeting_event(meeting, url, description)
    event.add("organizer", organizer(meeting))
    event.add("attendee", attendee(recipient, method))
    calendar.add_component(brussels(to_local(meeting.start_at).year))
    calendar.add_component(event)
    return calendar.to_ical().decode("utf-8")


@lru_cache(maxsize=8)
def brussels(year: int) -> Timezone:
    """The VTIMEZONE of Europe/Brussels around `year`: a few DST rules instead of icalendar's default
    68 years of them, built once (it is the same in every mail; nothing changes it after)."""
    return Timezone.from_tzid("Europe/Brussels", first_date=date(year - 1, 1, 1), last_date=date(year + 2, 1, 1))

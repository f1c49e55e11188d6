"""The agenda as Word and meetings as iCalendar, built on the shared exports toolkit."""
import re

from docx.shared import Pt
from flask import url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _

from app.core.text import xml_safe
from app.core.timeutil import to_local
from app.core.urls import external_url
from app.exports import ics, word
from app.exports.frame import MARK_COLOUR, Letterhead, start_document
from app.meetings.forms import KIND_CHOICES
from app.meetings.queries import readable_agendas
from app.meetings.timetable import timetable

KIND_LABELS = dict(KIND_CHOICES)


def kind_label(kind: str) -> str:
    return str(KIND_LABELS.get(kind, kind))


def when_lines(meeting) -> tuple[str, str]:
    """('dinsdag 10 maart 2026', '14:00 – 16:00') on the Brussels clock."""
    start = to_local(meeting.start_at)
    day = format_date(start.date(), "full")
    hours = format_time(start.time(), "HH:mm")
    if meeting.end_at:
        hours += " – " + format_time(to_local(meeting.end_at).time(), "HH:mm")
    return day, hours


def agenda_filename(meeting) -> str:
    slug = re.sub(r"[^a-z0-9-]+", "-", meeting.body.slug.lower())
    return f"agenda-{slug}-{to_local(meeting.start_at).date().isoformat()}.docx"


def meeting_title_line(kind: str, meeting) -> str:
    """The title of a meeting's document on one line: "Agenda – Taskforce Spitsregio Leuven, dinsdag 10 maart 2026"."""
    day, _hours = when_lines(meeting)
    return f"{kind} – {meeting.body.name}, {day}"


def meeting_detail_lines(meeting) -> list[str]:
    """What goes on the compact line under the title: the meeting's own title (when it has one),
    the hours, the place, the online link."""
    _day, hours = when_lines(meeting)
    lines = [meeting.title] if meeting.title and meeting.title != meeting.body.name else []
    lines.append(hours)
    if meeting.location:
        lines.append(meeting.location)
    if meeting.online_url:
        lines.append(_("Online: %(url)s", url=meeting.online_url))
    return lines


def slot_label(slot) -> str:
    """An item's planned start, with its duration when it has one: "14:30 (20 min.)" or "14:30"."""
    start = slot.start.strftime("%H:%M")
    return f"{start} ({_('%(n)d min.', n=slot.minutes)})" if slot.minutes else start


def item_meta(item, slot=None) -> str:
    """Kind, presenter, action line, planned start and duration (the slot, else the duration alone), closed."""
    parts = [kind_label(item.kind)]
    if item.presenter:
        parts.append(_("toelichting: %(name)s", name=item.presenter))
    if item.action_line:
        parts.append(_("actielijn %(label)s", label=item.action_line.label))
    if slot is not None:
        parts.append(slot_label(slot))
    elif item.duration_minutes:
        parts.append(_("%(n)d min.", n=item.duration_minutes))
    if not item.is_public:
        parts.append(_("besloten"))
    return " · ".join(parts)


def agenda_mark(meeting) -> str | None:
    """The mark in the header: a draft agenda (not yet published), or a cancelled meeting."""
    return {"planned": _("ONTWERP"), "cancelled": _("GEANNULEERD")}.get(meeting.state)


def agenda_docx(overview, letterhead: Letterhead | None = None) -> bytes:
    """The agenda of a meeting overview (as its viewer may see it) in the body's house style: the
    title line, then each item numbered with kind, presenter, planned start and duration, its
    documents and feedback decisions; the planned total (and overrun) at the end."""
    meeting = overview.meeting
    doc = start_document(letterhead, meeting_title_line(_("Agenda"), meeting), meeting_detail_lines(meeting),
                         mark=agenda_mark(meeting), day=to_local(meeting.start_at).date())
    plan = timetable(meeting)
    for view in overview.items:
        item = view.item
        word.add_heading(doc, f"{item.number}. {item.title}", level=1)
        meta = doc.add_paragraph()
        meta.add_run(xml_safe(item_meta(item, plan.slot(item)))).italic = True
        if item.skipped:
            doc.add_paragraph(xml_safe(_("Vervalt deze keer: %(reason)s", reason=item.skip_reason)))
        word.add_markdown(doc, item.description, heading_offset=1)
        _documents(doc, overview.extra("documents", item))
        if view.feedback:
            doc.add_paragraph(_("Gekoppelde besluiten:"))
            for link in view.feedback:
                doc.add_paragraph(xml_safe(f"{link.reference} ({link.decided_on.strftime('%d-%m-%Y')})"),
                                  style="List Bullet")
    _plan_lines(doc, plan)
    return word.document_bytes(doc)


def _documents(doc, documents) -> None:
    """The documents attached to an item (those the reader may read): the title linking to the
    document's page, the file's name linking to its download."""
    if not documents:
        return
    doc.add_paragraph().add_run(_("Bijlagen")).bold = True
    for document in documents:
        paragraph = doc.add_paragraph(style="List Bullet")
        word.add_hyperlink(paragraph, external_url("documents.show", document_id=document.id), document.title)
        current = document.current_file
        if current is not None:
            paragraph.add_run(" – ")
            word.add_hyperlink(paragraph, external_url("documents.download", document_id=document.id),
                               current.filename)


def _plan_lines(doc, plan) -> None:
    """The planned total under the items, and a warning when the plan runs past the planned end."""
    total = doc.add_paragraph()
    total.paragraph_format.space_before = Pt(12)
    total.add_run(_("Geplande duur: %(n)d min. (%(start)s – %(end)s)", n=plan.total_minutes,
                    start=plan.start.strftime("%H:%M"), end=plan.end.strftime("%H:%M"))).bold = True
    if plan.overrun_minutes:
        warning = doc.add_paragraph().add_run(_(
            "Let op: de planning loopt %(n)d min. uit over het geplande einde (%(end)s).",
            n=plan.overrun_minutes, end=plan.planned_end.strftime("%H:%M")))
        warning.bold, warning.font.color.rgb = True, MARK_COLOUR


def meetings_ics(meetings, name: str, user=None) -> bytes:
    """The meetings as a calendar; each event's description holds the agenda as `user` may read
    it (the public feed: no closed items), with each item's planned start when durations are set."""
    urls = {m.id: url_for("meetings.show", meeting_id=m.id, _external=True) for m in meetings}
    agendas = readable_agendas(user, meetings)
    descriptions = {m.id: ics_description(m, *agendas[m.id]) for m in meetings}
    return ics.calendar_bytes(meetings, name, urls, descriptions)


def ics_description(meeting, every_item, readable_items) -> str:
    """The body's name, then "Agenda" and one line per readable item: "14:10  2. Title"."""
    lines = [meeting.body.name]
    if readable_items:
        plan = timetable(meeting, every_item)
        timed = plan.total_minutes > 0
        lines += ["", _("Agenda")]
        for item in readable_items:
            when = format_time(plan.slot(item).start.time(), "HH:mm") + "  " if timed and not item.skipped else ""
            skipped = " (" + _("vervalt") + ")" if item.skipped else ""
            lines.append(f"{when}{item.number}. {item.title}{skipped}")
        if timed:
            lines.append(_("Gepland einde van de agenda: %(time)s.", time=format_time(plan.end.time(), "HH:mm")))
    return "\n".join(lines)

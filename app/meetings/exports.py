"""The agenda as Word and meetings as iCalendar, built on the shared exports toolkit."""
import re

from flask import url_for
from flask_babel import format_date, format_time
from flask_babel import gettext as _

from app.core.text import xml_safe
from app.core.timeutil import to_local
from app.exports import ics, word
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


def item_meta(item) -> str:
    parts = [kind_label(item.kind)]
    if item.presenter:
        parts.append(_("toelichting: %(name)s", name=item.presenter))
    if item.action_line:
        parts.append(_("actielijn %(label)s", label=item.action_line.label))
    if item.duration_minutes:
        parts.append(_("%(n)d min.", n=item.duration_minutes))
    if not item.is_public:
        parts.append(_("besloten"))
    return " · ".join(parts)


def agenda_docx(overview, template_path=None) -> bytes:
    """The agenda of a meeting overview (as its viewer may see it): a title block, then each item as
    a numbered Word heading with kind and presenter."""
    meeting = overview.meeting
    doc = word.new_document(template_path)
    day, hours = when_lines(meeting)
    lines = [meeting.body.name]
    if meeting.title and meeting.title != meeting.body.name:
        lines.append(meeting.title)
    lines.append(_("Datum: %(day)s, %(hours)s", day=day, hours=hours))
    if meeting.location:
        lines.append(_("Plaats: %(place)s", place=meeting.location))
    if meeting.online_url:
        lines.append(_("Online: %(url)s", url=meeting.online_url))
    word.add_title_block(doc, _("Agenda"), lines)
    for view in overview.items:
        item = view.item
        word.add_heading(doc, f"{item.number}. {item.title}", level=1)
        meta = doc.add_paragraph()
        meta.add_run(xml_safe(item_meta(item))).italic = True
        if item.skipped:
            doc.add_paragraph(xml_safe(_("Vervalt deze keer: %(reason)s", reason=item.skip_reason)))
        word.add_markdown(doc, item.description, heading_offset=1)
        if view.feedback:
            doc.add_paragraph(_("Gekoppelde besluiten:"))
            for link in view.feedback:
                doc.add_paragraph(xml_safe(f"{link.reference} ({link.decided_on.strftime('%d-%m-%Y')})"),
                                  style="List Bullet")
    word.add_page_number_footer(doc, _("Pagina"), _("van"))
    return word.document_bytes(doc)


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

"""The meeting pack (vergaderbundel) of a reader: the agenda and every attached document they may
read, as one PDF (app/exports/pack), built on demand and kept in the instance folder until the
meeting, an item or a document changes.

What the reader may read is what the meeting page shows them: the visible items (a closed item
is not public) and, per item, the documents the documents feature lets them read (the public: only
published ones), plus the readable documents of the meeting itself.
"""
import hashlib
import json

from flask import request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _

from app.bodies import house_style
from app.convert import is_available
from app.convert.cache import CacheFolder
from app.core.permissions import EDIT, VIEW, can, is_anonymous, reads_internal, require
from app.core.timeutil import to_local
from app.documents import files, services
from app.documents.models import Document
from app.exports.frame import Letterhead
from app.exports.pack import Pack, PackDocument, PackItem, build_pack
from app.meetings.exports import agenda_docx, item_meta, when_lines
from app.meetings.models import Meeting
from app.meetings.overview import MeetingOverview, meeting_overview

#: bump when the pack's make-up changes, so that no pack built the old way is served again
PACK_FORMAT = 1
#: packs kept per meeting: readers with other permissions, or older states, get other packs
KEEP_PER_MEETING = 8

_packs = CacheFolder("pack", "PACK_CACHE_PATH")


def pack_filename(meeting: Meeting) -> str:
    return f"vergaderbundel-{meeting.body.slug}-{to_local(meeting.start_at).date().isoformat()}.pdf"


def meeting_pack(user, meeting: Meeting) -> bytes:
    """The pack of `meeting` as `user` may read it; from the cache when nothing changed since."""
    require(user, VIEW, meeting)
    overview = meeting_overview(user, meeting)
    general = services.documents_for_meeting(meeting, user)
    template = house_style.letterhead(meeting.body_id)
    key = f"meeting-{meeting.id}-{_key(user, overview, general, template)}"
    cached = _packs.get(key)
    if cached is not None:
        try:
            return cached.read_bytes()
        except FileNotFoundError:  # pruned by another worker just now: build it again
            pass
    data = build_pack(_pack(overview, general, template))
    _packs.put(key, data)
    _packs.prune(f"meeting-{meeting.id}-", KEEP_PER_MEETING)
    return data


def _readers_level(user, meeting: Meeting) -> str:
    if can(user, EDIT, meeting):
        return "editor"
    if reads_internal(user, meeting):
        return "member"
    return "public" if is_anonymous(user) else "signed-in"


def _document_key(document: Document) -> list:
    current = document.current_file
    return [document.id, document.agenda_item_id, document.state, document.title, document.updated_at,
            hashlib.sha256(document.text.encode()).hexdigest() if document.kind == "page" else "",
            [current.number, current.sha256, current.extraction_status] if current else None]


def _key(user, overview: MeetingOverview, general: list[Document], template: Letterhead) -> str:
    """What the pack depends on: the meeting, its visible items and readable documents (so also the
    reader's permissions), the reader's level, language and address, the house style, LibreOffice."""
    meeting = overview.meeting
    parts = [
        PACK_FORMAT, _readers_level(user, meeting), str(get_locale()), request.host_url, is_available(),
        [meeting.id, meeting.updated_at, meeting.agenda_version, meeting.state, meeting.body.name, overview.number],
        [template.name, template.logo_path, template.template_path],  # stored names change with each upload
        [[view.item.id, view.item.position, view.item.updated_at,
          view.item.action_line.label if view.item.action_line else None,
          [[link.decision_id, link.reference] for link in view.feedback],
          [_document_key(d) for d in overview.extra("documents", view.item)]] for view in overview.items],
        [_document_key(d) for d in general],
    ]
    return hashlib.sha256(json.dumps(parts, default=str).encode()).hexdigest()


def _pack(overview: MeetingOverview, general: list[Document], template: Letterhead) -> Pack:
    meeting = overview.meeting
    day, hours = when_lines(meeting)
    items = []
    if general:
        items.append(PackItem(None, _("Stukken bij de vergadering"), documents=[_document(d) for d in general]))
    for view in overview.items:
        item = view.item
        note = _("Vervalt deze keer: %(reason)s", reason=item.skip_reason) if item.skipped else ""
        items.append(PackItem(item.number, item.title, item_meta(item), item.description,
                              [_document(d) for d in overview.extra("documents", item)], note))
    return Pack(body=meeting.body.name, meeting_title=meeting.title, when=f"{day}, {hours}",
                location=meeting.location, online_url=meeting.online_url,
                agenda_docx=agenda_docx(overview, template) if is_available() else None, items=items)


def _document(document: Document) -> PackDocument:
    current = document.current_file
    if document.kind == "page" or current is None:
        return PackDocument(document.title, "page", url_for("documents.show", document_id=document.id,
                                                            _external=True), text=document.text)
    path = files.path_of(current.storage_name)
    return PackDocument(
        document.title, current.file_kind, url_for("documents.download", document_id=document.id, _external=True),
        data=path.read_bytes() if path.is_file() else None, filename=current.filename,
        problem="encrypted" if current.extraction_status == "encrypted" else "")

"""Rules for folders and documents: create, edit, upload, replace, move, workflow, read."""
from dataclasses import dataclass

from flask_babel import gettext as _

from app.bodies.models import Body
from app.core.errors import Invalid, NotFound
from app.core.input import MAX_ID
from app.core.locking import lock_for_writing
from app.core.markdown import markdown_to_text
from app.core.permissions import EDIT, VIEW, can, require
from app.core.text import check_text
from app.core.versions import record_version
from app.core.workflow import CONTENT_WORKFLOW, apply_transition
from app.documents import files, uploads
from app.documents.models import Document, DocumentFile, DocumentTag, Folder
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting

MAX_TAGS = 20


@dataclass
class _Place:
    """Where new content goes, for the permission check before it exists."""
    body_id: int | None
    access_level: str = "private"


# --- reading -------------------------------------------------------------------------------------

def get_folder(user, folder_id: int) -> Folder:
    folder = db.session.get(Folder, folder_id)
    if folder is None or not can(user, VIEW, folder):
        raise NotFound(_("Deze map bestaat niet of u hebt er geen toegang toe."))
    return folder


def get_document(user, document_id: int) -> Document:
    document = db.session.get(Document, document_id)
    if document is None or not can(user, VIEW, document):
        raise NotFound(_("Dit document bestaat niet of u hebt er geen toegang toe."))
    return document


def folder_contents(user, folder: Folder | None) -> tuple[list[Folder], list[Document]]:
    """The folders and documents directly in `folder` (the root when None) that `user` may read."""
    parent_id = folder.id if folder is not None else None
    folders = db.session.scalars(db.select(Folder).filter_by(parent_id=parent_id).order_by(Folder.title)).all()
    documents = db.session.scalars(
        db.select(Document).filter_by(folder_id=parent_id).order_by(Document.title)).all()
    return ([f for f in folders if can(user, VIEW, f)], [d for d in documents if can(user, VIEW, d)])


def folder_tree(user) -> list[tuple[Folder, int]]:
    """Every folder `user` may read, depth-first, with its depth (a hidden folder hides its subtree)."""
    folders = db.session.scalars(db.select(Folder).order_by(Folder.title)).all()
    children: dict[int | None, list[Folder]] = {}
    for folder in folders:
        children.setdefault(folder.parent_id, []).append(folder)
    tree, stack = [], [(f, 0) for f in reversed(children.get(None, []))]
    seen = set()
    while stack:
        folder, depth = stack.pop()
        if folder.id in seen or not can(user, VIEW, folder):
            continue
        seen.add(folder.id)
        tree.append((folder, depth))
        stack.extend((child, depth + 1) for child in reversed(children.get(folder.id, [])))
    return tree


def documents_for_item(item: AgendaItem, user) -> list[Document]:
    """The documents attached to an agenda item that `user` may read."""
    documents = db.session.scalars(
        db.select(Document).filter_by(agenda_item_id=item.id).order_by(Document.title)).all()
    return [d for d in documents if can(user, VIEW, d)]


def documents_for_meeting(meeting: Meeting, user) -> list[Document]:
    """The documents linked to the meeting itself (not to one of its items)."""
    documents = db.session.scalars(
        db.select(Document).filter_by(meeting_id=meeting.id, agenda_item_id=None).order_by(Document.title)).all()
    return [d for d in documents if can(user, VIEW, d)]


def meetings_to_attach_to(user, limit: int = 100) -> list[Meeting]:
    """The latest meetings `user` may attach a document to (the choices of the document form)."""
    latest = db.session.scalars(db.select(Meeting).order_by(Meeting.start_at.desc()).limit(limit))
    return [meeting for meeting in latest if can(user, EDIT, meeting)]


def may_file_sitewide(user) -> bool:
    """May `user` keep a folder or document outside any body (for the whole site)?"""
    return can(user, EDIT, _Place(None))


def available_transitions(user, obj):
    return CONTENT_WORKFLOW.available(user, obj)


def document_search_text(document: Document) -> str:
    """The plain text the search index holds (and shows snippets of) for a document; its tags and
    file name are indexed beside it, as keywords."""
    parts = [document.description, markdown_to_text(document.text)]
    current = document.current_file
    if current is not None:
        parts.append(current.extracted_text)
    return "\n".join(part for part in parts if part)


def file_for_download(user, document: Document, number: int | None = None):
    """(path, content type, download name) of the current file or of version `number`."""
    require(user, VIEW, document)
    chosen = document.current_file
    if number is not None:
        chosen = next((f for f in document.files if f.number == number), None)
    if chosen is None:
        raise NotFound(_("Dit document heeft geen bestand."))
    path = files.path_of(chosen.storage_name)
    if not path.exists():
        raise NotFound(_("Het bestand ontbreekt op de server."))
    return path, files.download_type(chosen.content_type), chosen.filename


# --- helpers -------------------------------------------------------------------------------------

def _clean_title(title: str | None) -> str:
    title = " ".join((title or "").split())
    if not title:
        raise Invalid(_("Een titel is verplicht."))
    if len(title) > 300:
        raise Invalid(_("Een titel telt hoogstens 300 tekens."))
    return check_text(title, _("De titel"), multiline=False)


def _clean_texts(description: str | None, text: str | None) -> tuple[str, str | None]:
    """The description and page text as stored: no NUL, control characters or lone surrogates."""
    return (check_text((description or "").strip(), _("De beschrijving")),
            None if text is None else check_text(text, _("De tekst")))


def parse_tags(tags) -> list[str]:
    if isinstance(tags, str):
        tags = tags.split(",")
    result, seen = [], set()
    for tag in tags or ():
        tag = " ".join(str(tag).split())[:60]
        if tag and tag.lower() not in seen:
            seen.add(tag.lower())
            result.append(tag)
    if len(result) > MAX_TAGS:
        raise Invalid(_("Hoogstens %(n)s trefwoorden.", n=MAX_TAGS))
    return result


def _set_tags(document: Document, tags) -> None:
    wanted = parse_tags(tags)
    existing = {tag.name: tag for tag in document.tags}
    for name, tag in existing.items():
        if name not in wanted:
            document.tags.remove(tag)
    for name in wanted:
        if name not in existing:
            document.tags.append(DocumentTag(name=name))


def _id(value, message: str) -> int:
    """An id from a form or JSON value; anything that is not a whole number is `Invalid`."""
    if isinstance(value, bool) or not isinstance(value, int | str):
        raise Invalid(message)
    try:
        number = int(value)
    except ValueError:
        raise Invalid(message) from None
    if not 0 < number <= MAX_ID:  # no row has it, and the database driver would overflow on it
        raise Invalid(message)
    return number


def _resolve_links(meeting_id, agenda_item_id) -> tuple[Meeting | None, AgendaItem | None]:
    item = meeting = None
    if agenda_item_id:
        item = db.session.get(AgendaItem, _id(agenda_item_id, _("Onbekend agendapunt.")))
        if item is None:
            raise Invalid(_("Onbekend agendapunt."))
        meeting = item.meeting
    if meeting_id:
        linked = db.session.get(Meeting, _id(meeting_id, _("Onbekende vergadering.")))
        if linked is None:
            raise Invalid(_("Onbekende vergadering."))
        if meeting is not None and linked.id != meeting.id:
            raise Invalid(_("Het agendapunt hoort niet bij deze vergadering."))
        meeting = linked
    return meeting, item


def _resolve_body(body_slug, folder: Folder | None, meeting: Meeting | None) -> int | None:
    body_id = None
    if body_slug:
        body = db.session.scalar(db.select(Body).filter_by(slug=body_slug))
        if body is None:
            raise Invalid(_("Onbekend orgaan: %(slug)s", slug=body_slug))
        body_id = body.id
    elif meeting is not None:
        body_id = meeting.body_id
    elif folder is not None:
        body_id = folder.body_id
    if meeting is not None and body_id != meeting.body_id:
        raise Invalid(_("Het document hoort bij een ander orgaan dan de vergadering."))
    return body_id


def _target_folder(user, folder_id) -> Folder | None:
    if not folder_id:
        return None
    folder = db.session.get(Folder, _id(folder_id, _("Onbekende map.")))
    if folder is None or not can(user, VIEW, folder):
        raise Invalid(_("Onbekende map."))
    return folder


def _folder_to_fill(user, folder_id) -> Folder | None:
    """The folder something is put into (None: the root); the user must be able to edit it."""
    folder = _target_folder(user, folder_id)
    if folder is not None:
        require(user, EDIT, folder)
    return folder


def document_snapshot(document: Document) -> dict:
    """What a version of the document records."""
    current = document.current_file
    return {
        "title": document.title, "description": document.description, "text": document.text,
        "tags": ", ".join(document.tag_names),
        "file": f"{current.filename} (v{current.number})" if current else "",
    }


# --- folders -------------------------------------------------------------------------------------

def create_folder(user, title: str, description: str = "", parent_id=None, body_slug=None) -> Folder:
    parent = _target_folder(user, parent_id)
    body_id = _resolve_body(body_slug, parent, None)
    require(user, EDIT, _Place(body_id))
    folder = Folder(title=_clean_title(title), description=(description or "").strip(), parent=parent,
                    body_id=body_id, state=CONTENT_WORKFLOW.initial, created_by_id=user.id)
    db.session.add(folder)
    db.session.commit()
    return folder


def update_folder(user, folder: Folder, title: str, description: str = "") -> Folder:
    require(user, EDIT, folder)
    folder.title = _clean_title(title)
    folder.description = (description or "").strip()
    db.session.commit()
    return folder


def transition_folder(user, folder: Folder, name: str, comment: str = "") -> Folder:
    apply_transition(CONTENT_WORKFLOW, folder, name, user, comment, object_type="folder")
    db.session.commit()
    return folder


# --- documents -----------------------------------------------------------------------------------

def create_document(user, title: str, *, text: str = "", description: str = "", tags=(),
                    folder_id=None, body_slug=None, meeting_id=None, agenda_item_id=None,
                    file_data: bytes | None = None, filename: str | None = None) -> Document:
    """A page (Markdown `text`) or, with `file_data`, an uploaded file. State: private."""
    folder = _target_folder(user, folder_id)
    meeting, item = _resolve_links(meeting_id, agenda_item_id)
    body_id = _resolve_body(body_slug, folder, meeting)
    require(user, EDIT, _Place(body_id))
    if folder is not None:
        require(user, EDIT, folder)
    description, text = _clean_texts(description, text or "")
    document = Document(
        title=_clean_title(title), description=description, text=text,
        kind="file" if file_data is not None else "page", folder=folder, body_id=body_id,
        meeting=meeting, agenda_item=item, state=CONTENT_WORKFLOW.initial, created_by_id=user.id,
    )
    _set_tags(document, tags)
    stored = uploads.add_file(user, document, file_data, filename or "") if file_data is not None else None
    db.session.add(document)
    db.session.flush()
    record_version("document", document.id, document_snapshot(document), user, _("Aangemaakt"))
    uploads.commit_or_remove_files(*([stored.storage_name] if stored else []))
    return document


def update_document(user, document: Document, *, title: str, description: str = "", text: str | None = None,
                    tags=(), meeting_id=None, agenda_item_id=None, comment: str = "") -> Document:
    """Edit the fields (renaming = a new title); keeps a version."""
    require(user, EDIT, document)
    lock_for_writing(document)  # one save at a time: each version takes the next number
    meeting, item = _resolve_links(meeting_id, agenda_item_id)
    if meeting is not None and document.body_id != meeting.body_id:
        raise Invalid(_("Het document hoort bij een ander orgaan dan de vergadering."))
    document.title = _clean_title(title)
    document.description, text = _clean_texts(description, text)
    if text is not None:
        document.text = text
    document.meeting, document.agenda_item = meeting, item
    _set_tags(document, tags)
    record_version("document", document.id, document_snapshot(document), user, comment)
    db.session.commit()
    return document


def replace_file(user, document: Document, data: bytes, filename: str, comment: str = "") -> DocumentFile:
    """Upload a new version of the file; the old versions stay downloadable."""
    require(user, EDIT, document)
    lock_for_writing(document)  # one upload at a time: each file takes the next number
    if document.kind != "file":
        raise Invalid(_("Een pagina heeft geen bestand om te vervangen."))
    stored = uploads.add_file(user, document, data, filename)
    db.session.flush()
    record_version("document", document.id, document_snapshot(document), user,
                   comment or _("Bestand vervangen"))
    uploads.commit_or_remove_files(stored.storage_name)
    return stored


def move_document(user, document: Document, folder_id) -> Document:
    """Move into another folder (None: the root). The body stays: security does not move."""
    require(user, EDIT, document)
    document.folder = _folder_to_fill(user, folder_id)
    db.session.commit()
    return document


def move_folder(user, folder: Folder, parent_id) -> Folder:
    require(user, EDIT, folder)
    parent = _folder_to_fill(user, parent_id)
    if parent is not None and (parent.id == folder.id or folder in parent.ancestors()):
        raise Invalid(_("Een map kan niet in zichzelf staan."))
    folder.parent = parent
    db.session.commit()
    return folder


def transition_document(user, document: Document, name: str, comment: str = "") -> Document:
    require(user, VIEW, document)
    apply_transition(CONTENT_WORKFLOW, document, name, user, comment, object_type="document")
    db.session.commit()
    return document


def delete_document(user, document: Document) -> None:
    require(user, EDIT, document)
    names = [f.storage_name for f in document.files]
    db.session.delete(document)
    db.session.commit()
    for name in names:
        files.remove(name)

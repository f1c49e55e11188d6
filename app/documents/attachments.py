"""Documents attached to agenda items: several files at once from the meeting page or the API (all
or none), and the readable documents of every item added to the meeting page model in one query."""
from flask_babel import gettext as _

from app.core.errors import Invalid
from app.core.permissions import EDIT, VIEW, can, require
from app.core.versions import record_version
from app.core.workflow import CONTENT_WORKFLOW, apply_transition
from app.documents import files, uploads
from app.documents.models import Document
from app.documents.services import document_snapshot
from app.extensions import db
from app.meetings.models import AgendaItem
from app.meetings.overview import overview_built

#: how many files one upload may carry (the request size is capped by MAX_CONTENT_LENGTH too)
MAX_FILES = 20
#: the transitions that bring a new (private) document to each visibility
TO_VISIBILITY = {"private": (), "internal": ("share",), "published": ("publish",)}


def default_visibility(item: AgendaItem) -> str:
    """The meeting's: published for an open item of a public meeting, else internal (the body's
    members); a document of a closed (besloten) item is never public."""
    return "published" if item.meeting.is_public and item.is_public else "internal"


def _check_visibility(item: AgendaItem, visibility) -> str:
    if visibility in (None, ""):
        return default_visibility(item)
    if visibility not in TO_VISIBILITY:
        raise Invalid(_("Kies privé, intern of publiek."))
    if visibility == "published" and not item.is_public:
        raise Invalid(_("Een document bij een besloten agendapunt kan niet publiek zijn."))
    return visibility


def title_from_filename(filename: str) -> str:
    """"Nota_fietssnelweg-F25.pdf" -> "Nota fietssnelweg-F25": the document's title."""
    name = files.clean_filename(filename)
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return " ".join(stem.replace("_", " ").split())[:300] or name


def attach_files(user, item: AgendaItem, uploaded, visibility=None) -> list[Document]:
    """Attach files (`uploaded`: (bytes, file name) pairs) to `item`, each a document of the
    meeting's body in the chosen `visibility` (default: `default_visibility`). Every file is
    checked before any is stored: one refused file refuses them all, nothing is half saved."""
    require(user, EDIT, item)
    uploaded = [(data, name) for data, name in uploaded if data or name]  # an empty file field sends ("", b"")
    if not uploaded:
        raise Invalid(_("Kies minstens één bestand."))
    if len(uploaded) > MAX_FILES:
        raise Invalid(_("Hoogstens %(n)d bestanden tegelijk.", n=MAX_FILES))
    state = _check_visibility(item, visibility)
    for data, name in uploaded:
        try:
            uploads.check_upload(data, name)
        except Invalid as refusal:
            raise Invalid(_("Er is niets toegevoegd: %(name)s wordt geweigerd. %(reason)s",
                            name=files.clean_filename(name), reason=refusal.message)) from None
    meeting, documents = item.meeting, []
    with uploads.files_in_one_commit() as stored:
        for data, name in uploaded:
            document = Document(title=title_from_filename(name), kind="file", body_id=meeting.body_id,
                                meeting=meeting, agenda_item=item, state=CONTENT_WORKFLOW.initial,
                                created_by_id=user.id)
            stored.append(uploads.add_file(user, document, data, name).storage_name)
            db.session.add(document)
            db.session.flush()
            record_version("document", document.id, document_snapshot(document), user, _("Aangemaakt"))
            for transition in TO_VISIBILITY[state]:
                apply_transition(CONTENT_WORKFLOW, document, transition, user, object_type="document")
            documents.append(document)
    return documents


@overview_built.connect
def attach_documents(user, overview) -> None:
    """overview.extra("documents", item): the readable documents of each item, by title."""
    item_ids = [view.item.id for view in overview.items]
    by_item: dict[int, list[Document]] = {}
    if item_ids:
        documents = db.session.scalars(
            db.select(Document).where(Document.agenda_item_id.in_(item_ids)).order_by(Document.title)).all()
        for document in documents:
            if can(user, VIEW, document):
                by_item.setdefault(document.agenda_item_id, []).append(document)
    overview.extras["documents"] = by_item

"""Demo folders and documents (Dutch), created through the services. Idempotent: by title."""
import io

from app.auth.models import User
from app.documents import services
from app.documents.models import Document, Folder
from app.extensions import db
from app.meetings.models import AgendaItem

ACTION_PLAN = """# Actieplan Spitsregio Leuven

De Taskforce Spitsregio Leuven werkt langs vier actielijnen:

1. **Kenniseconomie** – de uitrol van de kenniseconomie over het hele arrondissement Leuven.
2. **Duurzame economische ontwikkeling** – meer ruimte om te ondernemen, betere vestigingsvoorwaarden
   en kernversterkend beleid.
3. **Goedwerkende arbeidsmarkt** – werkzoekenden en vacatures vinden elkaar sneller.
4. **Mobiliteit** – mobiliteit als conditio sine qua non: fietssnelwegen, openbaar vervoer en
   bereikbare bedrijventerreinen.

De taskforce vergadert minstens zes keer per jaar en koppelt telkens terug naar het
Burgemeestersoverleg Oost-Brabant.
"""

MOBILITY_NOTE = """De bereikbaarheid van de bedrijventerreinen rond Leuven staat onder druk.
Deze nota bundelt de voorstellen voor fietssnelwegen en pendelbussen die de vergadering bespreekt."""


def _annual_report_docx() -> bytes:
    import docx

    document = docx.Document()
    document.add_heading("Jaarverslag 2025 – Taskforce Spitsregio Leuven", level=1)
    document.add_paragraph("In 2025 vergaderde de taskforce zeven keer en nam zij achttien besluiten.")
    document.add_paragraph("De actielijn mobiliteit realiseerde de eerste fietssnelweg tussen Leuven en Tienen.")
    document.add_paragraph("Op de arbeidsmarkt vonden 420 werkzoekenden een job via de jobbeurzen met VDAB.")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def _folder(user, title, description, state, parent=None):
    folder = db.session.scalar(db.select(Folder).filter_by(title=title))
    if folder is None:
        folder = services.create_folder(user, title, description, parent.id if parent else None, "taskforce")
        if state != "private":
            services.transition_folder(user, folder, "share" if state == "internal" else "publish")
    return folder


def _document(user, title, state, **kwargs):
    document = db.session.scalar(db.select(Document).filter_by(title=title))
    if document is None:
        document = services.create_document(user, title, body_slug="taskforce", **kwargs)
        if state != "private":
            services.transition_document(user, document, "share" if state == "internal" else "publish")
    return document


def seed_demo_documents() -> None:
    secretary = db.session.scalar(db.select(User).filter_by(email="secretaris@spitsregio.be"))
    if secretary is None:
        return
    plans = _folder(secretary, "Actieplan", "Het actieplan en zijn opvolging.", "published")
    reports = _folder(secretary, "Jaarverslagen", "De jaarverslagen van de taskforce.", "internal")
    _folder(secretary, "Werkdocumenten secretariaat", "Voorbereidend werk.", "private")
    _document(secretary, "Actieplan Spitsregio Leuven", "published", text=ACTION_PLAN,
              description="De vier actielijnen van de Taskforce Spitsregio Leuven.",
              tags="actieplan, actielijnen", folder_id=plans.id)
    _document(secretary, "Jaarverslag 2025", "internal", folder_id=reports.id, tags="jaarverslag",
              description="Het jaarverslag 2025 (Word).", file_data=_annual_report_docx(),
              filename="Jaarverslag 2025.docx")
    item = db.session.scalar(
        db.select(AgendaItem).join(AgendaItem.action_line).where(AgendaItem.action_line.has(number=4))
        .order_by(AgendaItem.id))
    if item is not None and item.meeting.body.slug == "taskforce":
        _document(secretary, "Nota bereikbaarheid bedrijventerreinen", "internal", text=MOBILITY_NOTE,
                  tags="mobiliteit", agenda_item_id=item.id)

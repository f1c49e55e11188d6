"""The documents attached to agenda items, added to the meeting page model in one query."""
from app.core.permissions import VIEW, can
from app.documents.models import Document
from app.extensions import db
from app.meetings.overview import overview_built


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

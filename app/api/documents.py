"""Documents through the API: create (multipart file or JSON text) and workflow transitions."""
from flask import jsonify, request
from flask_babel import gettext as _

from app.api import bp
from app.api.helpers import acting_on, json_body, require_login, text_field
from app.api.objects import object_endpoints
from app.api.shapes import document_json
from app.core.errors import Invalid
from app.documents import attachments, services
from app.meetings import queries


@bp.post("/documents")
def create_document():
    user = require_login()
    if request.files:
        upload = request.files.get("file")
        if upload is None:
            raise Invalid(_("Verwacht een bestand in het veld 'file'."))
        data = request.form
        file_data, filename, text = upload.read(), upload.filename, ""
    else:
        data = json_body()
        file_data = filename = None
        text = data.get("text")
        if not isinstance(text, str):
            raise Invalid(_("Geef 'text' (Markdown) of een bestand in 'file'."))
    tags = data.getlist("tags") if hasattr(data, "getlist") else data.get("tags", [])
    if isinstance(tags, str):
        tags = [tags]
    if not isinstance(tags, list) or not all(isinstance(tag, str) for tag in tags):
        raise Invalid(_("Het veld 'tags' moet een lijst van woorden zijn."))
    if len(tags) == 1:
        tags = tags[0]
    document = services.create_document(
        user, text_field(data, "title"), text=text, description=text_field(data, "description"),
        tags=tags or (), folder_id=data.get("folder") or None, body_slug=text_field(data, "body") or None,
        meeting_id=data.get("meeting") or None, agenda_item_id=data.get("agenda_item") or None,
        file_data=file_data, filename=filename,
    )
    return jsonify(document_json(document)), 201


object_endpoints("document", "/documents/<int:document_id>", services.get_document, document_json)


@bp.post("/documents/<int:document_id>/transition")
def transition_document(document_id: int):
    user, data, document = acting_on(services.get_document, document_id)
    services.transition_document(user, document, str(data.get("transition", "")), str(data.get("comment", "") or ""))
    return jsonify(document_json(document))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/documents")
def attach_documents(meeting_id: int, item_id: int):
    """Multipart: one or more `file` parts and an optional `visibility`; all are attached or none."""
    user = require_login()
    item = queries.get_item(user, queries.get_meeting(user, meeting_id), item_id)
    uploads = request.files.getlist("file")
    if not uploads:
        raise Invalid(_("Verwacht een of meer bestanden in het veld 'file'."))
    visibility = text_field(request.form, "visibility") or None
    documents = attachments.attach_files(user, item, [(f.read(), f.filename or "") for f in uploads], visibility)
    return jsonify([document_json(document) for document in documents]), 201

"""Documents through the API: create (multipart file or JSON text) and workflow transitions."""
from flask import jsonify, request, url_for
from flask_babel import gettext as _

from app.api import bp
from app.api.helpers import iso, json_body, require_login, text_field
from app.core.errors import Invalid
from app.documents import services


def document_json(document) -> dict:
    data = {
        "id": document.id,
        "title": document.title,
        "kind": document.kind,
        "state": document.state,
        "body": document.body.slug if document.body else None,
        "folder": document.folder_id,
        "meeting": document.meeting_id,
        "agenda_item": document.agenda_item_id,
        "tags": document.tag_names,
        "url": url_for("documents.show", document_id=document.id),
        "updated_at": iso(document.updated_at),
    }
    current = document.current_file
    if current is not None:
        data.update({
            "download_url": url_for("documents.download", document_id=document.id),
            "filename": current.filename,
            "content_type": current.content_type,
            "size": current.size,
            "version": current.number,
            "text_extraction": current.extraction_status,
        })
    return data


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


@bp.get("/documents/<int:document_id>")
def get_document(document_id: int):
    from flask_login import current_user

    return jsonify(document_json(services.get_document(current_user, document_id)))


@bp.post("/documents/<int:document_id>/transition")
def transition_document(document_id: int):
    user = require_login()
    data = json_body()
    document = services.get_document(user, document_id)
    services.transition_document(user, document, str(data.get("transition", "")), str(data.get("comment", "") or ""))
    return jsonify(document_json(document))

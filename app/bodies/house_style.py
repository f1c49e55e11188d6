"""House style: a .docx template and a logo per body, used by every Word export.

The routes that build an export ask `letterhead(body_id)` (the template, the logo, the body's name)
and hand it to app/exports; the logo rules are in app/bodies/logo.py."""
import copy
import io
import os
import secrets
from pathlib import Path

from docx import Document
from flask import current_app
from flask_babel import gettext as _

from app.bodies.logo import check_logo
from app.bodies.models import Body, HouseStyle
from app.core.errors import Invalid
from app.core.permissions import MANAGE, require
from app.core.timeutil import utcnow
from app.exports.frame import Letterhead
from app.extensions import db

#: a letterhead with a logo is small; anything larger is a mistake (or an attack)
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


def _upload_folder(name: str) -> Path:
    """A folder under UPLOAD_PATH (so the backup takes its files along)."""
    folder = Path(current_app.config["UPLOAD_PATH"]) / name
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def templates_folder() -> Path:
    return _upload_folder("templates")


def logos_folder() -> Path:
    return _upload_folder("logos")


def get_house_style(body_id: int | None) -> HouseStyle | None:
    if body_id is None:
        return None
    return db.session.scalar(db.select(HouseStyle).filter_by(body_id=body_id))


def template_path(body_id: int | None) -> str | None:
    """The path of the body's template for `new_document(template_path=...)`, or None (built-in style)."""
    style = get_house_style(body_id)
    if style is None:
        return None
    path = templates_folder() / style.stored_name
    return str(path) if path.is_file() else None


def logo_path(body: Body | None) -> str | None:
    """The path of the body's logo, or None (no logo, or its file is gone)."""
    if body is None or not body.logo_stored_name:
        return None
    path = logos_folder() / body.logo_stored_name
    return str(path) if path.is_file() else None


def letterhead(body_id: int | None) -> Letterhead:
    """What a Word export of the body looks like: its template, its logo and name in the header.
    Without a body (a list over every body) the built-in style with an empty letterhead."""
    body = db.session.get(Body, body_id) if body_id is not None else None
    if body is None:
        return Letterhead()
    return Letterhead(name=body.name, logo_path=logo_path(body), template_path=template_path(body.id))


#: styles the exports use; Word saves only the styles a document uses, so a template may lack some
REQUIRED_STYLES = ("Title", "Subtitle", "Heading 1", "Heading 2", "Heading 3", "Heading 4",
                   "List Bullet", "List Bullet 2", "List Bullet 3", "List Number", "List Number 2",
                   "List Number 3", "Table Grid", "Hyperlink")


def complete_styles(doc) -> list[str]:
    """Copy the styles the exports need, when missing, from python-docx's built-in template.

    List styles lose their numbering link (it points into the other document's numbering part):
    their paragraphs then show without bullets rather than failing. Returns the names added.
    """
    builtin = Document()
    have = {style.name for style in doc.styles}
    added = []
    for name in REQUIRED_STYLES:
        if name in have:
            continue
        try:
            source = builtin.styles[name]
        except KeyError:
            continue
        element = copy.deepcopy(source.element)
        for num_pr in element.xpath(".//w:numPr"):
            num_pr.getparent().remove(num_pr)
        doc.styles.element.append(element)
        added.append(name)
    return added


def check_docx(data: bytes) -> bytes:
    """A real .docx that python-docx can open, within the size limit, completed with the styles the
    exports need; Invalid otherwise. Returns the bytes to store."""
    if not data:
        raise Invalid(_("Kies een Word-bestand (.docx)."))
    if len(data) > MAX_TEMPLATE_BYTES:
        raise Invalid(_("Een sjabloon is hoogstens %(mb)d MB groot.", mb=MAX_TEMPLATE_BYTES // (1024 * 1024)))
    try:
        doc = Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds (zip, XML, package) for a bad file
        raise Invalid(_("Dit is geen geldig Word-bestand (.docx)."))
    if not complete_styles(doc):
        return data
    buffer = io.BytesIO()
    doc.save(buffer)
    return buffer.getvalue()


def save_house_style(actor, body, data: bytes, original_name: str = "") -> HouseStyle:
    """Store `data` as the body's template, replacing an earlier one."""
    require(actor, MANAGE, body)
    size = len(data)
    data = check_docx(data)
    folder = templates_folder()
    stored_name = f"{body.slug}-{secrets.token_hex(8)}.docx"
    (folder / stored_name).write_bytes(data)
    style = get_house_style(body.id)
    old_name = style.stored_name if style is not None else None
    if style is None:
        style = HouseStyle(body_id=body.id)
        db.session.add(style)
    style.stored_name = stored_name
    style.original_name = os.path.basename(original_name or "")[:255]
    style.size = size
    style.uploaded_by_id = actor.id
    style.uploaded_at = utcnow()
    db.session.commit()
    if old_name:
        (folder / old_name).unlink(missing_ok=True)
    return style


def remove_house_style(actor, body) -> None:
    require(actor, MANAGE, body)
    style = get_house_style(body.id)
    if style is None:
        return
    name = style.stored_name
    db.session.delete(style)
    db.session.commit()
    (templates_folder() / name).unlink(missing_ok=True)


# --- the logo ------------------------------------------------------------------------------------

def save_logo(actor, body: Body, data: bytes, original_name: str = "") -> Body:
    """Store `data` (a PNG or JPEG, checked by content) as the body's logo, replacing an earlier one."""
    require(actor, MANAGE, body)
    extension = check_logo(data)
    folder = logos_folder()
    stored_name = f"{body.slug}-{secrets.token_hex(8)}.{extension}"
    (folder / stored_name).write_bytes(data)
    old_name = body.logo_stored_name
    body.logo_stored_name = stored_name
    body.logo_original_name = os.path.basename(original_name or "")[:255]
    body.logo_size = len(data)
    body.logo_uploaded_at = utcnow()
    db.session.commit()
    if old_name:
        (folder / old_name).unlink(missing_ok=True)
    return body


def remove_logo(actor, body: Body) -> None:
    require(actor, MANAGE, body)
    name = body.logo_stored_name
    if not name:
        return
    body.logo_stored_name = body.logo_original_name = None
    body.logo_size = body.logo_uploaded_at = None
    db.session.commit()
    (logos_folder() / name).unlink(missing_ok=True)

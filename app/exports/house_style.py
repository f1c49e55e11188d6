"""House style: a .docx template per body (letterhead, styles, header, footer) used by every Word export."""
import io
import os
import secrets
from datetime import datetime
from pathlib import Path

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.errors import Invalid
from app.core.permissions import MANAGE, require
from app.core.timeutil import utcnow
from app.extensions import db

#: a letterhead with a logo is small; anything larger is a mistake (or an attack)
MAX_TEMPLATE_BYTES = 5 * 1024 * 1024


class HouseStyle(db.Model):
    """The uploaded Word template of a body; the file lives under UPLOAD_PATH/templates/."""
    __tablename__ = "house_styles"

    id: Mapped[int] = mapped_column(primary_key=True)
    body_id: Mapped[int] = mapped_column(ForeignKey("bodies.id", ondelete="CASCADE"), unique=True)
    #: the generated file name under UPLOAD_PATH/templates/ (never the uploader's name)
    stored_name: Mapped[str] = mapped_column(String(80))
    original_name: Mapped[str] = mapped_column(String(255), default="")
    size: Mapped[int]
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    uploaded_at: Mapped[datetime] = mapped_column(default=utcnow)

    body = relationship("Body")
    uploaded_by = relationship("User")


def templates_folder() -> Path:
    folder = Path(current_app.config["UPLOAD_PATH"]) / "templates"
    folder.mkdir(parents=True, exist_ok=True)
    return folder


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


def check_docx(data: bytes) -> None:
    """A real .docx that python-docx can open, within the size limit; Invalid otherwise."""
    if not data:
        raise Invalid(_("Kies een Word-bestand (.docx)."))
    if len(data) > MAX_TEMPLATE_BYTES:
        raise Invalid(_("Een sjabloon is hoogstens %(mb)d MB groot.", mb=MAX_TEMPLATE_BYTES // (1024 * 1024)))
    from docx import Document

    try:
        Document(io.BytesIO(data))
    except Exception:  # python-docx raises several kinds (zip, XML, package) for a bad file
        raise Invalid(_("Dit is geen geldig Word-bestand (.docx)."))


def save_house_style(actor, body, data: bytes, original_name: str = "") -> HouseStyle:
    """Store `data` as the body's template, replacing an earlier one."""
    require(actor, MANAGE, body)
    check_docx(data)
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
    style.size = len(data)
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

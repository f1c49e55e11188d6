"""Folders (mappen) and documents: Markdown pages or uploaded files with their versions and tags."""
from datetime import datetime

from sqlalchemy import ForeignKey, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from app.core.timeutil import utcnow
from app.extensions import db

DOCUMENT_KINDS = ("page", "file")
FILE_KINDS = ("pdf", "docx", "odt", "txt", "md")
#: what text extraction found: ok, or why a file has no searchable text
EXTRACTION_STATUSES = ("ok", "no_text", "encrypted", "damaged", "timeout", "too_large")


class Content:
    """What folders and documents share for security: readable as far as their workflow state
    says (CONTENT_WORKFLOW); the author is an owner. (Properties only: no columns.)"""

    @property
    def access_level(self) -> str:
        return self.state

    @property
    def owner_user_ids(self) -> set[int]:
        return {self.created_by_id} if self.created_by_id else set()


class Folder(Content, db.Model):
    """A folder (map): holds documents and other folders, and has its own workflow state."""
    __tablename__ = "folders"

    id: Mapped[int] = mapped_column(primary_key=True)
    parent_id: Mapped[int | None] = mapped_column(ForeignKey("folders.id", ondelete="CASCADE"), index=True)
    #: the body whose members read it once internal; None for site-wide folders
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: private -> internal -> published (CONTENT_WORKFLOW)
    state: Mapped[str] = mapped_column(String(20), default="private")
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    parent = relationship("Folder", remote_side=[id], back_populates="children")
    children = relationship("Folder", back_populates="parent", order_by="Folder.title")
    body = relationship("Body")
    documents = relationship("Document", back_populates="folder", order_by="Document.title")

    def ancestors(self) -> list["Folder"]:
        chain, current, seen = [], self.parent, set()
        while current is not None and current.id not in seen:
            seen.add(current.id)
            chain.insert(0, current)
            current = current.parent
        return chain


class Document(Content, db.Model):
    """A page written in Markdown, or an uploaded file (with its older versions kept)."""
    __tablename__ = "documents"

    id: Mapped[int] = mapped_column(primary_key=True)
    folder_id: Mapped[int | None] = mapped_column(ForeignKey("folders.id", ondelete="SET NULL"), index=True)
    body_id: Mapped[int | None] = mapped_column(ForeignKey("bodies.id"), index=True)
    #: "page" (Markdown in `text`) or "file" (the current DocumentFile; `text` is an optional note)
    kind: Mapped[str] = mapped_column(String(10), default="page")
    title: Mapped[str] = mapped_column(String(300))
    description: Mapped[str] = mapped_column(Text, default="")
    #: the page body in Markdown
    text: Mapped[str] = mapped_column(Text, default="")
    #: private -> internal -> published (CONTENT_WORKFLOW)
    state: Mapped[str] = mapped_column(String(20), default="private")
    meeting_id: Mapped[int | None] = mapped_column(ForeignKey("meetings.id", ondelete="SET NULL"), index=True)
    agenda_item_id: Mapped[int | None] = mapped_column(
        ForeignKey("agenda_items.id", ondelete="SET NULL"), index=True)
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow, onupdate=utcnow)

    folder = relationship("Folder", back_populates="documents")
    body = relationship("Body")
    meeting = relationship("Meeting")
    agenda_item = relationship("AgendaItem")
    created_by = relationship("User")
    files = relationship("DocumentFile", back_populates="document", cascade="all, delete-orphan",
                         order_by="DocumentFile.number")
    tags = relationship("DocumentTag", back_populates="document", cascade="all, delete-orphan",
                        order_by="DocumentTag.name")

    @property
    def current_file(self) -> "DocumentFile | None":
        return self.files[-1] if self.files else None

    @property
    def tag_names(self) -> list[str]:
        return [tag.name for tag in self.tags]


class DocumentFile(db.Model):
    """One uploaded version of a file document; replacing the file adds a version, never overwrites."""
    __tablename__ = "document_files"
    __table_args__ = (UniqueConstraint("document_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    #: 1, 2, 3... per document
    number: Mapped[int]
    #: the uploader's file name, cleaned; only shown and offered as download name
    filename: Mapped[str] = mapped_column(String(255))
    #: the generated name under UPLOAD_PATH (a uuid); never derived from user input
    storage_name: Mapped[str] = mapped_column(String(80), unique=True)
    #: pdf, docx, odt, txt or md, as found from the content
    file_kind: Mapped[str] = mapped_column(String(10))
    content_type: Mapped[str] = mapped_column(String(120))
    size: Mapped[int]
    sha256: Mapped[str] = mapped_column(String(64))
    #: the extracted plain text, indexed for search
    extracted_text: Mapped[str] = mapped_column(Text, default="")
    #: ok, no_text (e.g. a scan), encrypted, damaged, timeout, too_large
    extraction_status: Mapped[str] = mapped_column(String(20), default="ok")
    uploaded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    document = relationship("Document", back_populates="files")
    uploaded_by = relationship("User")


class DocumentTag(db.Model):
    __tablename__ = "document_tags"
    __table_args__ = (UniqueConstraint("document_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    document_id: Mapped[int] = mapped_column(ForeignKey("documents.id", ondelete="CASCADE"), index=True)
    name: Mapped[str] = mapped_column(String(60))

    document = relationship("Document", back_populates="tags")

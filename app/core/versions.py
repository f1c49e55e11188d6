"""Version history for edited content: record a save, list, compare and restore."""
import difflib

from sqlalchemy import func

from app.core.errors import NotFound
from app.core.models import Version
from app.extensions import db


def record_version(object_type: str, object_id: int, data: dict, user, comment: str = "") -> Version:
    """Add the next version of an object; the calling service commits."""
    last = db.session.scalar(
        db.select(func.max(Version.number)).filter_by(object_type=object_type, object_id=object_id)
    )
    version = Version(
        object_type=object_type,
        object_id=object_id,
        number=(last or 0) + 1,
        data=dict(data),
        user_id=getattr(user, "id", None),
        comment=comment or "",
    )
    db.session.add(version)
    return version


def list_versions(object_type: str, object_id: int) -> list[Version]:
    return db.session.scalars(
        db.select(Version).filter_by(object_type=object_type, object_id=object_id).order_by(Version.number)
    ).all()


def get_version(object_type: str, object_id: int, number: int) -> Version:
    version = db.session.scalar(
        db.select(Version).filter_by(object_type=object_type, object_id=object_id, number=number)
    )
    if version is None:
        raise NotFound(f"version {number} of {object_type} {object_id}")
    return version


def diff_versions(old: Version, new: Version) -> dict[str, list[str]]:
    """Per changed field, a unified diff of the two versions (line by line)."""
    changes = {}
    for key in sorted(set(old.data) | set(new.data)):
        before, after = str(old.data.get(key, "")), str(new.data.get(key, ""))
        if before != after:
            changes[key] = list(
                difflib.unified_diff(
                    before.splitlines(), after.splitlines(),
                    f"v{old.number}", f"v{new.number}", lineterm="",
                )
            )
    return changes

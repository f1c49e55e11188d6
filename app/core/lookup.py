"""Finding one object by id for a user: absent is a 404, not readable a 403 (one rule for all)."""
from app.core.errors import NotFound
from app.core.permissions import VIEW, require
from app.extensions import db


def get_readable(user, model, object_id, missing: str):
    """The `model` row `object_id` if `user` may read it; `missing` is the 404's message."""
    obj = db.session.get(model, object_id) if object_id is not None else None
    if obj is None:
        raise NotFound(missing)
    require(user, VIEW, obj)
    return obj

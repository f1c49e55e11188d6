"""Full-text search over everything, Dutch and permission-aware."""
import logging

from flask import Blueprint

bp = Blueprint("search", __name__)

log = logging.getLogger(__name__)


def init_app(app) -> None:
    """Register the indexable types and session hooks; apply what a crashed writer left."""
    from app.search import hooks, types

    app.config.setdefault("SEARCH_BACKEND", "whoosh")
    app.config.setdefault("SEARCH_MAX_QUERY", 300)
    app.config.setdefault("SEARCH_WRITER_TIMEOUT", 10.0)
    types.register_all()
    hooks.install()
    # `flask --app wsgi restore` loads rows without the session hooks: it rebuilds the index after.
    from app.search.index import reindex
    app.extensions["spitsregio_rebuild_search"] = reindex
    with app.app_context():
        from sqlalchemy import inspect

        from app.extensions import db
        from app.search.index import drain

        try:
            if inspect(db.engine).has_table("search_outbox"):
                drain(timeout=0)
        except Exception:  # no database yet (first start, before migrations): nothing to apply
            log.debug("search outbox not drained at start", exc_info=True)
        finally:
            db.session.remove()


from app.search import routes  # noqa: E402,F401

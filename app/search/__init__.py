"""Full-text search over everything, Dutch and permission-aware."""
from flask import Blueprint

bp = Blueprint("search", __name__)


def init_app(app) -> None:
    """Register the indexable types and the session hooks that keep the index up to date. Nothing
    is written here: changes a crashed writer left in the outbox are applied by the next drain
    (after the next commit that records a change, or `flask --app wsgi search-drain`)."""
    # imported here, not at the top: app/models.py imports app.search.models, and these modules
    # import every indexed feature's models and services
    from app.search import hooks, security, types
    from app.search.index import reindex

    app.config.setdefault("SEARCH_BACKEND", "whoosh")
    app.config.setdefault("SEARCH_MAX_QUERY", 300)
    app.config.setdefault("SEARCH_WRITER_TIMEOUT", 10.0)
    types.register_all()
    security.register_all()
    hooks.install()
    # `flask --app wsgi restore` loads rows without the session hooks: it rebuilds the index after.
    app.extensions["spitsregio_rebuild_search"] = reindex


from app.search import routes  # noqa: E402,F401

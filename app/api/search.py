"""GET /api/search: the same search as the page, as JSON."""
from flask import jsonify, request
from flask_babel import gettext as _
from flask_login import current_user

from app.api import bp
from app.search.index import FILTERS, SearchUnavailable, search as run_search


@bp.get("/search")
def search():
    args = request.args
    page = args.get("page", "1")
    try:
        results = run_search(
            args.get("q", ""), current_user, {name: args.get(name) for name in FILTERS},
            page=int(page) if page.isdigit() and len(page) < 6 else 1,
            sort=args.get("sort", "relevance"),
            pagelen=int(args["pagelen"]) if args.get("pagelen", "").isdigit() and len(args["pagelen"]) < 4 else 20,
        )
    except SearchUnavailable:
        return jsonify({"error": _("Zoeken is tijdelijk niet beschikbaar: de zoekindex ontbreekt of is beschadigd."),
                        "detail": "search_index_unavailable"}), 503
    return jsonify({
        "total": results.total,
        "page": results.page,
        "pages": results.pages,
        "fuzzy": results.fuzzy,
        "results": [
            {"type": hit.type, "id": hit.id, "title": hit.title, "url": hit.url, "snippet": hit.snippet,
             "body": hit.body or None, "year": hit.year or None, "state": hit.state or None,
             "action_line": hit.action_line or None}
            for hit in results.hits
        ],
        "facets": results.facets,
    })

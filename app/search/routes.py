"""The search page (GET /search) and the "zoek in besluiten" view (GET /search/decisions)."""
from flask import render_template, request, url_for
from flask_babel import lazy_gettext as _l
from flask_login import current_user

from app.bodies.services import list_action_lines, list_bodies
from app.core.workflow import CONTENT_WORKFLOW, MEETING_WORKFLOW
from app.search import bp
from app.search.index import FILTERS, SORTS, SearchUnavailable, empty_results, search as run_search

TYPE_LABELS = {
    "document": _l("Documenten"),
    "meeting": _l("Vergaderingen"),
    "agenda_item": _l("Agendapunten"),
    "minutes": _l("Verslagen"),
    "decision": _l("Besluiten"),
    "action": _l("Acties"),
    "objective": _l("Doelstellingen"),
}
TYPE_SINGULAR = {
    "document": _l("Document"), "meeting": _l("Vergadering"), "agenda_item": _l("Agendapunt"),
    "minutes": _l("Verslag"), "decision": _l("Besluit"), "action": _l("Actie"), "objective": _l("Doelstelling"),
}
FACET_TITLES = {
    "type": _l("Soort"), "body": _l("Orgaan"), "year": _l("Jaar"), "action_line": _l("Actielijn"),
    "state": _l("Status"),
}
SORT_LABELS = {"relevance": _l("Relevantie"), "date": _l("Nieuwste eerst"), "date_asc": _l("Oudste eerst")}
ACTION_STATES = {"gepland": _l("Gepland"), "lopend": _l("Lopend"), "afgerond": _l("Afgerond"),
                 "geannuleerd": _l("Geannuleerd")}


def facet_labels() -> dict:
    states = {**{k: v for k, v in CONTENT_WORKFLOW.states.items()}, **MEETING_WORKFLOW.states, **ACTION_STATES}
    return {
        "type": TYPE_LABELS,
        "body": {body.slug: body.name for body in list_bodies()},
        "action_line": {str(line.number): line.label for line in list_action_lines()},
        "state": states,
        "year": {},
    }


def _page_arg() -> int:
    value = request.args.get("page", "1")
    return int(value) if value.isdigit() and len(value) < 6 else 1


def _render(preset_type: str | None, template_title):
    query = request.args.get("q", "")
    filters = {name: request.args.get(name, "") for name in FILTERS}
    if preset_type:
        filters["type"] = preset_type
    sort = request.args.get("sort", "relevance")
    sort = sort if sort in SORTS else "relevance"
    unavailable, status = False, 200
    try:
        results = run_search(query, current_user, filters, _page_arg(), sort)
    except SearchUnavailable:
        # The index is missing or damaged: say so here; every other page works without it.
        results, unavailable, status = empty_results(), True, 503
    endpoint = request.endpoint
    base = {"q": query, "sort": sort, **{k: v for k, v in filters.items() if v and not (preset_type and k == "type")}}

    def link(**changes):
        args = {**base, **changes}
        args = {k: v for k, v in args.items() if v not in (None, "")}
        return url_for(endpoint, **args)

    return render_template(
        "search/search.html", query=query, filters=filters, sort=sort, results=results,
        labels=facet_labels(), facet_titles=FACET_TITLES, type_singular=TYPE_SINGULAR,
        sort_labels=SORT_LABELS, link=link, preset_type=preset_type, page_title=template_title,
        searched=bool(query.strip()) or any(v for k, v in filters.items() if not (preset_type and k == "type")),
        unavailable=unavailable,
    ), status


@bp.route("/search")
def search():
    return _render(None, _l("Zoeken"))


@bp.route("/search/decisions")
def decisions():
    return _render("decision", _l("Zoek in besluiten"))

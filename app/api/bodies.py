"""Bodies through the API."""
from flask import jsonify

from app.api import bp
from app.bodies import services


def body_json(body) -> dict:
    return {
        "slug": body.slug,
        "name": body.name,
        "abbreviation": body.abbreviation,
        "reports_to": body.reports_to.slug if body.reports_to else None,
        "min_meetings_per_year": body.min_meetings_per_year,
        # voting members present needed to vote (null: more than half), and how a vote is decided
        "quorum": body.quorum,
        "majority_rule": body.majority_rule,
        "fixed_items": [
            {
                "title": item.title,
                "kind": item.kind,
                "mandatory": item.mandatory,
                "position": item.position + 1,
                "feedback_from": item.feedback_from_body.slug if item.feedback_from_body else None,
            }
            for item in body.fixed_items
        ],
    }


@bp.get("/bodies")
def list_bodies():
    return jsonify([body_json(body) for body in services.list_bodies()])


@bp.get("/bodies/<slug>")
def get_body(slug: str):
    return jsonify(body_json(services.get_body(slug)))

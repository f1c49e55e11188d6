"""The two calls every object of the API has at its own address: GET it, PATCH some of its fields."""
from flask import jsonify
from flask_login import current_user

from app.api import bp
from app.api.helpers import acting_on


def object_endpoints(name: str, rule: str, get, shape, update=None) -> None:
    """GET `rule` (endpoint `api.get_<name>`): the object as the caller may read it; with `update`,
    PATCH `rule` (`api.patch_<name>`): `update(user, obj, data)` with the JSON body, answered with
    the object's JSON after the change. `get(user, object_id)` is the service's look-up."""

    def show(**ids):
        return jsonify(shape(get(current_user, *ids.values())))

    bp.add_url_rule(rule, f"get_{name}", show, methods=["GET"])
    if update is None:
        return

    def patch(**ids):
        user, data, target = acting_on(get, *ids.values())
        update(user, target, data)
        return jsonify(shape(target))

    bp.add_url_rule(rule, f"patch_{name}", patch, methods=["PATCH"])

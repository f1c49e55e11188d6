"""Objectives of an action line, their measured indicator and their progress (Decidim-style accountability)."""
from flask_babel import gettext as _

from app.bodies.models import ActionLine, Body
from app.core.errors import Invalid
from app.core.input import clean_text, parse_date, parse_number
from app.core.lookup import get_readable
from app.core.permissions import EDIT, REPORT_PROGRESS, VIEW, can, require
from app.decisions.lookups import parse_action_line
from app.decisions.models import MAX_COMMENT, MAX_DESCRIPTION, MAX_TITLE, MAX_UNIT, Action, Objective, ProgressUpdate
from app.extensions import db


#: what a page or the API may set on an objective
OBJECTIVE_FIELDS = ("title", "description", "indicator", "unit", "baseline", "target", "target_date",
                    "action_line", "is_public")


def title_and_description(data: dict, creating: bool) -> dict:
    """The changes to the title (required when creating) and description of an objective or action."""
    changes = {}
    if creating or "title" in data:
        changes["title"] = clean_text(data.get("title"), _("Titel"), MAX_TITLE, required=True)
    if "description" in data:
        changes["description"] = clean_text(data["description"], _("Omschrijving"), MAX_DESCRIPTION)
    return changes


def _objective_changes(data: dict, creating: bool) -> dict:
    changes = title_and_description(data, creating)
    if "indicator" in data:
        changes["indicator"] = clean_text(data["indicator"], _("Indicator"), MAX_TITLE)
    if "unit" in data:
        changes["unit"] = clean_text(data["unit"], _("Eenheid"), MAX_UNIT)
    if "baseline" in data:
        changes["baseline"] = parse_number(data["baseline"], _("Beginwaarde"))
    if "target" in data:
        changes["target"] = parse_number(data["target"], _("Streefwaarde"))
    if "target_date" in data:
        changes["target_date"] = parse_date(data["target_date"], _("Streefdatum"))
    if creating or "action_line" in data:
        line = parse_action_line(data.get("action_line"))
        if line is None:
            raise Invalid(_("Kies een actielijn."))
        changes["action_line"] = line
    if "is_public" in data:
        changes["is_public"] = bool(data["is_public"])
    return changes


def get_objective(user, objective_id: int) -> Objective:
    return get_readable(user, Objective, objective_id, _("Deze doelstelling bestaat niet."))


def create_objective(user, body: Body, data: dict) -> Objective:
    require(user, EDIT, Objective(body_id=body.id))
    changes = _objective_changes(data, creating=True)
    objective = Objective(body_id=body.id, created_by_id=user.id, **changes)
    db.session.add(objective)
    db.session.commit()
    return objective


def update_objective(user, objective: Objective, data: dict) -> Objective:
    require(user, EDIT, objective)
    for key, value in _objective_changes(data, creating=False).items():
        setattr(objective, key, value)
    db.session.commit()
    return objective


def list_objectives(user, action_line=None, body_id: int | None = None) -> list[Objective]:
    query = db.select(Objective).join(ActionLine).order_by(ActionLine.number, Objective.title)
    if action_line not in (None, ""):
        query = query.where(Objective.action_line_id == parse_action_line(action_line).id)
    if body_id is not None:
        query = query.where(Objective.body_id == body_id)
    return [o for o in db.session.scalars(query).all() if can(user, VIEW, o)]


def latest_measurement(objective: Objective) -> ProgressUpdate | None:
    """The latest measured value of the objective's indicator: reported on it or on one of its actions."""
    action_ids = [a.id for a in objective.actions]
    condition = ProgressUpdate.objective_id == objective.id
    if action_ids:
        condition = condition | ProgressUpdate.action_id.in_(action_ids)
    return db.session.scalar(
        db.select(ProgressUpdate).where(condition, ProgressUpdate.value.is_not(None))
        .order_by(ProgressUpdate.created_at.desc(), ProgressUpdate.id.desc()).limit(1))


def action_fraction(action: Action) -> float:
    """How far an action counts as done towards its objective, 0..1."""
    return 1.0 if action.status == "afgerond" else max(0, min(100, action.progress)) / 100


def objective_progress(objective: Objective) -> dict:
    """Progress towards the target, 0..1, as Decidim's accountability computes it.

    With an indicator and a measurement: where the latest value lies between baseline and target.
    Otherwise: the weighted mean of its actions' progress (cancelled actions do not count).
    """
    measurement = latest_measurement(objective) if objective.indicator else None
    if measurement is not None and objective.target is not None:
        baseline = objective.baseline or 0.0
        span = objective.target - baseline
        if span == 0:
            fraction = 1.0 if measurement.value == objective.target else 0.0
        else:
            fraction = (measurement.value - baseline) / span
        return {"fraction": max(0.0, min(1.0, fraction)), "source": "indicator",
                "value": measurement.value, "measured_at": measurement.created_at}
    counted = [a for a in objective.actions if a.status != "geannuleerd"]
    total_weight = sum(a.weight for a in counted)
    if total_weight:
        fraction = sum(a.weight * action_fraction(a) for a in counted) / total_weight
        return {"fraction": fraction, "source": "actions", "value": None, "measured_at": None}
    return {"fraction": None, "source": None, "value": None, "measured_at": None}


def report_objective_value(user, objective: Objective, value, comment: str = "") -> ProgressUpdate:
    """A measured value of the objective's indicator."""
    require(user, REPORT_PROGRESS, objective)
    number = parse_number(value, _("Gemeten waarde"))
    if number is None:
        raise Invalid(_("Gemeten waarde is verplicht."))
    comment = clean_text(comment, _("Toelichting"), MAX_COMMENT)
    update = ProgressUpdate(objective_id=objective.id, value=number, comment=comment, user_id=user.id)
    db.session.add(update)
    db.session.commit()
    return update

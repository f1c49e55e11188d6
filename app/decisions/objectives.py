"""Objectives of an action line, their measured indicator and their progress (Decidim-style accountability)."""
from datetime import date

from flask_babel import gettext as _
from sqlalchemy.orm import selectinload

from app.bodies.models import ActionLine, Body
from app.core.errors import Conflict, Invalid
from app.core.input import clean_text, parse_date, parse_number
from app.core.lookup import get_readable
from app.core.permissions import EDIT, REPORT_PROGRESS, VIEW, can, require
from app.core.timeutil import to_local, utcnow
from app.decisions.charts import line_chart
from app.decisions.lookups import parse_action_line
from app.decisions.models import (
    MAX_COMMENT, MAX_DESCRIPTION, MAX_TITLE, MAX_UNIT, Action, Decision, Objective, ProgressUpdate,
)
from app.extensions import db
from app.meetings.models import AgendaItem


#: what a page or the API may set on an objective
OBJECTIVE_FIELDS = ("title", "description", "indicator", "unit", "baseline", "target", "target_date",
                    "action_line", "is_public", "sums_actions")


def title_and_description(data: dict, creating: bool) -> dict:
    """The changes to the title (required when creating) and description of an objective or action."""
    changes = {}
    if creating or "title" in data:
        changes["title"] = clean_text(data.get("title"), _("Titel"), MAX_TITLE, required=True, line=True)
    if "description" in data:
        changes["description"] = clean_text(data["description"], _("Omschrijving"), MAX_DESCRIPTION)
    return changes


def _objective_changes(data: dict, creating: bool) -> dict:
    changes = title_and_description(data, creating)
    if "indicator" in data:
        changes["indicator"] = clean_text(data["indicator"], _("Indicator"), MAX_TITLE, line=True)
    if "unit" in data:
        changes["unit"] = clean_text(data["unit"], _("Eenheid"), MAX_UNIT, line=True)
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
    if "sums_actions" in data:
        if not isinstance(data["sums_actions"], bool):
            raise Invalid(_("Som van de bijdragen van de acties: kies ja of nee."))
        changes["sums_actions"] = data["sums_actions"]
    return changes


def _check_summing(sums_actions: bool, indicator: str) -> None:
    """What the actions add up to is an indicator: a summing objective names it."""
    if sums_actions and not indicator:
        raise Invalid(_("Geef de indicator waarvan de acties de bijdragen leveren."))


def get_objective(user, objective_id: int) -> Objective:
    return get_readable(user, Objective, objective_id, _("Deze doelstelling bestaat niet."))


def create_objective(user, body: Body, data: dict) -> Objective:
    require(user, EDIT, Objective(body_id=body.id))
    changes = _objective_changes(data, creating=True)
    _check_summing(changes.get("sums_actions", False), changes.get("indicator", ""))
    objective = Objective(body_id=body.id, created_by_id=user.id, **changes)
    db.session.add(objective)
    db.session.commit()
    return objective


def update_objective(user, objective: Objective, data: dict) -> Objective:
    require(user, EDIT, objective)
    changes = _objective_changes(data, creating=False)
    _check_summing(changes.get("sums_actions", objective.sums_actions), changes.get("indicator", objective.indicator))
    for key, value in changes.items():
        setattr(objective, key, value)
    db.session.commit()
    return objective


#: what an objective's progress, measurements and actions need, loaded for a whole list at once
OBJECTIVE_LOADING = (
    selectinload(Objective.body), selectinload(Objective.action_line),
    selectinload(Objective.updates).selectinload(ProgressUpdate.user),
    selectinload(Objective.actions).options(
        selectinload(Action.updates).selectinload(ProgressUpdate.user), selectinload(Action.owner_user),
        selectinload(Action.owner_organisation),
        selectinload(Action.decision).selectinload(Decision.agenda_item).selectinload(AgendaItem.meeting)),
)


def list_objectives(user, action_line=None, body_id: int | None = None) -> list[Objective]:
    query = db.select(Objective).join(ActionLine).order_by(ActionLine.number, Objective.title)
    if action_line not in (None, ""):
        query = query.where(Objective.action_line_id == parse_action_line(action_line).id)
    if body_id is not None:
        query = query.where(Objective.body_id == body_id)
    return [o for o in db.session.scalars(query.options(*OBJECTIVE_LOADING)).all() if can(user, VIEW, o)]


def measured_day(update: ProgressUpdate) -> date:
    """The day a value was measured: as reported, or for rows from before measurement dates, the
    day (in Brussels) it was reported."""
    return update.measured_on or to_local(update.created_at).date()


def _newest_first(updates) -> list[ProgressUpdate]:
    """Reported values, the latest measured first; on the same day the latest reported first."""
    return sorted((u for u in updates if u.value is not None),
                  key=lambda u: (measured_day(u), u.created_at, u.id), reverse=True)


def list_measurements(objective: Objective) -> list[ProgressUpdate]:
    """The objective's own measurements of its indicator, newest first. An action's figures are
    never among them: they are contributions (see `action_contributions`)."""
    return _newest_first(objective.updates)


def latest_measurement(objective: Objective) -> ProgressUpdate | None:
    """The latest of the objective's own measurements (by day measured, then as reported)."""
    measurements = list_measurements(objective)
    return measurements[0] if measurements else None


def action_contributions(objective: Objective) -> list[tuple[Action, ProgressUpdate]]:
    """Each non-cancelled action's latest reported value; actions that reported none are left out."""
    contributions = []
    for action in objective.actions:
        if action.status == "geannuleerd":
            continue
        reported = _newest_first(action.updates)
        if reported:
            contributions.append((action, reported[0]))
    return contributions


def indicator_value(objective: Objective) -> tuple[float | None, date | None]:
    """The current value of the indicator and the day it stands for: the latest measurement, or
    for an objective that sums its actions, the sum of their latest contributions."""
    if objective.sums_actions:
        contributions = action_contributions(objective)
        if not contributions:
            return None, None
        return (sum(update.value for _action, update in contributions),
                max(measured_day(update) for _action, update in contributions))
    latest = latest_measurement(objective)
    return (latest.value, measured_day(latest)) if latest is not None else (None, None)


def objective_overview(user, objective: Objective) -> dict:
    """What the objective's page shows `user`: progress, the measurements newest first and their
    chart, and for a summing objective the contributions of the actions `user` may read (with the
    total of those they may not, so that the sum still adds up)."""
    measurements = list_measurements(objective)
    contributions = action_contributions(objective) if objective.sums_actions else []
    visible, hidden = [], []
    for action, update in contributions:
        (visible if can(user, VIEW, action) else hidden).append((action, update))
    return {
        "progress": objective_progress(objective),
        "measurements": measurements,
        "chart": line_chart([(measured_day(m), m.value) for m in measurements], objective.baseline, objective.target),
        "contributions": visible,
        "hidden_contribution": sum(update.value for _action, update in hidden) if hidden else None,
        "actions": [a for a in objective.actions if can(user, VIEW, a)],
    }


def action_fraction(action: Action) -> float:
    """How far an action counts as done towards its objective, 0..1."""
    return 1.0 if action.status == "afgerond" else max(0, min(100, action.progress)) / 100


def objective_progress(objective: Objective) -> dict:
    """Progress towards the target, 0..1, as Decidim's accountability computes it.

    With an indicator, a value (`indicator_value`) and a target: where that value lies between
    baseline and target. Otherwise: the weighted mean of its actions' progress (cancelled actions
    do not count). `value` and `measured_on` are the indicator's current value either way.
    """
    value, measured_on = indicator_value(objective)
    base = {"value": value, "measured_on": measured_on, "summed": objective.sums_actions}
    if objective.indicator and value is not None and objective.target is not None:
        baseline = objective.baseline or 0.0
        span = objective.target - baseline
        if span == 0:
            fraction = 1.0 if value == objective.target else 0.0
        else:
            fraction = (value - baseline) / span
        return {**base, "fraction": max(0.0, min(1.0, fraction)), "source": "indicator"}
    counted = [a for a in objective.actions if a.status != "geannuleerd"]
    total_weight = sum(a.weight for a in counted)
    if total_weight:
        fraction = sum(a.weight * action_fraction(a) for a in counted) / total_weight
        return {**base, "fraction": fraction, "source": "actions"}
    return {**base, "fraction": None, "source": None}


def report_objective_value(user, objective: Objective, value, comment: str = "",
                           measured_on=None) -> ProgressUpdate:
    """A measured value of the objective's indicator, on `measured_on` (default: today in Brussels)."""
    require(user, REPORT_PROGRESS, objective)
    if objective.sums_actions:
        raise Conflict(_("Deze doelstelling wordt berekend als som van de bijdragen van de acties: "
                         "meld de cijfers bij de acties."))
    number = parse_number(value, _("Gemeten waarde"))
    if number is None:
        raise Invalid(_("Gemeten waarde is verplicht."))
    today = to_local(utcnow()).date()
    day = parse_date(measured_on, _("Gemeten op")) or today
    if day > today:
        raise Invalid(_("Gemeten op: een meting ligt niet in de toekomst."))
    comment = clean_text(comment, _("Toelichting"), MAX_COMMENT)
    update = ProgressUpdate(objective_id=objective.id, value=number, measured_on=day, comment=comment,
                            user_id=user.id)
    db.session.add(update)
    db.session.commit()
    return update

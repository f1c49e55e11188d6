"""Action pages: the dashboard ("mijn acties" too), one action with its history, CSV and Word lists."""
from flask import render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bodies.services import get_body, list_action_lines, list_bodies
from app.core.forms import form_page, run, show_again
from app.core.permissions import EDIT, REPORT_PROGRESS, can, reads_internal
from app.decisions import actions_bp as bp
from app.decisions.actions import (
    create_action, get_action, list_actions, report_progress, today, update_action,
)
from app.decisions.actions import dashboard as action_dashboard
from app.decisions.forms import ProgressForm, action_data, action_form, fill_action_form
from app.decisions.models import STATUS_LABELS
from app.decisions.rows import action_row, objective_summary, shown_owner, status_label
from app.decisions.routes import editable, report_page
from app.bodies import house_style
from app.exports.csv import actions_csv
from app.exports.minutes_docx import build_action_list_docx
from app.exports.responses import CSV, DOCX, download


def _filters() -> dict:
    args = request.args
    return {"status": args.get("status") or None, "overdue": args.get("overdue") or None,
            "action_line": args.get("action_line") or None, "body": args.get("body") or None}


@bp.get("/actions")
@login_required
def dashboard():
    """Per action line: actions by status, overdue first; objectives' progress as a chart; my actions."""
    filters = _filters()
    listed = run(lambda: list_actions(current_user, **filters) if any(filters.values()) else None)
    return render_template("actions/dashboard.html", board=action_dashboard(current_user),
                           listed=[] if listed.error else listed.value, filters=filters, error=listed.error,
                           action_lines=list_action_lines(), bodies=list_bodies(),
                           statuses=STATUS_LABELS), 400 if listed.error else 200


@bp.get("/actions.csv")
def csv_list():
    actions = list_actions(current_user, **_filters())
    day = today()
    return download(actions_csv([action_row(current_user, a, day) for a in actions]), "acties.csv", CSV)


@bp.get("/actions.docx")
def docx_list():
    filters = _filters()
    actions = list_actions(current_user, **filters)
    day = today()
    lines = [_("Stand op %(date)s", date=day.strftime("%d-%m-%Y"))]
    body_id = get_body(filters["body"]).id if filters["body"] else None
    if filters["status"]:
        lines.append(_("Status: %(s)s", s=status_label(filters["status"])))
    rows = [{**action_row(current_user, a, day), "objective": objective_summary(current_user, a)} for a in actions]
    data = build_action_list_docx(_("Actielijst"), lines, rows, house_style.letterhead(body_id), day=day)
    return download(data, "actielijst.docx", DOCX)


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
def show(action_id: int):
    """An action with its trail (decision, objective) and progress history; the owner reports here."""
    action = get_action(current_user, action_id)
    form = ProgressForm()
    return report_page(
        form, lambda: report_progress(current_user, action, {
            "progress": form.progress.data, "value": form.value.data, "status": form.status.data,
            "comment": form.comment.data}),
        _("De voortgang is bewaard."), url_for("actions.show", action_id=action_id),
        lambda result: show_again("actions/show.html", form, result, action=action, today=today(),
                                  can_report=can(current_user, REPORT_PROGRESS, action),
                                  can_edit=can(current_user, EDIT, action)))


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@login_required
def edit(action_id: int):
    action = editable(get_action(current_user, action_id))
    form = action_form(current_user, action.body_id, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET":
        fill_action_form(form, action)
    return form_page("actions/form.html", form, lambda: update_action(current_user, action, action_data(form)),
                     _("De actie is bewaard."), url_for("actions.show", action_id=action_id),
                     action=action, body=action.body)


@bp.route("/bodies/<slug>/actions/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """An action that follows from no decision (e.g. from an objective)."""
    body = editable(get_body(slug))
    form = action_form(current_user, body.id, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET" and request.args.get("objective"):
        form.objective.data = request.args["objective"]
    return form_page("actions/form.html", form, lambda: create_action(current_user, action_data(form), body=body),
                     _("De actie is toegevoegd."), lambda created: url_for("actions.show", action_id=created.id),
                     action=None, body=body)


@bp.app_context_processor
def action_helpers():
    """What a page may show of the persons behind an action (DESIGN.md publication rules)."""
    return {"shown_owner": lambda action: shown_owner(current_user, action),
            "reads_internal": lambda obj: reads_internal(current_user, obj)}

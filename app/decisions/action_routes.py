"""Action pages: the dashboard ("mijn acties" too), one action with its history, CSV and Word lists."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bodies.services import get_body, list_action_lines, list_bodies
from app.core.errors import CORRECTABLE, DomainError
from app.core.permissions import EDIT, REPORT_PROGRESS, can
from app.decisions import actions_bp as bp
from app.decisions import services
from app.decisions.forms import ProgressForm
from app.decisions.routes import _action_data, _action_form
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
    error = None
    try:
        listed = services.list_actions(current_user, **filters) if any(filters.values()) else None
    except DomainError as exc:
        listed, error = [], exc.message
    board = services.dashboard(current_user)
    return render_template("actions/dashboard.html", board=board, listed=listed, filters=filters, error=error,
                           action_lines=list_action_lines(), bodies=list_bodies(),
                           statuses=services.STATUS_LABELS), 400 if error else 200


@bp.get("/actions.csv")
def csv_list():
    actions = services.list_actions(current_user, **_filters())
    day = services.today()
    return download(actions_csv([services.action_row(a, day) for a in actions]), "acties.csv", CSV)


@bp.get("/actions.docx")
def docx_list():
    filters = _filters()
    actions = services.list_actions(current_user, **filters)
    day = services.today()
    lines = [_("Stand op %(date)s", date=day.strftime("%d-%m-%Y"))]
    body_id = get_body(filters["body"]).id if filters["body"] else None
    if filters["status"]:
        lines.append(_("Status: %(s)s", s=services.status_label(filters["status"])))
    data = build_action_list_docx(_("Actielijst"), lines, [services.action_row(a, day) for a in actions],
                                  house_style.template_path(body_id))
    return download(data, "actielijst.docx", DOCX)


@bp.route("/actions/<int:action_id>", methods=["GET", "POST"])
def show(action_id: int):
    """An action with its trail (decision, objective) and progress history; the owner reports here."""
    action = services.get_action(current_user, action_id)
    form = ProgressForm()
    status = 200
    if request.method == "POST":
        if not current_user.is_authenticated:
            abort(401)
        if form.validate_on_submit():
            try:
                services.report_progress(current_user, action, {
                    "progress": form.progress.data, "value": form.value.data, "status": form.status.data,
                    "comment": form.comment.data})
            except CORRECTABLE as error:
                form.form_errors.append(error.message)
                status = 400
            else:
                flash(_("De voortgang is bewaard."), "success")
                return redirect(url_for("actions.show", action_id=action_id))
        else:
            status = 400
    return render_template("actions/show.html", action=action, form=form, today=services.today(),
                           can_report=can(current_user, REPORT_PROGRESS, action),
                           can_edit=can(current_user, EDIT, action)), status


@bp.route("/actions/<int:action_id>/edit", methods=["GET", "POST"])
@login_required
def edit(action_id: int):
    action = services.get_action(current_user, action_id)
    if not can(current_user, EDIT, action):
        abort(403)
    form = _action_form(action.body_id, formdata=request.form if request.method == "POST" else None)
    status = 200
    if request.method == "GET":
        form.title.data, form.description.data = action.title, action.description
        form.owner.data = services.owner_key(action)
        form.due.data = action.due_on.isoformat() if action.due_on else ""
        form.objective.data = str(action.objective_id or "")
        form.status.data, form.weight.data = action.status, str(action.weight)
    elif form.validate_on_submit():
        try:
            services.update_action(current_user, action, _action_data(form))
        except DomainError as error:
            form.form_errors.append(error.message)
            status = 400
        else:
            flash(_("De actie is bewaard."), "success")
            return redirect(url_for("actions.show", action_id=action_id))
    else:
        status = 400
    return render_template("actions/form.html", form=form, action=action, body=action.body), status


@bp.route("/bodies/<slug>/actions/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    """An action that follows from no decision (e.g. from an objective)."""
    body = get_body(slug)
    if not can(current_user, EDIT, body):
        abort(403)
    form = _action_form(body.id, formdata=request.form if request.method == "POST" else None)
    if request.method == "GET" and request.args.get("objective"):
        form.objective.data = request.args["objective"]
    status = 200
    if form.validate_on_submit():
        try:
            action = services.create_action(current_user, _action_data(form), body=body)
        except DomainError as error:
            form.form_errors.append(error.message)
            status = 400
        else:
            flash(_("De actie is toegevoegd."), "success")
            return redirect(url_for("actions.show", action_id=action.id))
    elif request.method == "POST":
        status = 400
    return render_template("actions/form.html", form=form, action=None, body=body), status

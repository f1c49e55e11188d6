"""Decision pages: the decision list with filters, one decision with its trail, votes, objectives."""
from flask import abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bodies.services import bodies_of, get_body, list_action_lines, list_bodies
from app.core.errors import Unauthenticated
from app.core.forms import form_page, run, show_again, submit, submit_and_flash
from app.core.permissions import EDIT, REPORT_PROGRESS, VIEW, can
from app.core.timeutil import to_local
from app.decisions import bp
from app.decisions.actions import create_action, today
from app.decisions.forms import (
    DecisionForm, MeasurementForm, ObjectiveForm, VoteForm, action_data, action_form, action_line_choices, options,
    posted_member_votes, vote_form_for, vote_request,
)
from app.decisions.lookups import parse_action_line
from app.decisions.models import Objective
from app.decisions.numbering import decision_reference
from app.decisions.objectives import (
    OBJECTIVE_FIELDS, create_objective, get_objective, list_objectives, measured_day, objective_overview,
    objective_progress, report_objective_value, update_objective,
)
from app.decisions.rows import decision_list_row, outcome_label, voter_name
from app.decisions.services import (
    create_decision, decision_period, decision_years, get_decision, list_decision_versions, list_decisions,
    record_votes, update_decision,
)
from app.bodies import house_style
from app.exports.minutes_docx import build_decision_list_docx
from app.meetings import queries
from app.meetings.attendance import quorum, voters
from app.minutes.locks import is_locked
from app.exports.responses import DOCX, download
from app.minutes import services as minutes


def _filters() -> dict:
    """The list's filters as the query string names them (?from=&to= for the period)."""
    args = request.args
    return {"body": args.get("body") or None, "year": args.get("year") or None,
            "action_line": args.get("action_line") or None, "from": args.get("from") or None,
            "to": args.get("to") or None}


def _listed_decisions(filters: dict, meeting) -> list:
    return list_decisions(current_user, body=filters["body"], year=filters["year"],
                          action_line=filters["action_line"], meeting_id=meeting.id if meeting else None,
                          date_from=filters["from"], date_to=filters["to"])


def _listed_meeting():
    """The meeting whose decisions are listed (?meeting=), or None for all meetings."""
    meeting_id = request.args.get("meeting", type=int)
    return queries.get_meeting(current_user, meeting_id) if meeting_id else None


def _filter_lines(filters: dict) -> list[str]:
    lines = []
    if filters["body"]:
        lines.append(get_body(filters["body"]).name)
    if filters["year"]:
        lines.append(_("Jaar %(year)s", year=filters["year"]))
    if filters["action_line"]:
        line = parse_action_line(filters["action_line"])
        lines.append(_("Actielijn %(label)s", label=line.label))
    first, last = (day.strftime("%d-%m-%Y") if day else "" for day in decision_period(filters["from"], filters["to"]))
    if first and last:
        lines.append(_("Periode: %(first)s – %(last)s", first=first, last=last))
    elif first or last:
        lines.append(_("Vanaf %(date)s", date=first) if first else _("Tot en met %(date)s", date=last))
    return lines


# --- what the decision, objective and action pages share -----------------------------------------

def editable(obj):
    """`obj`, for a page that changes it; a 403 for one who may only read it."""
    if not can(current_user, EDIT, obj):
        abort(403)
    return obj


def report_page(form, call, success: str, target: str, show):
    """The page of an objective or an action: whoever may read it sees it, a signed-in user with the
    right reports progress on it with `form`. Once the service (`call`) accepts the report: flash
    `success` and go to `target`; otherwise `show(result)` renders the page (again)."""
    if request.method == "POST" and not current_user.is_authenticated:
        raise Unauthenticated(_("Aanmelden is nodig."))
    result = submit(form, call)
    if result.ok:
        flash(success, "success")
        return redirect(target)
    return show(result)


# --- decisions -----------------------------------------------------------------------------------

@bp.get("/decisions")
def index():
    """The decision list (besluitenlijst) of all meetings, or of one (?meeting=), with filters."""
    filters, meeting = _filters(), _listed_meeting()
    listed = run(lambda: _listed_decisions(filters, meeting))
    return render_template("decisions/index.html", decisions=listed.value or [], filters=filters, meeting=meeting,
                           bodies=list_bodies(), action_lines=list_action_lines(),
                           years=decision_years(), error=listed.error), 400 if listed.error else 200


@bp.get("/decisions.docx")
def index_docx():
    """The decision list as Word: a table of the decisions the reader may see (a 400 for a bad filter)."""
    filters, meeting = _filters(), _listed_meeting()
    decisions = _listed_decisions(filters, meeting)
    lines = _filter_lines(filters)
    body_id = meeting.body_id if meeting else (get_body(filters["body"]).id if filters["body"] else None)
    if meeting:
        lines.insert(0, f"{meeting.body.name}, {to_local(meeting.start_at).strftime('%d-%m-%Y')}")
    day = today()
    data = build_decision_list_docx(_("Besluitenlijst"), lines,
                                    [decision_list_row(current_user, d, day) for d in decisions],
                                    house_style.letterhead(body_id),
                                    day=to_local(meeting.start_at).date() if meeting else day)
    return download(data, f"besluitenlijst{'-' + str(meeting.id) if meeting else ''}.docx", DOCX)


@bp.get("/meetings/<int:meeting_id>/decisions.docx")
def meeting_docx(meeting_id: int):
    return redirect(url_for("decisions.index_docx", meeting=meeting_id))


@bp.get("/decisions/<int:decision_id>")
def show(decision_id: int):
    """A decision with its trail: agenda item, meeting, minutes; its actions and their objectives."""
    decision = get_decision(current_user, decision_id)
    return _show_page(decision, vote_form_for(decision), {v.user_id: v.choice for v in decision.votes})


def _show_page(decision, vote_form: VoteForm, member_votes: dict, vote_error: str | None = None, status: int = 200):
    item = decision.agenda_item
    edit_form = DecisionForm(obj=None)
    edit_form.action_line.choices = action_line_choices()
    edit_form.text.data = decision.text
    edit_form.action_line.data = str(decision.action_line.number) if decision.action_line else ""
    can_edit = can(current_user, EDIT, decision)
    present = voters(item.meeting) if can_edit else []
    return render_template(
        "decisions/show.html", decision=decision, item=item, meeting=item.meeting,
        minutes=minutes.get_minutes(item), actions=[a for a in decision.actions if can(current_user, VIEW, a)],
        edit_form=edit_form, vote_form=vote_form, action_form=action_form(current_user, decision.body_id),
        voters=present, quorum=quorum(item.meeting, present) if can_edit else None,
        member_votes=member_votes, vote_error=vote_error,
        locked=is_locked(item), can_edit=can_edit,
        versions=list_decision_versions(current_user, decision),
    ), status


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/decisions")
@login_required
def create(meeting_id: int, item_id: int):
    item = minutes.get_item(current_user, meeting_id, item_id)
    form = DecisionForm()
    form.action_line.choices = action_line_choices()
    submit_and_flash(form, lambda: create_decision(current_user, item, form.text.data, form.action_line.data or None,
                                                   reason=form.reason.data),
                     lambda decision: _("Besluit %(ref)s is bewaard.", ref=decision_reference(decision)))
    return redirect(url_for("minutes.edit", meeting_id=meeting_id, item_id=item_id, _anchor="decisions"))


@bp.post("/decisions/<int:decision_id>/edit")
@login_required
def update(decision_id: int):
    decision = get_decision(current_user, decision_id)
    form = DecisionForm()
    form.action_line.choices = action_line_choices()
    submit_and_flash(form, lambda: update_decision(current_user, decision, {
        "text": form.text.data, "action_line": form.action_line.data or None}, reason=form.reason.data),
                     _("Het besluit is bewaard."))
    return redirect(url_for("decisions.show", decision_id=decision_id))


@bp.post("/decisions/<int:decision_id>/vote")
@login_required
def vote(decision_id: int):
    """One way of voting per button: per member (vote-<user id> fields), the counts (secret when
    ticked), or unanimous. A refusal shows the page again with the message and nothing saved."""
    decision = get_decision(current_user, decision_id)
    form = VoteForm()
    if not form.validate_on_submit():
        abort(400)
    result = run(lambda: record_votes(current_user, decision, reason=form.reason.data,
                                      **vote_request(form, request.form)))
    if result.error:
        chosen = {int(key): value for key, value in posted_member_votes(request.form).items() if key.isdigit()}
        return _show_page(decision, form, chosen, vote_error=result.error, status=result.status)
    flash(_("De stemming is bewaard."), "success")
    return redirect(url_for("decisions.show", decision_id=decision_id, _anchor="vote"))


@bp.app_context_processor
def vote_helpers():
    return {"outcome_label": outcome_label, "voter_name": voter_name}


@bp.post("/decisions/<int:decision_id>/actions")
@login_required
def add_action(decision_id: int):
    decision = get_decision(current_user, decision_id)
    form = action_form(current_user, decision.body_id, formdata=request.form)
    result = submit_and_flash(form, lambda: create_action(current_user, action_data(form), decision=decision),
                              _("De actie is toegevoegd."))
    if result.ok:
        return redirect(url_for("actions.show", action_id=result.value.id))
    return redirect(url_for("decisions.show", decision_id=decision_id, _anchor="actions"))


# --- objectives ----------------------------------------------------------------------------------

def _objective_form(formdata=None, objective: Objective | None = None) -> ObjectiveForm:
    form = ObjectiveForm(formdata=formdata) if formdata is not None else ObjectiveForm()
    bodies = [b for b in (list_bodies() if current_user.is_authenticated else []) if can(current_user, EDIT, b)
              or (objective is not None and b.id == objective.body_id)]
    form.body.choices = options([(b.slug, b.name) for b in bodies])
    form.action_line.choices = options([(str(line.number), line.label) for line in list_action_lines()])
    return form


@bp.get("/objectives")
def objectives():
    line = request.args.get("action_line") or None
    items = [(o, objective_progress(o)) for o in list_objectives(current_user, action_line=line)]
    return render_template("decisions/objectives.html", objectives=items, action_lines=list_action_lines(),
                           selected_line=line, can_create=any(can(current_user, EDIT, b) for b in bodies_of(current_user)))


@bp.route("/objectives/new", methods=["GET", "POST"])
@login_required
def new_objective():
    form = _objective_form(request.form if request.method == "POST" else None)
    if request.method == "GET" and request.args.get("action_line"):
        form.action_line.data = request.args["action_line"]
    if not form.body.choices:
        abort(403)
    return form_page("decisions/objective_form.html", form,
                     lambda: create_objective(current_user, get_body(form.body.data), _objective_data(form)),
                     _("De doelstelling is bewaard."),
                     lambda created: url_for("decisions.objective", objective_id=created.id), objective=None)


@bp.route("/objectives/<int:objective_id>/edit", methods=["GET", "POST"])
@login_required
def edit_objective(objective_id: int):
    objective = editable(get_objective(current_user, objective_id))
    form = _objective_form(request.form if request.method == "POST" else None, objective)
    del form.body  # an objective stays with its body
    if request.method == "GET":
        form.action_line.data = str(objective.action_line.number)
        for name in ("title", "description", "indicator", "unit"):
            getattr(form, name).data = getattr(objective, name)
        form.baseline.data = "" if objective.baseline is None else f"{objective.baseline:g}"
        form.target.data = "" if objective.target is None else f"{objective.target:g}"
        form.target_date.data = objective.target_date.isoformat() if objective.target_date else ""
        form.is_public.data = objective.is_public
        form.sums_actions.data = objective.sums_actions
    return form_page("decisions/objective_form.html", form,
                     lambda: update_objective(current_user, objective, _objective_data(form)),
                     _("De doelstelling is bewaard."), url_for("decisions.objective", objective_id=objective.id),
                     objective=objective)


def _objective_data(form: ObjectiveForm) -> dict:
    return {name: getattr(form, name).data for name in OBJECTIVE_FIELDS}


@bp.route("/objectives/<int:objective_id>", methods=["GET", "POST"])
def objective(objective_id: int):
    """An objective: its value, measurements (or its actions' contributions) and the form to measure."""
    objective = get_objective(current_user, objective_id)
    form = MeasurementForm()
    return report_page(
        form, lambda: report_objective_value(current_user, objective, form.value.data, form.comment.data,
                                             form.measured_on.data),
        _("De meting is bewaard."), url_for("decisions.objective", objective_id=objective_id),
        lambda result: show_again("decisions/objective.html", form, result, objective=objective,
                                  can_measure=can(current_user, REPORT_PROGRESS, objective),
                                  can_edit=can(current_user, EDIT, objective), measured_day=measured_day,
                                  **objective_overview(current_user, objective)))

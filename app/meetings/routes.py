"""Meeting pages: lists, a body's page, the agenda editor, attendance, Word and iCalendar."""
from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.bodies import services as bodies
from app.core.errors import Conflict, Invalid, NotAllowed
from app.core.markdown import markdown_to_html
from app.core.permissions import EDIT, PUBLISH, VIEW, can, is_anonymous
from app.core.workflow import MEETING_WORKFLOW, history
from app.bodies import house_style
from app.exports.responses import DOCX, ICS, download
from app.meetings import bp, services
from app.meetings.exports import agenda_docx, agenda_filename, meetings_ics
from app.meetings.forms import ItemForm, MeetingForm, SkipForm


def _wants_json() -> bool:
    return request.accept_mimetypes.best == "application/json"


class _LoginNeeded(Exception):
    """An anonymous visitor asked for something members may read: offer the login page."""


def _meeting(meeting_id: int):
    try:
        return services.get_meeting(current_user, meeting_id)
    except NotAllowed:
        if is_anonymous(current_user) and not _wants_json():
            raise _LoginNeeded()
        raise


@bp.app_errorhandler(_LoginNeeded)
def _to_login(_error):
    return redirect(url_for("auth.login", next=request.full_path.rstrip("?")))


def _back(meeting, anchor="agenda"):
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor=anchor))


def _act(meeting, action, success: str, anchor="agenda"):
    """Run a small agenda action posted from a button; a refusal becomes a message on the agenda."""
    try:
        action()
    except (Invalid, Conflict) as error:
        if _wants_json():
            raise
        flash(error.message, "error")
        return _back(meeting, anchor)
    if _wants_json():
        return jsonify({"ok": True, "agenda_version": meeting.agenda_version})
    flash(success, "success")
    return _back(meeting, anchor)


# --- lists ---------------------------------------------------------------------------------------

@bp.get("/meetings")
def index():
    meetings = services.visible_meetings(current_user)
    upcoming, past = services.split_upcoming(meetings)
    per_body = []
    for body in bodies.list_bodies():
        mine_up = [m for m in upcoming if m.body_id == body.id]
        mine_past = [m for m in past if m.body_id == body.id]
        if mine_up or mine_past or can(current_user, EDIT, body):
            per_body.append((body, mine_up, services.by_year(mine_past)))
    return render_template("meetings/index.html", per_body=per_body, upcoming=upcoming)


@bp.get("/bodies/<slug>")
def body(slug: str):
    body = bodies.get_body(slug)
    meetings = services.visible_meetings(current_user, body)
    upcoming, past = services.split_upcoming(meetings)
    years = services.body_year_counts(body, meetings)
    return render_template(
        "meetings/body.html", body=body, upcoming=upcoming, past_by_year=services.by_year(past),
        years=years, members=bodies.members_of(body) if not is_anonymous(current_user) else [],
        may_edit=can(current_user, EDIT, body),
    )


# --- planning ------------------------------------------------------------------------------------

@bp.route("/bodies/<slug>/meetings/new", methods=["GET", "POST"])
@login_required
def new(slug: str):
    body = bodies.get_body(slug)
    if not can(current_user, EDIT, body):
        raise NotAllowed(_("U mag voor dit orgaan geen vergaderingen plannen."))
    form = MeetingForm()
    status = 200
    if form.validate_on_submit():
        start, end = services.combine_local(form.date.data, form.start_time.data, form.end_time.data)
        try:
            meeting = services.create_meeting(
                current_user, body.slug, start, end, form.location.data, form.online_url.data,
                form.title.data, form.is_public.data)
        except (Invalid, Conflict) as error:
            form.form_errors.append(error.message)
            status = 400
        else:
            flash(_("De vergadering is gepland. De vaste agendapunten staan al op de agenda."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    elif request.method == "POST":
        status = 400
    return render_template("meetings/meeting_form.html", form=form, body=body, meeting=None), status


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    meeting = _meeting(meeting_id)
    if not can(current_user, EDIT, meeting):
        raise NotAllowed(_("U mag deze vergadering niet wijzigen."))
    form = MeetingForm()
    status = 200
    if request.method == "GET":
        parts = services.local_parts(meeting)
        form.title.data, form.location.data = meeting.title, meeting.location
        form.online_url.data, form.is_public.data = meeting.online_url, meeting.is_public
        form.date.data, form.start_time.data, form.end_time.data = parts["date"], parts["start_time"], parts["end_time"]
        form.agenda_version.data = meeting.agenda_version
    elif form.validate_on_submit():
        start, end = services.combine_local(form.date.data, form.start_time.data, form.end_time.data)
        try:
            services.update_meeting(current_user, meeting, {
                "title": form.title.data, "start": start, "end": end, "location": form.location.data,
                "online_url": form.online_url.data, "is_public": form.is_public.data,
            }, form.agenda_version.data)
        except (Invalid, Conflict) as error:
            form.form_errors.append(error.message)
            status = 409 if isinstance(error, Conflict) else 400
        else:
            flash(_("De vergadering is bijgewerkt."), "success")
            return redirect(url_for("meetings.show", meeting_id=meeting.id))
    else:
        status = 400
    return render_template("meetings/meeting_form.html", form=form, body=meeting.body, meeting=meeting), status


# --- the meeting and its agenda --------------------------------------------------------------------

@bp.get("/meetings/<int:meeting_id>")
def show(meeting_id: int):
    meeting = _meeting(meeting_id)
    items = services.visible_items(current_user, meeting)
    may_edit = can(current_user, EDIT, meeting) and meeting.state in services.EDITABLE_STATES
    other_bodies = [b for b in bodies.list_bodies() if b.id != meeting.body_id] if may_edit else []
    return render_template(
        "meetings/show.html", meeting=meeting, items=items, may_edit=may_edit,
        may_record=can(current_user, EDIT, meeting),
        transitions=services.available_transitions(current_user, meeting),
        state_title=MEETING_WORKFLOW.state_title(meeting.state),
        history=history(meeting, "meeting") if can(current_user, PUBLISH, meeting) else [],
        workflow=MEETING_WORKFLOW,
        number=services.meeting_number_in_year(meeting),
        quorum=services.quorum(meeting), attendance=services.attendance_rows(meeting)
        if not is_anonymous(current_user) else [],
        other_bodies=other_bodies, services=services,
        feedback_links=lambda item: [d for d in item.feedback_decisions if can(current_user, VIEW, d)],
    )


def _item_form_page(meeting, item=None):
    form = ItemForm(obj=None)
    form.set_action_lines(bodies.list_action_lines())
    status = 200
    if request.method == "GET":
        form.agenda_version.data = meeting.agenda_version
        if item is not None:
            form.title.data, form.description.data, form.kind.data = item.title, item.description, item.kind
            form.presenter.data, form.duration.data, form.public.data = item.presenter, item.duration_minutes, item.is_public
            form.action_line.data = item.action_line.number if item.action_line else 0
    elif form.validate_on_submit():
        try:
            if item is None:
                item = services.add_item(current_user, meeting, form.data_for_service(), form.agenda_version.data)
                flash(_("Het agendapunt is toegevoegd."), "success")
            else:
                services.update_item(current_user, item, form.data_for_service(), form.agenda_version.data)
                flash(_("Het agendapunt is bijgewerkt."), "success")
        except (Invalid, Conflict) as error:
            form.form_errors.append(error.message)
            status = 409 if isinstance(error, Conflict) else 400
        else:
            return _back(meeting, f"item-{item.id}")
    else:
        status = 400
    return render_template("meetings/item_form.html", form=form, meeting=meeting, item=item), status


@bp.route("/meetings/<int:meeting_id>/items/new", methods=["GET", "POST"])
@login_required
def new_item(meeting_id: int):
    meeting = _meeting(meeting_id)
    if not can(current_user, EDIT, meeting):
        raise NotAllowed(_("U mag deze agenda niet wijzigen."))
    return _item_form_page(meeting)


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    if not can(current_user, EDIT, item):
        raise NotAllowed(_("U mag deze agenda niet wijzigen."))
    return _item_form_page(meeting, item)


def _posted_version():
    return request.form.get("agenda_version", "")


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/delete")
@login_required
def delete_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    return _act(meeting, lambda: services.remove_item(current_user, item, _posted_version()),
                _("Het agendapunt is verwijderd."))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/move")
@login_required
def move_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    direction = request.form.get("direction")
    if direction in ("up", "down"):
        action = lambda: services.move_item_by(current_user, item, -1 if direction == "up" else 1, _posted_version())  # noqa: E731
    else:
        action = lambda: services.move_item(current_user, item, request.form.get("position"), _posted_version())  # noqa: E731
    return _act(meeting, action, _("Het agendapunt is verplaatst."), f"item-{item.id}")


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/skip", methods=["GET", "POST"])
@login_required
def skip_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    form = SkipForm()
    status = 200
    if request.method == "GET":
        form.agenda_version.data = meeting.agenda_version
    elif form.validate_on_submit():
        try:
            services.skip_item(current_user, item, form.reason.data, form.agenda_version.data)
        except (Invalid, Conflict) as error:
            form.form_errors.append(error.message)
            status = 409 if isinstance(error, Conflict) else 400
        else:
            flash(_("Het agendapunt wordt deze keer overgeslagen."), "success")
            return _back(meeting, f"item-{item.id}")
    else:
        status = 400
    return render_template("meetings/skip_form.html", form=form, meeting=meeting, item=item), status


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/unskip")
@login_required
def unskip_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    return _act(meeting, lambda: services.unskip_item(current_user, item, _posted_version()),
                _("Het agendapunt staat weer op de agenda."), f"item-{item.id}")


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/postpone")
@login_required
def postpone_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    return _act(meeting, lambda: services.postpone_item(current_user, item, _posted_version()),
                _("Het agendapunt is uitgesteld naar de volgende vergadering."), f"item-{item.id}")


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/refer")
@login_required
def refer_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = services.get_item(current_user, meeting, item_id)
    return _act(meeting, lambda: services.refer_item(current_user, item, request.form.get("body", "")),
                _("Het agendapunt is doorverwezen naar de volgende vergadering van dat orgaan."), f"item-{item.id}")


@bp.post("/meetings/<int:meeting_id>/transition")
@login_required
def transition(meeting_id: int):
    meeting = _meeting(meeting_id)
    return _act(meeting, lambda: services.transition_meeting(
        current_user, meeting, request.form.get("transition", ""), request.form.get("comment", "")),
        _("De toestand van de vergadering is gewijzigd."), "status")


@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance(meeting_id: int):
    meeting = _meeting(meeting_id)
    if not can(current_user, EDIT, meeting):
        raise NotAllowed(_("U mag de aanwezigheden niet bijhouden."))
    rows = services.attendance_rows(meeting)
    status, error_message = 200, None
    if request.method == "POST":
        entries = [{
            "user_id": row["user"].id,
            "status": request.form.get(f"status-{row['user'].id}", ""),
            "substitute_id": request.form.get(f"substitute-{row['user'].id}") or None,
        } for row in rows]
        try:
            services.record_attendance(current_user, meeting, entries)
        except Invalid as error:
            error_message, status = error.message, 400
        else:
            flash(_("De aanwezigheden zijn opgeslagen."), "success")
            return _back(meeting, "attendance")
    from app.auth.services import list_users

    return render_template("meetings/attendance.html", meeting=meeting, rows=rows, users=list_users(),
                           quorum=services.quorum(meeting), error_message=error_message), status


@bp.post("/meetings/preview")
@login_required
def preview():
    """Markdown preview for the item editor (meetings.js); the same sanitiser as the pages."""
    text = request.form.get("text")
    if text is None:
        data = request.get_json(silent=True) or {}
        text = data.get("text", "")
    return jsonify({"html": markdown_to_html(str(text)[:100_000])})


# --- exports -------------------------------------------------------------------------------------

@bp.get("/meetings/<int:meeting_id>/agenda.docx")
def agenda_word(meeting_id: int):
    meeting = _meeting(meeting_id)
    data = agenda_docx(meeting, services.visible_items(current_user, meeting),
                       template_path=house_style.template_path(meeting.body_id))
    return download(data, agenda_filename(meeting), DOCX)


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    meeting = _meeting(meeting_id)
    return download(meetings_ics([meeting], meeting.title or meeting.body.name), f"vergadering-{meeting.id}.ics", ICS)


@bp.get("/bodies/<slug>/meetings.ics")
def body_ics(slug: str):
    body = bodies.get_body(slug)
    meetings = services.visible_meetings(current_user, body)
    return Response(meetings_ics(meetings, body.name), mimetype=ICS,
                    headers={"Content-Disposition": f'inline; filename="{body.slug}.ics"'})

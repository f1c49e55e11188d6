"""Meeting pages: lists, a body's page, the agenda editor, attendance, Word and iCalendar."""
from flask import Response, flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.bodies import services as bodies
from app.core.errors import NotAllowed, Unauthenticated, wants_json
from app.core.forms import Submission, form_page, run
from app.core.markdown import markdown_to_html
from app.core.permissions import EDIT, can, is_anonymous
from app.core.workflow import MEETING_WORKFLOW
from app.bodies import house_style
from app.exports.pdf import PDF, docx_to_pdf
from app.exports.responses import DOCX, ICS, download
from app.meetings import agenda, attendance as attendance_service, bp, queries, services, yearly
from app.meetings.exports import agenda_docx, agenda_filename, meetings_ics
from app.meetings.overview import meeting_overview
from app.meetings.forms import ItemForm, MeetingForm, SkipForm


def _meeting(meeting_id: int):
    """The meeting, or for an anonymous visitor who may not read it: sign in first."""
    try:
        return queries.get_meeting(current_user, meeting_id)
    except NotAllowed as refusal:
        if is_anonymous(current_user):
            raise Unauthenticated(refusal.message)
        raise


def _editable_meeting(meeting_id: int, refusal: str):
    """The meeting, for a page that changes it: `refusal` says why not to one who may only read it."""
    meeting = _meeting(meeting_id)
    if not can(current_user, EDIT, meeting):
        raise NotAllowed(refusal)
    return meeting


def _back(meeting, anchor="agenda"):
    return redirect(url_for("meetings.show", meeting_id=meeting.id, _anchor=anchor))


def _act(meeting, action, success: str, anchor="agenda"):
    """Run a small agenda action posted from a button; a refusal becomes a message on the agenda."""
    if wants_json():
        action()  # a refusal reaches the error handler as a JSON error
        return jsonify({"ok": True, "agenda_version": meeting.agenda_version})
    result = run(action)
    if result.error:
        flash(result.error, "error")
        return _back(meeting, anchor)
    flash(success, "success")
    return _back(meeting, anchor)


# --- lists ---------------------------------------------------------------------------------------

@bp.get("/meetings")
def index():
    meetings = queries.visible_meetings(current_user)
    upcoming, past = queries.split_upcoming(meetings)
    per_body = []
    for body in bodies.list_bodies():
        mine_up = [m for m in upcoming if m.body_id == body.id]
        mine_past = [m for m in past if m.body_id == body.id]
        if mine_up or mine_past or can(current_user, EDIT, body):
            per_body.append((body, mine_up, queries.by_year(mine_past)))
    return render_template("meetings/index.html", per_body=per_body, upcoming=upcoming)


@bp.get("/bodies/<slug>")
def body(slug: str):
    body = bodies.get_body(slug)
    meetings = queries.visible_meetings(current_user, body)
    upcoming, past = queries.split_upcoming(meetings)
    years = yearly.body_year_counts(body, meetings)
    return render_template(
        "meetings/body.html", body=body, upcoming=upcoming, past_by_year=queries.by_year(past),
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
    return form_page("meetings/meeting_form.html", form, lambda: services.create_meeting(
        current_user, body.slug, *services.combine_local(form.date.data, form.start_time.data, form.end_time.data),
        form.location.data, form.online_url.data, form.title.data, form.is_public.data),
        _("De vergadering is gepland. De vaste agendapunten staan al op de agenda."),
        lambda created: url_for("meetings.show", meeting_id=created.id), body=body, meeting=None)


@bp.route("/meetings/<int:meeting_id>/edit", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int):
    meeting = _editable_meeting(meeting_id, _("U mag deze vergadering niet wijzigen."))
    form = MeetingForm()
    if request.method == "GET":
        parts = services.local_parts(meeting)
        form.title.data, form.location.data = meeting.title, meeting.location
        form.online_url.data, form.is_public.data = meeting.online_url, meeting.is_public
        form.date.data, form.start_time.data, form.end_time.data = parts["date"], parts["start_time"], parts["end_time"]
        form.agenda_version.data = meeting.agenda_version

    def save():
        start, end = services.combine_local(form.date.data, form.start_time.data, form.end_time.data)
        return services.update_meeting(current_user, meeting, {
            "title": form.title.data, "start": start, "end": end, "location": form.location.data,
            "online_url": form.online_url.data, "is_public": form.is_public.data,
        }, form.agenda_version.data)

    return form_page("meetings/meeting_form.html", form, save, _("De vergadering is bijgewerkt."),
                     url_for("meetings.show", meeting_id=meeting.id), body=meeting.body, meeting=meeting)


# --- the meeting and its agenda --------------------------------------------------------------------

@bp.get("/meetings/<int:meeting_id>")
def show(meeting_id: int):
    meeting = _meeting(meeting_id)
    overview = meeting_overview(current_user, meeting)
    other_bodies = ([b for b in bodies.list_bodies() if b.id != meeting.body_id]
                    if overview.may_edit_agenda else [])
    return render_template("meetings/show.html", meeting=meeting, overview=overview, other_bodies=other_bodies,
                           workflow=MEETING_WORKFLOW)


def _item_form_page(meeting, item=None):
    form = ItemForm(obj=None)
    form.set_action_lines(bodies.list_action_lines())
    if request.method == "GET":
        form.agenda_version.data = meeting.agenda_version
        if item is not None:
            form.title.data, form.description.data, form.kind.data = item.title, item.description, item.kind
            form.presenter.data, form.duration.data, form.public.data = item.presenter, item.duration_minutes, item.is_public
            form.action_line.data = item.action_line.number if item.action_line else 0
    if item is None:
        call, success = (lambda: agenda.add_item(current_user, meeting, form.data_for_service(),
                                                 form.agenda_version.data)), _("Het agendapunt is toegevoegd.")
    else:
        call, success = (lambda: agenda.update_item(current_user, item, form.data_for_service(),
                                                    form.agenda_version.data)), _("Het agendapunt is bijgewerkt.")
    return form_page("meetings/item_form.html", form, call, success, lambda saved: _item_url(meeting, saved),
                     meeting=meeting, item=item)


def _item_url(meeting, item) -> str:
    return url_for("meetings.show", meeting_id=meeting.id, _anchor=f"item-{item.id}")


@bp.route("/meetings/<int:meeting_id>/items/new", methods=["GET", "POST"])
@login_required
def new_item(meeting_id: int):
    meeting = _editable_meeting(meeting_id, _("U mag deze agenda niet wijzigen."))
    return _item_form_page(meeting)


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/edit", methods=["GET", "POST"])
@login_required
def edit_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = queries.get_item(current_user, meeting, item_id)
    if not can(current_user, EDIT, item):
        raise NotAllowed(_("U mag deze agenda niet wijzigen."))
    return _item_form_page(meeting, item)


def _posted_version():
    return request.form.get("agenda_version", "")


def _move(item):
    """One place up or down (the arrows), or to a position (drag and drop in meetings.js)."""
    direction = request.form.get("direction")
    if direction in ("up", "down"):
        return agenda.move_item_by(current_user, item, -1 if direction == "up" else 1, _posted_version())
    return agenda.move_item(current_user, item, request.form.get("position"), _posted_version())


#: the buttons on an agenda item, posted to .../items/<id>/<verb> (endpoint `<verb>_item`):
#: the service call and the message once done; the page scrolls back to the item
#: (removing an item asks for confirmation first: see confirm_routes.py)
_ITEM_BUTTONS = {
    "move": (_move, _l("Het agendapunt is verplaatst.")),
    "unskip": (lambda item: agenda.unskip_item(current_user, item, _posted_version()),
               _l("Het agendapunt staat weer op de agenda.")),
    "postpone": (lambda item: agenda.postpone_item(current_user, item, _posted_version()),
                 _l("Het agendapunt is uitgesteld naar de volgende vergadering.")),
    "refer": (lambda item: agenda.refer_item(current_user, item, request.form.get("body", "")),
              _l("Het agendapunt is doorverwezen naar de volgende vergadering van dat orgaan.")),
}


def item_button(meeting_id: int, item_id: int, verb: str):
    meeting = _meeting(meeting_id)
    item = queries.get_item(current_user, meeting, item_id)
    call, success = _ITEM_BUTTONS[verb]
    return _act(meeting, lambda: call(item), str(success), f"item-{item.id}")


for _verb in _ITEM_BUTTONS:
    bp.add_url_rule(f"/meetings/<int:meeting_id>/items/<int:item_id>/{_verb}", f"{_verb}_item",
                    login_required(item_button), methods=["POST"], defaults={"verb": _verb})


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/skip", methods=["GET", "POST"])
@login_required
def skip_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = queries.get_item(current_user, meeting, item_id)
    form = SkipForm()
    if request.method == "GET":
        form.agenda_version.data = meeting.agenda_version
    return form_page("meetings/skip_form.html", form,
                     lambda: agenda.skip_item(current_user, item, form.reason.data, form.agenda_version.data),
                     _("Het agendapunt wordt deze keer overgeslagen."), _item_url(meeting, item),
                     meeting=meeting, item=item)



@bp.route("/meetings/<int:meeting_id>/attendance", methods=["GET", "POST"])
@login_required
def attendance(meeting_id: int):
    meeting = _editable_meeting(meeting_id, _("U mag de aanwezigheden niet bijhouden."))
    rows = attendance_service.attendance_rows(meeting)
    result = Submission(posted=False)
    if request.method == "POST":
        entries = [{
            "user_id": row["user"].id,
            "status": request.form.get(f"status-{row['user'].id}", ""),
            "substitute_id": request.form.get(f"substitute-{row['user'].id}") or None,
            "substitute_name": request.form.get(f"guest-{row['user'].id}", ""),
        } for row in rows]
        result = run(lambda: attendance_service.record_attendance(current_user, meeting, entries))
        if result.ok:
            flash(_("De aanwezigheden zijn opgeslagen."), "success")
            return _back(meeting, "attendance")
    return render_template("meetings/attendance.html", meeting=meeting, rows=rows,
                           users=attendance_service.substitute_choices(meeting),
                           quorum=attendance_service.quorum(meeting), error_message=result.error), result.status


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
    data = agenda_docx(meeting_overview(current_user, meeting),
                       house_style.letterhead(meeting.body_id))
    return download(data, agenda_filename(meeting), DOCX)


@bp.get("/meetings/<int:meeting_id>/agenda.pdf")
def agenda_pdf(meeting_id: int):
    """The Word agenda above, converted by LibreOffice (a 503 saying so where it is missing)."""
    meeting = _meeting(meeting_id)
    data = agenda_docx(meeting_overview(current_user, meeting),
                       house_style.letterhead(meeting.body_id))
    return download(docx_to_pdf(data), agenda_filename(meeting).removesuffix(".docx") + ".pdf", PDF)


@bp.get("/meetings/<int:meeting_id>.ics")
def meeting_ics(meeting_id: int):
    meeting = _meeting(meeting_id)
    return download(meetings_ics([meeting], meeting.title or meeting.body.name, current_user),
                    f"vergadering-{meeting.id}.ics", ICS)


@bp.get("/bodies/<slug>/meetings.ics")
def body_ics(slug: str):
    body = bodies.get_body(slug)
    meetings = queries.visible_meetings(current_user, body)
    return Response(meetings_ics(meetings, body.name, current_user), mimetype=ICS,
                    headers={"Content-Disposition": f'inline; filename="{body.slug}.ics"'})

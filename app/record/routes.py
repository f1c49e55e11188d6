"""Minutes pages: the whole minutes, revisions, approval, locking, the draft for comment, the Word
export, house style (the editor of one item: editor_routes.py and inline.py)."""
from flask import Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from flask_wtf import FlaskForm

from app.bodies import house_style
from app.bodies.logo import MAX_LOGO_BYTES
from app.bodies.services import get_body
from app.core.forms import run
from app.core.permissions import EDIT, MANAGE, VIEW, can, require
from app.core.timeutil import to_local
from app.decisions import actions, rows
from app.decisions.numbering import decision_reference
from app.exports.minutes_docx import build_minutes_docx
from app.exports.pdf import PDF, docx_to_pdf
from app.exports.responses import DOCX, download
from app.meetings import queries
from app.meetings.confirm_routes import ask, available_step, confirmed
from app.minutes import services
from app.minutes import comments
from app.minutes.approval import approve_minutes, approve_previous_minutes
from app.minutes.forms import ApproveForm, FollowUpForm, HouseStyleForm, LogoForm, ReasonForm
from app.minutes.locks import is_locked
from app.minutes.models import MeetingMinutes
from app.record import bp
from app.record.export import minutes_export_data
from app.record.page import minutes_page


def _button(form, call, success: str, target: str):
    """A small form posted from a page (restore, approve, lock, follow-up): run the service with
    the valid form, flash the outcome, go back. A broken form is a 400, a refusal a 403."""
    if not form.validate_on_submit():
        abort(400)
    result = run(lambda: call(form))
    flash(result.error or success, "error" if result.error else "success")
    return redirect(target)


@bp.get("/meetings/<int:meeting_id>/minutes")
def meeting_minutes(meeting_id: int):
    """The whole minutes of a meeting: each item's treatment, its decisions, the open actions."""
    meeting = queries.get_meeting(current_user, meeting_id)
    return render_template("minutes/meeting.html", page=minutes_page(current_user, meeting),
                           approve_form=ApproveForm(), follow_form=FollowUpForm())


@bp.get("/meetings/<int:meeting_id>/items/<int:item_id>/minutes/revisions")
def revisions(meeting_id: int, item_id: int):
    item = services.get_item(current_user, meeting_id, item_id)
    revisions = services.list_revisions(current_user, item)
    diff, old, new = None, request.args.get("old", type=int), request.args.get("new", type=int)
    if old and new:
        diff = services.compare_revisions(current_user, item, old, new)
    elif len(revisions) >= 2:
        old, new = revisions[-2].number, revisions[-1].number
    shown = None
    if request.args.get("show", type=int):
        shown = services.get_revision(current_user, item, request.args.get("show", type=int))
    return render_template("minutes/revisions.html", item=item, meeting=item.meeting, revisions=revisions,
                           diff=diff, old=old, new=new, shown=shown, restore_form=ReasonForm(),
                           locked=is_locked(item), can_edit=can(current_user, EDIT, item))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/minutes/revisions/<int:number>/restore")
@login_required
def restore(meeting_id: int, item_id: int, number: int):
    item = services.get_item(current_user, meeting_id, item_id)
    return _button(ReasonForm(), lambda form: services.restore_revision(current_user, item, number, form.reason.data),
                   _("Versie %(n)d is teruggezet.", n=number),
                   url_for("minutes.revisions", meeting_id=meeting_id, item_id=item_id))


@bp.post("/meetings/<int:meeting_id>/approve-previous")
@login_required
def approve_previous(meeting_id: int):
    """Approve the previous meeting's minutes from this meeting's approval item; like the meeting
    page's button, the first post asks for confirmation (the same page), the confirmed one approves."""
    meeting = queries.get_meeting(current_user, meeting_id)
    previous = queries.previous_meeting(meeting)
    step = available_step(current_user, previous, "approve_minutes") if previous is not None else None
    if step is not None and not confirmed():
        return ask(previous, step)
    return _button(ApproveForm(), lambda form: approve_previous_minutes(current_user, meeting, form.comment.data),
                   _("Het verslag van de vorige vergadering is goedgekeurd en vergrendeld."),
                   url_for("minutes.meeting_minutes", meeting_id=meeting_id))


@bp.post("/meetings/<int:meeting_id>/minutes/approve")
@login_required
def approve(meeting_id: int):
    """Approve the minutes being read, from their page: as on the meeting page, the first post asks
    for confirmation, the confirmed one approves (the workflow's own transition)."""
    meeting = queries.get_meeting(current_user, meeting_id)
    step = available_step(current_user, meeting, "approve_minutes")
    if step is not None and not confirmed():
        return ask(meeting, step)
    return _button(ApproveForm(), lambda form: approve_minutes(current_user, meeting, form.comment.data),
                   _("Het verslag is goedgekeurd en vergrendeld."),
                   url_for("minutes.meeting_minutes", meeting_id=meeting_id))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/lock")
@login_required
def lock(meeting_id: int, item_id: int):
    item = services.get_item(current_user, meeting_id, item_id)
    return _button(ReasonForm(), lambda form: services.lock_item(current_user, item),
                   _("Het agendapunt is vergrendeld."), url_for("minutes.edit", meeting_id=meeting_id, item_id=item_id))


@bp.post("/meetings/<int:meeting_id>/actions/<int:action_id>/follow-up")
@login_required
def follow_up(meeting_id: int, action_id: int):
    """Record what the meeting said about an open action (kept in the action's history)."""
    meeting = queries.get_meeting(current_user, meeting_id)
    action = actions.get_action(current_user, action_id)
    require(current_user, EDIT, meeting)
    return _button(FollowUpForm(), lambda form: actions.report_progress(
        current_user, action, {"comment": form.comment.data, "status": form.status.data}, meeting=meeting),
        _("De opvolging is bewaard."),
        url_for("minutes.meeting_minutes", meeting_id=meeting_id, _anchor=f"action-{action_id}"))


# --- the draft for comment (art. 32 DLB) ----------------------------------------------------------

def _draft_page(meeting, status: int = 200, error: str | None = None, error_for: str = "", text: str = ""):
    """The draft minutes item by item with the members' remarks; a refused remark is shown again
    with its message beside the form it came from."""
    remarks = comments.list_comments(current_user, meeting)
    return render_template(
        "minutes/comments.html", meeting=meeting, items=queries.visible_items(current_user, meeting),
        minutes=services.minutes_by_item(meeting), remarks_by_item=comments.by_item(remarks),
        open=comments.is_open_for_comment(meeting), can_answer=can(current_user, EDIT, meeting),
        error=error, error_for=error_for, text=text), status


@bp.get("/meetings/<int:meeting_id>/minutes/comments")
@login_required
def draft_comments(meeting_id: int):
    return _draft_page(queries.get_meeting(current_user, meeting_id))


@bp.post("/meetings/<int:meeting_id>/minutes/comments")
@login_required
def add_draft_comment(meeting_id: int):
    meeting = queries.get_meeting(current_user, meeting_id)
    text, item = request.form.get("text", ""), request.form.get("item", "")
    result = run(lambda: comments.add_comment(current_user, meeting, text, item))
    if result.ok:
        flash(_("Uw opmerking is bewaard."), "success")
        return redirect(url_for("minutes.draft_comments", meeting_id=meeting_id, _anchor=f"comment-{result.value.id}"))
    return _draft_page(meeting, result.status, result.error, item, text)


@bp.post("/meetings/<int:meeting_id>/minutes/comments/<int:comment_id>/answer")
@login_required
def answer_comment(meeting_id: int, comment_id: int):
    """The secretariat answers a remark (from the draft page, or beside the item's minutes)."""
    meeting = queries.get_meeting(current_user, meeting_id)
    comment = comments.get_comment(current_user, meeting, comment_id)
    if request.form.get("back") == "item" and comment.agenda_item_id is not None:
        target = url_for("minutes.edit", meeting_id=meeting_id, item_id=comment.agenda_item_id,
                         _anchor=f"comment-{comment.id}")
    else:
        target = url_for("minutes.draft_comments", meeting_id=meeting_id, _anchor=f"comment-{comment.id}")
    return _button(FlaskForm(), lambda form: comments.answer_comment(current_user, comment, request.form.get("answer", "")),
                   _("De opmerking is behandeld."), target)


@bp.post("/meetings/<int:meeting_id>/minutes/share")
@login_required
def share_draft(meeting_id: int):
    meeting = queries.get_meeting(current_user, meeting_id)
    return _button(FlaskForm(), lambda form: comments.share_draft_minutes(current_user, meeting),
                   _("Het ontwerpverslag ligt nu ter inzage voor de leden."),
                   url_for("meetings.show", meeting_id=meeting_id, _anchor="draft-minutes"))


def _minutes_docx(meeting) -> bytes:
    """The minutes as the reader may see them, in the body's house style; "ONTWERP" in the header
    until they are approved."""
    require(current_user, VIEW, MeetingMinutes(meeting))  # draft minutes are never public
    return build_minutes_docx(minutes_export_data(current_user, meeting), house_style.letterhead(meeting.body_id),
                              day=to_local(meeting.start_at).date())


@bp.get("/meetings/<int:meeting_id>/minutes.docx")
def minutes_word(meeting_id: int):
    meeting = queries.get_meeting(current_user, meeting_id)
    filename = f"verslag-{meeting.body.slug}-{to_local(meeting.start_at).strftime('%Y-%m-%d')}.docx"
    return download(_minutes_docx(meeting), filename, DOCX)


@bp.get("/meetings/<int:meeting_id>/minutes.pdf")
def minutes_pdf(meeting_id: int):
    """The Word minutes above, converted by LibreOffice: the same checks (public only once approved)."""
    meeting = queries.get_meeting(current_user, meeting_id)
    filename = f"verslag-{meeting.body.slug}-{to_local(meeting.start_at).strftime('%Y-%m-%d')}.pdf"
    return download(docx_to_pdf(_minutes_docx(meeting)), filename, PDF)


def _house_style_page(body, form=None, logo_form=None, status: int = 200):
    return render_template("minutes/house_style.html", body=body, form=form or HouseStyleForm(),
                           logo_form=logo_form or LogoForm(), style=house_style.get_house_style(body.id)), status


def _removal(form, remove, message: str, slug: str):
    """The remove button of the template or the logo: a post with only the CSRF token."""
    if not form.csrf_token.validate(form):
        abort(400)
    remove()
    flash(message, "success")
    return redirect(url_for("minutes.house_style_page", slug=slug))


@bp.route("/bodies/<slug>/house-style", methods=["GET", "POST"])
@login_required
def house_style_page(slug: str):
    """A beheerder uploads the body's Word template; every export then uses its styles."""
    body = get_body(slug)
    require(current_user, MANAGE, body)
    form = HouseStyleForm()
    status = 200
    if request.method == "POST" and request.form.get("remove") == "1":
        return _removal(form, lambda: house_style.remove_house_style(current_user, body),
                        _("Het sjabloon is verwijderd; de ingebouwde stijl wordt gebruikt."), slug)
    if form.validate_on_submit():
        upload = form.file.data
        result = run(lambda: house_style.save_house_style(
            current_user, body, upload.read(house_style.MAX_TEMPLATE_BYTES + 1), upload.filename or ""))
        if result.error:
            form.file.errors.append(result.error)
            status = 400
        else:
            flash(_("Het sjabloon is opgeladen."), "success")
            return redirect(url_for("minutes.house_style_page", slug=slug))
    elif request.method == "POST":
        status = 400
    return _house_style_page(body, form=form, status=status)


@bp.post("/bodies/<slug>/house-style/logo")
@login_required
def house_style_logo(slug: str):
    """Upload, replace or remove the body's logo (PNG or JPEG) for the letterhead of the exports."""
    body = get_body(slug)
    require(current_user, MANAGE, body)
    form = LogoForm()
    if request.form.get("remove") == "1":
        return _removal(form, lambda: house_style.remove_logo(current_user, body), _("Het logo is verwijderd."), slug)
    if form.validate_on_submit():
        upload = form.logo.data
        result = run(lambda: house_style.save_logo(
            current_user, body, upload.read(MAX_LOGO_BYTES + 1), upload.filename or ""))
        if result.ok:
            flash(_("Het logo is opgeladen."), "success")
            return redirect(url_for("minutes.house_style_page", slug=slug))
        form.logo.errors.append(result.error)
    return _house_style_page(body, logo_form=form, status=400)


@bp.get("/bodies/<slug>/house-style/logo")
@login_required
def house_style_logo_image(slug: str):
    """The logo itself, for the beheerder's preview on the house-style page."""
    body = get_body(slug)
    require(current_user, MANAGE, body)
    path = house_style.logo_path(body)
    if path is None:
        abort(404)
    # at most 1 MB: read at once rather than streamed from an open file
    with open(path, "rb") as logo:
        data = logo.read()
    return Response(data, mimetype="image/png" if path.endswith(".png") else "image/jpeg",
                    headers={"Cache-Control": "no-store"})


@bp.app_context_processor
def minutes_helpers():
    return {"action_status_label": rows.status_label, "decision_ref": decision_reference,
            "vote_summary": rows.vote_summary}



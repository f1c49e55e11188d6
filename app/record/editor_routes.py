"""The minutes editor of one item: its minutes (Markdown, preview, autosave), its decisions with
their votes and actions inline, and, once the item is locked, a read-only view saying since when
and by whom (a correction with a reason stays possible for the secretariat)."""
from flask import flash, jsonify, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.errors import wants_json
from app.core.forms import run
from app.core.markdown import markdown_to_html
from app.core.permissions import EDIT, VIEW, can, require
from app.core.timeutil import to_local
from app.decisions.forms import DecisionForm, action_line_choices
from app.minutes import comments, services
from app.minutes.forms import MinutesForm
from app.minutes.locks import is_locked, lock_of
from app.record import bp
from app.record.editor import item_tools


def _correcting() -> bool:
    """Did the secretariat ask to correct a locked item (?correct=1, kept by the form's post)?"""
    return request.args.get("correct") == "1"


@bp.route("/meetings/<int:meeting_id>/items/<int:item_id>/minutes", methods=["GET", "POST"])
@login_required
def edit(meeting_id: int, item_id: int):
    """Write the minutes of one item: Markdown, preview, the item's description beside it."""
    item = services.get_item(current_user, meeting_id, item_id)
    locked = is_locked(item)
    if request.method == "GET" and locked and not (_correcting() and can(current_user, EDIT, item)):
        return _locked_view(item)
    require(current_user, EDIT, item)
    minutes = services.get_minutes(item)
    form = MinutesForm()
    preview_html = None
    status = 200
    if request.method == "GET":
        form.text.data = minutes.text if minutes else ""
        form.base_revision.data = str(minutes.current_revision.number) if minutes and minutes.current_revision else ""
    elif form.validate_on_submit():
        if form.preview.data:
            preview_html = markdown_to_html(form.text.data)
        else:
            base = int(form.base_revision.data) if (form.base_revision.data or "").isdigit() else None
            save = lambda: services.save_minutes(  # noqa: E731
                current_user, item, form.text.data or "", reason=form.reason.data, base_revision=base,
                autosave=request.form.get("autosave") == "1")
            if wants_json():
                minutes = save()  # a refusal reaches the error handler as a JSON error
            else:
                result = run(save)
                minutes = result.value if result.ok else minutes
                if result.error:
                    form.form_errors.append(result.error)
                    status = result.status
            if status == 200:
                number = minutes.current_revision.number if minutes and minutes.current_revision else None
                if wants_json():
                    return jsonify({"revision": number, "saved_at": to_local(minutes.current_revision.created_at).strftime("%H:%M:%S") if number else None})
                flash(_("Het verslag is bewaard."), "success")
                return redirect(url_for("minutes.edit", meeting_id=meeting_id, item_id=item_id))
    else:
        if wants_json():
            return jsonify({"error": _("Ongeldige invoer."), "detail": form.errors}), 400
        status = 400
    decision_form = DecisionForm()
    decision_form.action_line.choices = action_line_choices()
    if item.action_line:
        decision_form.action_line.data = str(item.action_line.number)
    remarks = comments.by_item(comments.list_comments(current_user, item.meeting)).get(item.id, [])
    return render_template("minutes/edit.html", item=item, meeting=item.meeting, form=form, minutes=minutes,
                           preview_html=preview_html, locked=locked, decision_form=decision_form,
                           tools=item_tools(current_user, item), remarks=remarks), status


def _locked_view(item):
    """A locked item read, not edited: its minutes, decisions, votes and actions, and since when and
    by whom it is locked; the secretariat finds the way to a correction (with a reason) here."""
    minutes = services.get_minutes(item)
    readable = minutes is not None and minutes.current_revision is not None and can(current_user, VIEW, minutes)
    return render_template("minutes/locked.html", item=item, meeting=item.meeting, lock=lock_of(item),
                           text=minutes.text if readable else None, tools=item_tools(current_user, item, forms=False),
                           may_correct=can(current_user, EDIT, item))


@bp.post("/minutes/preview")
@login_required
def preview():
    """Markdown preview for minutes.js: the same sanitiser as the pages."""
    return jsonify({"html": markdown_to_html(request.form.get("text", "")[:services.MAX_TEXT])})



"""The steps a secretariat cannot take back lightly ask for confirmation first: every workflow
transition of a meeting and removing an agenda item. The button on the meeting page posts without
`confirm`, which shows a page saying what will follow; that page posts again with `confirm=1`.
No JavaScript needed; a JSON caller (the agenda editor's script) acts at once.
"""
from flask import flash, render_template, request
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from app.core.errors import wants_json
from app.core.forms import run
from app.core.permissions import EDIT, require
from app.meetings import agenda, bp, queries, services
from app.meetings.routes import _act, _back, _meeting, _posted_version

#: what each transition brings about, said on its confirmation page
CONSEQUENCES = {
    "publish_agenda": _l("De leden zien de agenda, en voor een openbare vergadering ook het publiek."),
    "retract_agenda": _l("De agenda is daarna alleen nog zichtbaar voor het secretariaat en de voorzitter."),
    "mark_held": _l("De agenda ligt daarna vast. Het nummer van de vergadering en de referenties van de "
                    "besluiten worden definitief. De leden kunnen het ontwerpverslag lezen."),
    "publish_decisions": _l("Het publiek ziet de besluiten van de openbare agendapunten (de besluitenlijst). "
                            "Het verslag blijft een ontwerp tot het goedgekeurd is."),
    "approve_minutes": _l("Het verslag wordt vergrendeld: een wijziging vraagt daarna een reden en blijft "
                          "zichtbaar als versie. Wie goedkeurt en wanneer wordt bewaard."),
    "cancel": _l("De vergadering wordt geannuleerd. Kalenders die de vergadering volgen, krijgen de "
                 "annulering. Dit kan niet ongedaan gemaakt worden."),
}


def confirmed() -> bool:
    """Was this post sent from a confirmation page?"""
    return request.form.get("confirm") == "1"


def ask(meeting, step, error: str | None = None):
    """The page that asks before `step` (an available transition of `meeting`) and posts the same
    form back to this URL with `confirm=1`."""
    return render_template("meetings/confirm.html", meeting=meeting, step=step, error=error,
                           comment=request.form.get("comment", ""), consequence=CONSEQUENCES.get(step.name, ""),
                           action=request.path), 400 if error else 200


def available_step(user, meeting, name: str):
    """The transition `name` when `user` may take it on `meeting` now, else None."""
    return next((t for t in services.available_transitions(user, meeting) if t.name == name), None)


@bp.post("/meetings/<int:meeting_id>/transition")
@login_required
def transition(meeting_id: int):
    meeting = _meeting(meeting_id)
    name, comment = request.form.get("transition", ""), request.form.get("comment", "")
    if wants_json():
        return _act(meeting, lambda: services.transition_meeting(current_user, meeting, name, comment), "")
    step = available_step(current_user, meeting, name)
    if step is None or confirmed():
        # not (or no longer) available: the service says why, as a message on the meeting page
        result = run(lambda: services.transition_meeting(current_user, meeting, name, comment))
        if result.ok:
            flash(_("De toestand van de vergadering is gewijzigd."), "success")
            return _back(meeting, "status")
        if step is None or result.status != 400:
            flash(result.error, "error")
            return _back(meeting, "status")
        return ask(meeting, step, result.error)  # e.g. a cancellation without a reason: ask again
    return ask(meeting, step)


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/delete")
@login_required
def delete_item(meeting_id: int, item_id: int):
    meeting = _meeting(meeting_id)
    item = queries.get_item(current_user, meeting, item_id)
    if wants_json() or confirmed():
        return _act(meeting, lambda: agenda.remove_item(current_user, item, _posted_version()),
                    _("Het agendapunt is verwijderd."))
    require(current_user, EDIT, item)  # only who may remove it is asked to confirm
    return render_template("meetings/confirm_delete.html", meeting=meeting, item=item,
                           agenda_version=_posted_version())



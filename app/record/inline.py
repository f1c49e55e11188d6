"""The item editor's inline forms: record a decision's vote, add and change its actions without
leaving the item. The services are those of the decision and action pages (one rule, one place);
every form posts and comes back to the item's editor at what it changed, with the outcome as a
message: no JavaScript needed. A refusal of the right itself is a 403, as everywhere."""
from flask import redirect, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from app.core.forms import submit_and_flash
from app.decisions.actions import create_action, update_action
from app.decisions.forms import INLINE_ACTION_FIELDS, VoteForm, action_data, action_form, vote_request
from app.decisions.services import record_votes
from app.record import bp
from app.record.editor import action_of_item, decision_of_item


def _back(meeting_id: int, item_id: int, anchor: str):
    return redirect(url_for("minutes.edit", meeting_id=meeting_id, item_id=item_id, _anchor=anchor))


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/decisions/<int:decision_id>/vote")
@login_required
def item_vote(meeting_id: int, item_id: int, decision_id: int):
    """The vote of a decision, in any of its ways (per member, counts, unanimous, secret)."""
    decision = decision_of_item(current_user, meeting_id, item_id, decision_id)
    form = VoteForm()
    submit_and_flash(form, lambda: record_votes(current_user, decision, reason=form.reason.data,
                                                **vote_request(form, request.form)),
                     _("De stemming is bewaard."))
    return _back(meeting_id, item_id, f"decision-{decision_id}")


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/decisions/<int:decision_id>/actions")
@login_required
def item_add_action(meeting_id: int, item_id: int, decision_id: int):
    decision = decision_of_item(current_user, meeting_id, item_id, decision_id)
    form = action_form(current_user, decision.body_id, formdata=request.form)
    result = submit_and_flash(form, lambda: create_action(current_user, action_data(form, INLINE_ACTION_FIELDS),
                                                          decision=decision),
                              _("De actie is toegevoegd."))
    return _back(meeting_id, item_id, f"action-{result.value.id}" if result.ok else f"decision-{decision_id}")


@bp.post("/meetings/<int:meeting_id>/items/<int:item_id>/actions/<int:action_id>")
@login_required
def item_edit_action(meeting_id: int, item_id: int, action_id: int):
    action = action_of_item(current_user, meeting_id, item_id, action_id)
    form = action_form(current_user, action.body_id, formdata=request.form)
    submit_and_flash(form, lambda: update_action(current_user, action, action_data(form, INLINE_ACTION_FIELDS)),
                     _("De actie is bewaard."))
    return _back(meeting_id, item_id, f"action-{action_id}")

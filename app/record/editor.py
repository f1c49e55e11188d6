"""The item editor's decisions with their tools: each decision's vote and actions, recorded inline
under the item's minutes with the forms (and services) of the decision and action pages.

Also the lookups of the inline forms: a decision or action is changed from an item's editor only
when it belongs to that item.
"""
from dataclasses import dataclass

from flask_babel import gettext as _

from app.core.errors import NotFound
from app.core.permissions import EDIT, VIEW, can
from app.decisions.actions import get_action
from app.decisions.forms import ActionForm, VoteForm, action_form, fill_action_form, vote_form_for
from app.decisions.models import Action, Decision
from app.decisions.rows import shown_owner, status_label
from app.decisions.services import get_decision
from app.meetings.attendance import Quorum, Voter, quorum, voters
from app.meetings.models import AgendaItem
from app.minutes import services as minutes
from app.record.page import DecisionView, decision_view


@dataclass
class ActionPanel:
    """An action of a decision as the editor lists it, with the form that changes it."""
    action: Action
    owner: str
    status: str
    #: the action line (its objective's, else its decision's), "" without one
    action_line: str
    form: ActionForm | None


@dataclass
class DecisionPanel:
    view: DecisionView
    vote_form: VoteForm | None
    #: the recorded per-member votes, by voter id (the vote form's selections)
    member_votes: dict[int, str]
    actions: list[ActionPanel]


@dataclass
class ItemTools:
    decisions: list[DecisionPanel]
    #: may record votes and actions here (the forms are left out otherwise)
    may_record: bool
    voters: list[Voter]
    quorum: Quorum | None
    #: the blank form adding an action, its choices shared by every form of the page
    new_action: ActionForm | None


def item_tools(user, item: AgendaItem, forms: bool = True) -> ItemTools:
    """The decisions of `item` that `user` reads, each with its vote and actions; with `forms`, the
    forms too for who may record them (the decision page's rule: EDIT)."""
    decisions = [d for d in item.decisions if can(user, VIEW, d)]
    may_record = forms and can(user, EDIT, item)
    base = action_form(user, item.meeting.body_id) if may_record and decisions else None
    present = voters(item.meeting) if may_record else []
    panels = [DecisionPanel(
        view=decision_view(decision),
        vote_form=vote_form_for(decision) if may_record else None,
        member_votes={v.user_id: v.choice for v in decision.votes},
        actions=[_action_panel(user, action, base) for action in decision.actions if can(user, VIEW, action)],
    ) for decision in decisions]
    return ItemTools(decisions=panels, may_record=may_record, voters=present,
                     quorum=quorum(item.meeting, present) if may_record else None, new_action=base)


def _action_panel(user, action: Action, base: ActionForm | None) -> ActionPanel:
    form = None
    if base is not None and can(user, EDIT, action):
        form = fill_action_form(ActionForm(formdata=None), action)
        form.owner.choices, form.objective.choices = base.owner.choices, base.objective.choices
    return ActionPanel(action, shown_owner(user, action), status_label(action.status),
                       action.action_line.label if action.action_line else "", form)


# --- what an inline form changes ------------------------------------------------------------------

def decision_of_item(user, meeting_id: int, item_id: int, decision_id: int) -> Decision:
    """Decision `decision_id`, taken under the item `item_id` of meeting `meeting_id`."""
    item = minutes.get_item(user, meeting_id, item_id)
    decision = get_decision(user, decision_id)
    if decision.agenda_item_id != item.id:
        raise NotFound(_("Dit besluit bestaat niet."))
    return decision


def action_of_item(user, meeting_id: int, item_id: int, action_id: int) -> Action:
    """Action `action_id`, following from a decision taken under the item `item_id`."""
    item = minutes.get_item(user, meeting_id, item_id)
    action = get_action(user, action_id)
    if action.decision is None or action.decision.agenda_item_id != item.id:
        raise NotFound(_("Deze actie bestaat niet."))
    return action

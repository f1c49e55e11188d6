"""The builders: how each kind of content becomes a search document, and what depends on it.

Search sits above meetings, decisions, documents and minutes: it imports their models, they never
import search (their changes reach the index through the session hooks).
"""
from sqlalchemy.orm import object_session

from app.core.markdown import markdown_to_text
from app.decisions.models import Action, Decision, Objective
from app.decisions.numbering import decision_reference
from app.documents.models import Document, DocumentFile, DocumentTag
from app.documents.services import document_search_text
from app.extensions import db
from app.meetings.models import AgendaItem, Meeting
from app.minutes.models import Minutes, MinutesRevision
from app.search.registry import key_of, make_doc, path_for, register, register_trigger
from app.search.results import shorten

#: Dutch labels of the types, for facets and result lists (translated in the templates)
TYPE_ORDER = ("document", "meeting", "agenda_item", "minutes", "decision", "action", "objective")


def _meeting_title(meeting) -> str:
    if meeting.title:
        return meeting.title
    return f"{meeting.body.name} – {meeting.start_at:%d-%m-%Y}"


# --- meetings and agenda items ---------------------------------------------------------------------

def build_meeting(meeting):
    # Only the items as visible as the meeting itself: a closed item's title must not leak.
    titles = [item.title for item in meeting.items if item.access_level == meeting.access_level]
    return make_doc(
        "meeting", meeting, title=_meeting_title(meeting), text="\n".join(titles),
        keywords=[meeting.location], body=meeting.body,
        when=meeting.start_at, state=meeting.state,
        url=path_for("meetings.show", meeting_id=meeting.id),
    )


def meeting_dependents(meeting):
    for item in meeting.items:
        yield item
        yield from item_dependents(item)


def build_item(item):
    meeting = item.meeting
    # the presenter and the meeting are found, but the snippet shows the description
    return make_doc(
        "agenda_item", item, title=item.title, text=markdown_to_text(item.description),
        keywords=[item.presenter, _meeting_title(meeting)], body=meeting.body, when=meeting.start_at,
        action_line=item.action_line, state=meeting.state,
        url=path_for("meetings.show", f"#item-{item.id}", meeting_id=meeting.id),
        parents=[key_of("meeting", meeting.id)],
    )


def item_dependents(item):
    yield item.meeting  # its text lists the titles of its items
    for decision in item.decisions:
        yield decision
        yield from decision_dependents(decision)
    session = object_session(item) or db.session
    yield from session.scalars(db.select(Minutes).filter_by(agenda_item_id=item.id))


# --- decisions ---------------------------------------------------------------------------------------

def decision_title(decision, text: str) -> str:
    """Its reference and the start of its text (TF-2026-05/1 Het actieplan …), as the decision
    list shows it: the reference is what people quote."""
    return f"{decision_reference(decision)} {shorten(text, 120)}"


def build_decision(decision):
    item = decision.agenda_item
    meeting = item.meeting
    text = markdown_to_text(decision.text)
    return make_doc(
        "decision", decision, title=decision_title(decision, text),
        text=text, keywords=[item.title, _meeting_title(meeting)],
        body=meeting.body, when=decision.decided_on, action_line=decision.action_line or item.action_line,
        state=meeting.state,
        url=path_for("decisions.show", decision_id=decision.id),
        parents=[key_of("meeting", meeting.id), key_of("agenda_item", item.id)],
    )


def decision_dependents(decision):
    return list(decision.actions)


# --- minutes -------------------------------------------------------------------------------------------

def build_minutes(minutes):
    item = minutes.agenda_item
    meeting = item.meeting
    return make_doc(
        "minutes", minutes, title=f"Verslag: {item.title}",
        text=markdown_to_text(minutes.text), keywords=[_meeting_title(meeting)],
        body=meeting.body, when=meeting.start_at, action_line=item.action_line, state=meeting.state,
        url=path_for("minutes.meeting_minutes", f"#item-{item.id}", meeting_id=meeting.id),
        parents=[key_of("meeting", meeting.id), key_of("agenda_item", item.id)],
    )


# --- objectives and actions ----------------------------------------------------------------------------

def build_objective(objective):
    text = "\n".join([markdown_to_text(objective.description), objective.indicator or ""])
    return make_doc(
        "objective", objective, title=objective.title, text=text, body=objective.body,
        when=objective.target_date or objective.created_at, action_line=objective.action_line,
        state="published" if objective.is_public else "internal",
        url=path_for("decisions.objective", objective_id=objective.id),
    )


def build_action(action):
    decision = action.decision
    line = None
    if action.objective is not None:
        line = action.objective.action_line
    elif decision is not None:
        line = decision.action_line or decision.agenda_item.action_line
    parents = []
    if decision is not None:
        parents = [key_of("decision", decision.id), key_of("meeting", decision.agenda_item.meeting_id)]
    return make_doc(
        "action", action, title=action.title,
        # an organisation owner is searchable; a person's name is not public (its snippet would be)
        text=markdown_to_text(action.description), keywords=[action.public_owner_name],
        body=action.body, when=action.due_on or action.created_at, action_line=line, state=action.status,
        url=path_for("actions.show", action_id=action.id), parents=parents,
    )


# --- documents -----------------------------------------------------------------------------------------

def build_document(document):
    return make_doc(
        "document", document, title=document.title, text=document_search_text(document),
        keywords=[*document.tag_names, document.current_file.filename if document.current_file else None],
        body=document.body, when=document.updated_at or document.created_at,
        action_line=document.agenda_item.action_line if document.agenda_item is not None else None,
        state=document.state,
        url=path_for("documents.show", document_id=document.id),
        parents=[key for key in (
            key_of("meeting", document.meeting_id) if document.meeting_id else None,
            key_of("agenda_item", document.agenda_item_id) if document.agenda_item_id else None,
        ) if key],
    )


def register_all() -> None:
    """Register every indexable type, and the rows whose change refreshes one."""
    register("meeting", Meeting, build_meeting, meeting_dependents)
    register("agenda_item", AgendaItem, build_item, item_dependents)
    register("decision", Decision, build_decision, decision_dependents)
    register("document", Document, build_document)
    register_trigger(DocumentFile, lambda row: [("document", row.document_id)])
    register_trigger(DocumentTag, lambda row: [("document", row.document_id)])
    register("minutes", Minutes, build_minutes)
    register_trigger(MinutesRevision, lambda row: [("minutes", row.minutes_id)])
    register("objective", Objective, build_objective)
    register("action", Action, build_action)

"""The JSON shapes of the API, one function per kind of object: what the routes answer."""
from flask import url_for
from flask_login import current_user

from app.api.helpers import iso
from app.convert import is_available
from app.core.permissions import VIEW, can, is_anonymous, reads_internal
from app.core.timeutil import to_local
from app.decisions import actions, objectives, services as decisions
from app.decisions.lookups import owner_key
from app.decisions.numbering import decision_reference
from app.decisions.rows import shown_owner
from app.meetings.overview import meeting_overview
from app.minutes.locks import is_locked, locked_item_ids
from app.minutes.models import MeetingMinutes


def _local_iso(value) -> str | None:
    return to_local(value).isoformat() if value is not None else None


def _readable(user, objects) -> list:
    return [obj for obj in objects if can(user, VIEW, obj)]


# --- meetings and agenda items -------------------------------------------------------------------

def meeting_summary_json(meeting) -> dict:
    """A meeting as a line of the meeting list."""
    return {"id": meeting.id, "body": meeting.body.slug, "title": meeting.title,
            "start": _local_iso(meeting.start_at), "state": meeting.state}


def item_json(view, user) -> dict:
    """An agenda item of a meeting overview (what `user` may see of it)."""
    item = view.item
    return {
        "id": item.id,
        "number": item.number,
        "title": item.title,
        "description": item.description,
        "kind": item.kind,
        "presenter": item.presenter,
        "action_line": item.action_line.number if item.action_line else None,
        "duration": item.duration_minutes,
        "fixed": item.is_fixed,
        "standing": item.is_standing,
        "skipped": item.skipped,
        "skip_reason": item.skip_reason,
        "public": item.is_public,
        "continues_item": item.continues_item_id if item.continues_item and can(user, VIEW, item.continues_item) else None,
        "continued_by": [i.id for i in _readable(user, item.continued_by)],
        "feedback_decisions": [
            {"id": link.decision_id, "reference": link.reference, "decided_on": link.decided_on.isoformat()}
            for link in view.feedback
        ],
    }


def agenda_item_json(item) -> dict:
    """One item, as it shows in its meeting's agenda for the caller."""
    overview = meeting_overview(current_user, item.meeting)
    return item_json(next(view for view in overview.items if view.item.id == item.id), current_user)


def meeting_json(meeting, user=None) -> dict:
    """A meeting as the API shows it to `user` (default: the caller); closed items only to members."""
    user = user if user is not None else current_user
    overview = meeting_overview(user, meeting)
    quorum = overview.quorum
    return {
        "id": meeting.id,
        "body": meeting.body.slug,
        "title": meeting.title,
        "start": _local_iso(meeting.start_at),
        "end": _local_iso(meeting.end_at),
        "location": meeting.location,
        "online_url": meeting.online_url,
        "state": meeting.state,
        "is_public": meeting.is_public,
        "agenda_version": meeting.agenda_version,
        "number_in_year": overview.number,
        "approved_at": _local_iso(meeting.approved_at),
        "approved_by": meeting.approved_by.name if meeting.approved_by is not None and not is_anonymous(user) else None,
        "agenda": [item_json(view, user) for view in overview.items],
        "attendance": [
            {"user": row["user"].id, "name": row["user"].name, "role": row["role"], "status": row["status"] or None,
             "substitute": row["substitute"].id if row["substitute"] else None}
            for row in overview.attendance
        ],
        "quorum": {"voting": quorum.voting, "present": quorum.present, "required": quorum.required,
                   "reached": quorum.reached} if quorum is not None else None,
        # its decisions, and where its minutes are
        "decisions": decisions_json(decisions.list_decisions(user, meeting_id=meeting.id)),
        "minutes_url": url_for("minutes.meeting_minutes", meeting_id=meeting.id),
        "minutes_docx_url": url_for("minutes.minutes_word", meeting_id=meeting.id),
        "downloads": meeting_downloads_json(meeting, user),
    }


def meeting_downloads_json(meeting, user) -> dict:
    """Where the meeting's files download, as `user` may: a PDF only where this server can make it
    (LibreOffice; the pack makes do without it), the minutes only when `user` may read them."""
    pdf = is_available()
    minutes = can(user, VIEW, MeetingMinutes(meeting))
    return {
        "pack_pdf": url_for("documents.meeting_pack_pdf", meeting_id=meeting.id),
        "agenda_docx": url_for("meetings.agenda_word", meeting_id=meeting.id),
        "agenda_pdf": url_for("meetings.agenda_pdf", meeting_id=meeting.id) if pdf else None,
        "minutes_docx": url_for("minutes.minutes_word", meeting_id=meeting.id) if minutes else None,
        "minutes_pdf": url_for("minutes.minutes_pdf", meeting_id=meeting.id) if minutes and pdf else None,
    }


# --- minutes -------------------------------------------------------------------------------------

def revision_json(revision) -> dict:
    return {
        "number": revision.number,
        "user": revision.user.name if revision.user else None,
        "created_at": iso(revision.created_at),
        "kind": revision.kind,
        "reason": revision.reason,
        "restored_from": revision.restored_from,
    }


def minutes_json(item, minutes) -> dict:
    current = minutes.current_revision if minutes is not None else None
    return {
        "meeting": item.meeting_id,
        "item": item.id,
        "text": current.text if current else "",
        "revision": current.number if current else None,
        "locked": is_locked(item),
        "updated_at": iso(current.created_at) if current else None,
        "revisions": [revision_json(r) for r in minutes.revisions] if minutes is not None else [],
    }


# --- decisions, actions, objectives --------------------------------------------------------------

def vote_json(decision) -> dict | None:
    if not decision.has_vote and not decision.votes:
        return None
    return {
        "voor": decision.votes_for, "tegen": decision.votes_against, "onthouding": decision.votes_abstain,
        "members": [{"user": v.user_id, "name": v.user.name, "choice": v.choice,
                     "replaces": v.replaces_user_id, "replaces_name": v.replaces.name if v.replaces else None}
                    for v in decision.votes],
    }


def decisions_json(found) -> list[dict]:
    """A list of decisions, the locks looked up once for the whole list."""
    locked = locked_item_ids({d.agenda_item for d in found})
    return [decision_json(d, locked=d.agenda_item_id in locked) for d in found]


def decision_json(decision, with_actions: bool = True, locked: bool | None = None) -> dict:
    item = decision.agenda_item
    data = {
        "id": decision.id,
        "reference": decision_reference(decision),
        "number": decision.number,
        "text": decision.text,
        "action_line": decision.action_line.number if decision.action_line else None,
        "decided_on": iso(decision.decided_on),
        "body": item.meeting.body.slug,
        "meeting": item.meeting_id,
        "item": {"id": item.id, "number": item.number, "title": item.title},
        "vote": vote_json(decision),
        # how the vote was taken, and its outcome by the body's rule at that moment; null without a vote
        "vote_kind": decision.vote_kind,
        "outcome": decision.outcome,
        "locked": is_locked(item) if locked is None else locked,
        "url": url_for("decisions.show", decision_id=decision.id),
        "meeting_url": url_for("minutes.meeting_minutes", meeting_id=item.meeting_id),
    }
    if with_actions:
        data["actions"] = [action_json(a, brief=True) for a in _readable(current_user, decision.actions)]
    return data


def update_json(update, insider: bool = True) -> dict:
    """A progress report; who wrote it and the note itself only for `insider`s (members of the
    body): the public never reads the progress notes of persons."""
    return {
        "id": update.id,
        "value": update.value,
        "progress": update.progress,
        "status": update.status,
        "comment": update.comment if insider else None,
        "meeting": update.meeting_id,
        "user": update.user.name if update.user and insider else None,
        "created_at": iso(update.created_at),
    }


def action_json(action, brief: bool = False) -> dict:
    insider = reads_internal(current_user, action)
    person = action.owner_user is not None
    data = {
        "id": action.id,
        "title": action.title,
        "status": action.status,
        # a person owner only for members of the body; an organisation for everyone
        "owner": (owner_key(action) or None) if insider or not person else None,
        "owner_name": shown_owner(current_user, action) or None,
        "due": iso(action.due_on),
        "overdue": action.is_overdue(actions.today()),
        "progress": action.progress,
        "url": url_for("actions.show", action_id=action.id),
    }
    if brief:
        return data
    data.update({
        "description": action.description,
        "body": action.body.slug,
        "weight": action.weight,
        "decision": action.decision_id,
        "decision_reference": decision_reference(action.decision) if action.decision else None,
        "objective": action.objective_id,
        "action_line": action.action_line.number if action.action_line else None,
        "updates": [update_json(u, insider) for u in action.updates],
    })
    return data


def measurement_json(update) -> dict:
    """One measurement of an objective's indicator."""
    return {"value": update.value, "measured_on": iso(objectives.measured_day(update)), "comment": update.comment}


def objective_json(objective) -> dict:
    progress = objectives.objective_progress(objective)
    return {
        "id": objective.id,
        "title": objective.title,
        "description": objective.description,
        "body": objective.body.slug,
        "action_line": objective.action_line.number,
        "indicator": objective.indicator,
        "unit": objective.unit,
        "baseline": objective.baseline,
        "target": objective.target,
        "target_date": iso(objective.target_date),
        "is_public": objective.is_public,
        "sums_actions": objective.sums_actions,
        "progress": None if progress["fraction"] is None else round(progress["fraction"] * 100, 1),
        "progress_source": progress["source"],
        "latest_value": progress["value"],
        "measurements": [measurement_json(m) for m in objectives.list_measurements(objective)],
        "actions": [action_json(a, brief=True) for a in _readable(current_user, objective.actions)],
        "updates": [update_json(u, reads_internal(current_user, objective)) for u in objective.updates],
        "url": url_for("decisions.objective", objective_id=objective.id),
    }


# --- documents -----------------------------------------------------------------------------------

def document_json(document) -> dict:
    data = {
        "id": document.id,
        "title": document.title,
        "kind": document.kind,
        "state": document.state,
        "body": document.body.slug if document.body else None,
        "folder": document.folder_id,
        "meeting": document.meeting_id,
        "agenda_item": document.agenda_item_id,
        "tags": document.tag_names,
        "url": url_for("documents.show", document_id=document.id),
        "updated_at": iso(document.updated_at),
    }
    current = document.current_file
    if current is not None:
        data.update({
            "download_url": url_for("documents.download", document_id=document.id),
            "filename": current.filename,
            "content_type": current.content_type,
            "size": current.size,
            "version": current.number,
            "text_extraction": current.extraction_status,
        })
    return data

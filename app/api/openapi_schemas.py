"""The JSON Schemas of the API's contract (OpenAPI 3.1, JSON Schema 2020-12): what the shapes in
app/api/shapes.py answer, and what the calls take. Answers are strict (every key required, no
others) so that a shape drifting from its schema fails the tests that validate every response."""
from app.auth.models import GLOBAL_ROLES
from app.bodies.models import AGENDA_ITEM_KINDS, MAJORITY_RULES, MEMBERSHIP_ROLES
from app.core.workflow import CONTENT_WORKFLOW, MEETING_WORKFLOW
from app.decisions.models import (
    ACTION_STATUSES, MAX_COMMENT, MAX_DECISION_TEXT, MAX_DESCRIPTION, MAX_TITLE, MAX_UNIT, OUTCOMES,
    VOTE_CHOICES, VOTE_KINDS,
)
from app.documents.models import DOCUMENT_KINDS, EXTRACTION_STATUSES
from app.meetings.agenda import MAX_TITLE as MAX_ITEM_TITLE
from app.meetings.models import ATTENDANCE_STATUSES
from app.minutes.comments import MAX_COMMENT as MAX_MINUTES_COMMENT
from app.minutes.locks import MAX_REASON
from app.minutes.services import MAX_TEXT as MAX_MINUTES_TEXT

# --- building blocks -----------------------------------------------------------------------------

INT = {"type": "integer"}
ID = {"type": "integer", "minimum": 1}
STR = {"type": "string"}
BOOL = {"type": "boolean"}
NUMBER = {"type": "number"}
DATE = {"type": "string", "format": "date"}
DATETIME = {"type": "string", "format": "date-time"}
ANY = {}


def ref(name: str) -> dict:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict) -> dict:
    """`schema` or null (JSON Schema 2020-12: a type list, or oneOf for a $ref or an enum)."""
    if "type" in schema and "enum" not in schema:
        return {**schema, "type": [schema["type"], "null"]}
    return {"oneOf": [schema, {"type": "null"}]}


def enum(values) -> dict:
    return {"type": "string", "enum": list(values)}


def array(items: dict) -> dict:
    return {"type": "array", "items": items}


def answer(properties: dict, optional: tuple = ()) -> dict:
    """An object the API answers: every property required except `optional`, no other keys."""
    return {"type": "object", "properties": properties,
            "required": [name for name in properties if name not in optional], "additionalProperties": False}


def text(maximum: int, **extra) -> dict:
    return {"type": "string", "maxLength": maximum, **extra}


def line(maximum: int, **extra) -> dict:
    """One line of text: the API refuses line breaks in it (app/api/edge.py)."""
    return {"type": "string", "maxLength": maximum, "description": "One line: no line breaks.", **extra}


# --- answers -------------------------------------------------------------------------------------

ERROR = answer({"error": STR, "detail": ANY})

FIXED_ITEM = answer({"title": STR, "kind": enum(AGENDA_ITEM_KINDS), "mandatory": BOOL, "position": ID,
                     "feedback_from": nullable(STR)})
BODY = answer({"slug": STR, "name": STR, "abbreviation": STR, "reports_to": nullable(STR),
               "min_meetings_per_year": INT, "quorum": nullable(INT), "majority_rule": enum(MAJORITY_RULES),
               "fixed_items": array(ref("FixedItem"))})

ME = answer({"id": ID, "email": STR, "name": STR, "global_roles": array(enum(GLOBAL_ROLES)),
             "roles": {"type": "object", "additionalProperties": enum(MEMBERSHIP_ROLES)}})

MEETING_SUMMARY = answer({"id": ID, "body": STR, "title": STR, "start": DATETIME,
                          "state": enum(MEETING_WORKFLOW.states)})

_ITEM = {
    "id": ID, "number": ID, "title": STR, "description": STR, "kind": enum(AGENDA_ITEM_KINDS), "presenter": STR,
    "action_line": nullable(INT), "duration": nullable(INT), "fixed": BOOL, "standing": BOOL, "skipped": BOOL,
    "skip_reason": STR, "public": BOOL, "continues_item": nullable(ID), "continued_by": array(ID),
    "feedback_decisions": array(answer({"id": ID, "reference": STR, "decided_on": DATE})),
}
AGENDA_ITEM = answer(_ITEM)
POSTPONED_ITEM = answer({**_ITEM, "meeting": ID})

ACTION_BRIEF_PROPERTIES = {
    "id": ID, "title": STR, "status": enum(ACTION_STATUSES),
    "owner": nullable({"type": "string", "pattern": "^(user|organisation):[0-9]+$"}),
    "owner_name": nullable(STR), "due": nullable(DATE), "overdue": BOOL, "progress": INT, "url": STR,
}
ACTION_BRIEF = answer(ACTION_BRIEF_PROPERTIES)

VOTE = answer({
    "voor": nullable(INT), "tegen": nullable(INT), "onthouding": nullable(INT),
    "members": array(answer({"user": ID, "name": STR, "choice": enum(VOTE_CHOICES), "replaces": nullable(ID),
                             "replaces_name": nullable(STR)})),
})
DECISION = answer({
    "id": ID, "reference": STR, "number": ID, "text": STR, "action_line": nullable(INT),
    "decided_on": nullable(DATE), "body": STR, "meeting": ID,
    "item": answer({"id": ID, "number": ID, "title": STR}),
    "vote": nullable(ref("Vote")), "vote_kind": nullable(enum(VOTE_KINDS)), "outcome": nullable(enum(OUTCOMES)),
    "locked": BOOL, "url": STR, "meeting_url": STR, "actions": array(ref("ActionBrief")),
})

MEETING = answer({
    "id": ID, "body": STR, "title": STR, "start": DATETIME, "end": nullable(DATETIME), "location": STR,
    "online_url": STR, "state": enum(MEETING_WORKFLOW.states), "is_public": BOOL, "agenda_version": INT,
    "number_in_year": nullable(INT), "approved_at": nullable(DATETIME), "approved_by": nullable(STR),
    "agenda": array(ref("AgendaItem")),
    "attendance": array(answer({"user": ID, "name": STR, "role": enum(MEMBERSHIP_ROLES),
                                "status": nullable(enum(ATTENDANCE_STATUSES)), "substitute": nullable(ID)})),
    "quorum": nullable(answer({"voting": INT, "present": INT, "required": INT, "reached": BOOL})),
    "decisions": array(ref("Decision")), "minutes_url": STR, "minutes_docx_url": STR,
    "downloads": ref("MeetingDownloads"),
})
MEETING_DOWNLOADS = {**answer({
    "pack_pdf": {**STR, "description": "The meeting pack: a cover, the agenda and every attachment the caller may "
                                       "read, in agenda order, with bookmarks per item and document."},
    "agenda_docx": STR,
    "agenda_pdf": nullable({**STR, "description": "null where this server cannot make PDFs (no LibreOffice)."}),
    "minutes_docx": nullable({**STR, "description": "null when the caller may not read the minutes (for the "
                                                   "public: until they are approved)."}),
    "minutes_pdf": nullable({**STR, "description": "null when the caller may not read the minutes, or where this "
                                                  "server cannot make PDFs."}),
}), "description": "Where the meeting's files download (paths on this server; send the same bearer token)."}

REVISION = answer({"number": ID, "user": nullable(STR), "created_at": DATETIME,
                   "kind": enum(("edit", "autosave", "restore", "correction", "approval")),
                   "reason": STR, "restored_from": nullable(INT)})
MINUTES = answer({"meeting": ID, "item": ID, "text": STR, "revision": nullable(ID), "locked": BOOL,
                  "updated_at": nullable(DATETIME), "revisions": array(ref("Revision"))})

UPDATE_PROPERTIES = {
    "id": ID, "value": nullable(NUMBER), "progress": nullable(INT), "status": nullable(enum(ACTION_STATUSES)),
    "comment": nullable(STR), "meeting": nullable(ID), "user": nullable(STR), "created_at": DATETIME,
}
UPDATE = answer(UPDATE_PROPERTIES)
MEASUREMENT_REPORT = answer({**UPDATE_PROPERTIES, "measured_on": DATE})

ACTION = answer({
    **ACTION_BRIEF_PROPERTIES, "description": STR, "body": STR, "weight": INT, "decision": nullable(ID),
    "decision_reference": nullable(STR), "objective": nullable(ID), "action_line": nullable(INT),
    "updates": array(ref("ProgressUpdate")),
})

OBJECTIVE = answer({
    "id": ID, "title": STR, "description": STR, "body": STR, "action_line": INT, "indicator": STR, "unit": STR,
    "baseline": nullable(NUMBER), "target": nullable(NUMBER), "target_date": nullable(DATE), "is_public": BOOL,
    "sums_actions": BOOL, "progress": nullable(NUMBER), "progress_source": nullable(enum(("indicator", "actions"))),
    "latest_value": nullable(NUMBER),
    "measurements": array(answer({"value": nullable(NUMBER), "measured_on": DATE, "comment": STR})),
    "actions": array(ref("ActionBrief")), "updates": array(ref("ProgressUpdate")), "url": STR,
})

_FILE_KEYS = ("download_url", "filename", "content_type", "size", "version", "text_extraction")
DOCUMENT = {
    **answer({
        "id": ID, "title": STR, "kind": enum(DOCUMENT_KINDS), "state": enum(CONTENT_WORKFLOW.states),
        "body": nullable(STR), "folder": nullable(ID), "meeting": nullable(ID), "agenda_item": nullable(ID),
        "tags": array(STR), "url": STR, "updated_at": nullable(DATETIME),
        # a file's current version; a page has none of these
        "download_url": STR, "filename": STR, "content_type": STR, "size": INT, "version": ID,
        "text_extraction": enum(EXTRACTION_STATUSES),
    }, optional=_FILE_KEYS),
    "dependentRequired": {"download_url": list(_FILE_KEYS[1:])},
}

MINUTES_COMMENT = answer({
    "id": ID, "meeting": ID, "item": nullable(ID), "text": STR, "author": nullable(STR), "created_at": DATETIME,
    "answer": nullable(STR), "answered_at": nullable(DATETIME), "answered_by": nullable(STR),
})

_FACET = {"type": "object", "additionalProperties": {"type": "integer", "minimum": 0}}
SEARCH_RESULTS = answer({
    "total": {"type": "integer", "minimum": 0}, "page": ID, "pages": ID, "fuzzy": BOOL,
    "results": array(answer({
        "type": STR, "id": ID, "title": STR, "url": STR, "snippet": STR, "body": nullable(STR),
        "year": nullable(STR), "state": nullable(STR), "action_line": nullable(STR),
    })),
    "facets": answer({name: _FACET for name in ("type", "body", "year", "action_line", "state")}),
})

# --- what the calls take -------------------------------------------------------------------------

AGENDA_VERSION = nullable({"type": "integer", "description": "The agenda version the change was based on: "
                                                             "409 when the agenda changed since."})
REASON = text(MAX_REASON, description="Why a locked text changes (required once the minutes are locked).")
ACTION_LINE = nullable({"type": "integer", "minimum": 1, "description": "The action line's number (1-4)."})

MEETING_FIELDS = {
    "title": line(300), "start": DATETIME, "end": nullable(DATETIME), "location": line(300),
    "online_url": line(500, format="uri"), "is_public": BOOL,
}
ITEM_FIELDS = {
    "title": line(MAX_ITEM_TITLE, minLength=1), "description": text(100_000), "kind": enum(AGENDA_ITEM_KINDS),
    "presenter": line(200), "action_line": ACTION_LINE,
    "duration": nullable({"type": "integer", "minimum": 1, "maximum": 600}), "public": BOOL,
}
ACTION_FIELDS = {
    "title": line(MAX_TITLE, minLength=1), "description": text(MAX_DESCRIPTION),
    "owner": nullable(line(320, description='"user:<id>", "organisation:<id>", an e-mail address or an '
                                            "organisation's name.")),
    "due": nullable(DATE), "objective": nullable(ID), "status": enum(ACTION_STATUSES),
    "weight": {"type": "integer", "minimum": 0, "maximum": 1000},
}
OBJECTIVE_FIELDS = {
    "title": line(MAX_TITLE, minLength=1), "description": text(MAX_DESCRIPTION), "indicator": line(MAX_TITLE),
    "unit": line(MAX_UNIT), "baseline": nullable(NUMBER), "target": nullable(NUMBER),
    "target_date": nullable(DATE), "action_line": {"type": "integer", "minimum": 1}, "is_public": BOOL,
    "sums_actions": BOOL,
}


def request_object(properties: dict, required: tuple = ()) -> dict:
    """A JSON object a call takes; keys it does not know are ignored."""
    return {"type": "object", "properties": properties, "required": list(required)}


REQUESTS = {
    "Login": request_object({"email": line(320), "password": STR}, ("email", "password")),
    "PasswordResetRequest": request_object({"email": line(254)}, ("email",)),
    "NewMeeting": request_object({"body": line(100), **MEETING_FIELDS}, ("body", "start")),
    "MeetingChange": request_object({**MEETING_FIELDS, "agenda_version": AGENDA_VERSION}),
    "MeetingTransition": request_object({"transition": enum(t.name for t in MEETING_WORKFLOW.transitions),
                                         "comment": text(1000)}, ("transition",)),
    "DocumentTransition": request_object({"transition": enum(t.name for t in CONTENT_WORKFLOW.transitions),
                                          "comment": text(1000)}, ("transition",)),
    "NewItem": request_object({**ITEM_FIELDS, "agenda_version": AGENDA_VERSION}, ("title",)),
    "ItemChange": request_object({**ITEM_FIELDS, "skipped": BOOL, "skip_reason": text(1000),
                                  "agenda_version": AGENDA_VERSION}),
    "AgendaVersion": request_object({"agenda_version": AGENDA_VERSION}),
    "Move": request_object({"position": {"type": "integer", "minimum": 1}, "agenda_version": AGENDA_VERSION},
                           ("position",)),
    "Attendance": array(request_object({"user": ID, "status": nullable(enum(ATTENDANCE_STATUSES)),
                                        "substitute": nullable(ID)}, ("user",))),
    "MinutesText": request_object({"text": text(MAX_MINUTES_TEXT), "reason": REASON,
                                   "base_revision": nullable(ID)}, ("text",)),
    "Comment": request_object({"comment": text(1000)}),
    "NewDecision": request_object({"text": text(MAX_DECISION_TEXT, minLength=1), "action_line": ACTION_LINE,
                                   "reason": REASON}, ("text",)),
    "DecisionChange": request_object({"text": text(MAX_DECISION_TEXT, minLength=1), "action_line": ACTION_LINE,
                                      "reason": REASON}),
    "Ballot": request_object({
        "members": {"type": "object", "propertyNames": {"pattern": "^[0-9]+$"},
                    "additionalProperties": nullable(enum(VOTE_CHOICES))},
        "counts": request_object({choice: nullable({"type": "integer", "minimum": 0, "maximum": 10_000})
                                  for choice in VOTE_CHOICES}),
        "unanimous": BOOL, "secret": BOOL, "reason": REASON,
    }),
    "NewAction": request_object(ACTION_FIELDS, ("title",)),
    "NewActionInBody": request_object({"body": line(100), **ACTION_FIELDS}, ("body", "title")),
    "ActionChange": request_object(ACTION_FIELDS),
    "Progress": request_object({"value": nullable(NUMBER), "progress": nullable({"type": "integer", "minimum": 0,
                                                                                  "maximum": 100}),
                                "status": nullable(enum(ACTION_STATUSES)), "comment": text(MAX_COMMENT)}),
    "NewObjective": request_object({"body": line(100), **OBJECTIVE_FIELDS}, ("body", "title", "action_line")),
    "ObjectiveChange": request_object(OBJECTIVE_FIELDS),
    "Measurement": request_object({"value": NUMBER, "measured_on": nullable(DATE), "comment": text(MAX_COMMENT)},
                                  ("value",)),
    "NewPage": request_object({
        "title": line(MAX_TITLE, minLength=1), "text": STR, "description": STR, "tags": nullable(array(line(100))),
        "body": nullable(line(100)), "folder": nullable(ID), "meeting": nullable(ID), "agenda_item": nullable(ID),
    }, ("title", "text")),
    "NewFile": {"type": "object", "required": ["file", "title"], "properties": {
        "file": {"type": "string", "contentMediaType": "application/octet-stream"},
        "title": line(MAX_TITLE, minLength=1), "description": STR, "tags": array(line(100)), "body": line(100),
        "folder": ID, "meeting": ID, "agenda_item": ID,
    }},
    "NewAttachments": {"type": "object", "required": ["file"], "properties": {
        "file": array({"type": "string", "contentMediaType": "application/octet-stream"}),
        "visibility": enum(CONTENT_WORKFLOW.states),
    }},
    "NewMinutesComment": request_object({"text": text(MAX_MINUTES_COMMENT, minLength=1), "item": nullable(ID)},
                                        ("text",)),
}

ANSWERS = {
    "Error": ERROR, "Token": answer({"token": STR}),
    "Accepted": answer({"status": {"type": "string", "enum": ["accepted"]}, "message": STR}), "Me": ME, "FixedItem": FIXED_ITEM, "Body": BODY,
    "MeetingSummary": MEETING_SUMMARY, "AgendaItem": AGENDA_ITEM, "PostponedItem": POSTPONED_ITEM,
    "Meeting": MEETING, "MeetingDownloads": MEETING_DOWNLOADS, "Revision": REVISION, "Minutes": MINUTES, "Vote": VOTE, "Decision": DECISION,
    "ActionBrief": ACTION_BRIEF, "Action": ACTION, "ProgressUpdate": UPDATE, "MeasurementReport": MEASUREMENT_REPORT,
    "Objective": OBJECTIVE, "Document": DOCUMENT, "MinutesComment": MINUTES_COMMENT, "SearchResults": SEARCH_RESULTS,
    "ApprovedPrevious": answer({"meeting": ID, "state": enum(MEETING_WORKFLOW.states)}),
    "Locked": answer({"item": ID, "locked": {"const": True}}),
}
SCHEMAS = {**ANSWERS, **REQUESTS}

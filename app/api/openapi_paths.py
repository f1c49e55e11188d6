"""The operations of the API's contract: one entry per route under /api (app.url_map), with the
statuses each can answer. tests/api/test_openapi.py checks that the two lists stay the same."""
from app.api.openapi_schemas import ID, array, ref

#: what every operation may answer besides its own: bad input (a NUL in the query, say) and an
#: unreachable database
COMMON_ERRORS = (400, 503)

PAGING_HEADERS = {
    "X-Total-Count": "How many items the whole list holds.",
    "X-Page": "The page answered (from 1).",
    "X-Per-Page": "Items per page (1-200, default 50).",
    "Link": 'RFC 8288 links to the first, prev, next and last pages (rel="first" ...).',
}
PAGING = (
    {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1_000_000_000},
     "description": "The page, from 1; past the end: an empty list."},
    {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200}},
)


def path_id(name: str) -> dict:
    return {"name": name, "in": "path", "required": True, "schema": {**ID, "maximum": 2**31 - 1}}


def query(name: str, schema: dict, description: str = "") -> dict:
    parameter = {"name": name, "in": "query", "schema": schema}
    return {**parameter, "description": description} if description else parameter


def operation(operation_id: str, summary: str, tag: str, answer, *, status: int = 200, errors=(),
              login: bool = False, public: bool = False, body: str | dict | None = None, body_required=True,
              parameters=(), paged: bool = False, links: dict | None = None) -> dict:
    """One operation. `answer` is a schema (or None for 204); `login`: only with a bearer token
    (401 without); `public`: no token asked at all; otherwise a token is optional (the anonymous
    public reads what is published)."""
    codes = sorted(set(COMMON_ERRORS) | set(errors) | ({401} if login else set()) | ({413} if body else set()))
    success = {"description": summary}
    if answer is not None:
        success["content"] = {"application/json": {"schema": answer}}
    if paged:
        success["headers"] = {name: {"$ref": f"#/components/headers/{name}"} for name in PAGING_HEADERS}
    if links:
        success["links"] = links
    spec = {
        "operationId": operation_id, "summary": summary, "tags": [tag],
        "responses": {str(status): success, **{str(code): {"$ref": f"#/components/responses/{code}"}
                                                for code in codes}},
    }
    if public:
        spec["security"] = []
    elif not login:
        spec["security"] = [{}, {"bearerAuth": []}]
    parameters = list(parameters) + (list(PAGING) if paged else [])
    if parameters:
        spec["parameters"] = parameters
    if body is not None:
        content = body if isinstance(body, dict) else {"application/json": {"schema": ref(body)}}
        spec["requestBody"] = {"required": body_required, "content": content}
    return spec


def link(operation_id: str, **parameters) -> dict:
    return {"operationId": operation_id, "parameters": parameters}


MEETING = path_id("meeting_id")
ITEM = path_id("item_id")
ON_ITEM = (MEETING, ITEM)
WRITE = (403, 404, 409)
MEETING_LINKS = {
    "GetMeeting": link("getMeeting", meeting_id="$response.body#/id"),
    "AddItem": link("addItem", meeting_id="$response.body#/id"),
    "TransitionMeeting": link("transitionMeeting", meeting_id="$response.body#/id"),
}
ITEM_LINKS = {
    "PutMinutes": link("putItemMinutes", meeting_id="$request.path.meeting_id", item_id="$response.body#/id"),
    "AddDecision": link("createDecision", meeting_id="$request.path.meeting_id", item_id="$response.body#/id"),
    "UpdateItem": link("updateItem", meeting_id="$request.path.meeting_id", item_id="$response.body#/id"),
}
DECISION_LINKS = {
    "GetDecision": link("getDecision", decision_id="$response.body#/id"),
    "AddAction": link("createAction", decision_id="$response.body#/id"),
    "Vote": link("putVote", decision_id="$response.body#/id"),
}
ACTION_LINKS = {"GetAction": link("getAction", action_id="$response.body#/id"),
                "ReportProgress": link("reportProgress", action_id="$response.body#/id")}
OBJECTIVE_LINKS = {"GetObjective": link("getObjective", objective_id="$response.body#/id"),
                   "ReportValue": link("reportObjectiveValue", objective_id="$response.body#/id")}
DOCUMENT_LINKS = {"GetDocument": link("getDocument", document_id="$response.body#/id"),
                  "TransitionDocument": link("transitionDocument", document_id="$response.body#/id")}
OPTIONAL_VERSION = {"application/json": {"schema": ref("AgendaVersion")}}
DOCUMENT_BODY = {"application/json": {"schema": ref("NewPage")},
                 "multipart/form-data": {"schema": ref("NewFile")}}

PATHS = {
    "/api/openapi.json": {"get": operation("getOpenAPI", "This contract, as OpenAPI 3.1.", "contract",
                                           {"type": "object"}, public=True)},
    "/api/login": {"post": operation("login", "A bearer token for e-mail address and password.", "auth",
                                     ref("Token"), public=True, body="Login", errors=(401, 429))},
    "/api/password-reset": {"post": operation(
        "requestPasswordReset", "Mail a link to choose a new password when the address has an account; "
        "always 202 with the same body.", "auth", ref("Accepted"), status=202, public=True,
        body="PasswordResetRequest", errors=(400,))},
    "/api/me": {"get": operation("getMe", "The signed-in user, global roles and roles per body.", "auth",
                                 ref("Me"), login=True)},
    "/api/bodies": {"get": operation("listBodies", "Every body, with its fixed agenda items.", "bodies",
                                     array(ref("Body")))},
    "/api/bodies/{slug}": {"get": operation(
        "getBody", "One body by slug.", "bodies", ref("Body"), errors=(404,),
        parameters=({"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},))},
    "/api/meetings": {
        "get": operation("listMeetings", "The meetings the caller may read, newest first.", "meetings",
                         array(ref("MeetingSummary")), errors=(404,), paged=True,
                         parameters=(query("body", {"type": "string"}, "A body's slug (404 when unknown)."),)),
        "post": operation("createMeeting", "Plan a meeting: its agenda holds the body's fixed items.", "meetings",
                          ref("Meeting"), status=201, login=True, body="NewMeeting", errors=(403,),
                          links=MEETING_LINKS),
    },
    "/api/meetings/{meeting_id}": {
        "get": operation("getMeeting", "A meeting with its agenda, attendance and decisions.", "meetings",
                         ref("Meeting"), errors=(403, 404), parameters=(MEETING,)),
        "patch": operation("patchMeeting", "Change title, time, place, online link or public flag.", "meetings",
                           ref("Meeting"), login=True, body="MeetingChange", errors=WRITE, parameters=(MEETING,)),
    },
    "/api/meetings/{meeting_id}/transition": {"post": operation(
        "transitionMeeting", "Move the meeting along its workflow (409 when a guard refuses).", "meetings",
        ref("Meeting"), login=True, body="MeetingTransition", errors=WRITE, parameters=(MEETING,))},
    "/api/meetings/{meeting_id}/items": {"post": operation(
        "addItem", "Add an agenda item.", "agenda", ref("AgendaItem"), status=201, login=True, body="NewItem",
        errors=WRITE, parameters=(MEETING,), links=ITEM_LINKS)},
    "/api/meetings/{meeting_id}/items/{item_id}": {
        "patch": operation("updateItem", "Change an agenda item, or skip it (with a reason).", "agenda",
                           ref("AgendaItem"), login=True, body="ItemChange", errors=WRITE, parameters=ON_ITEM),
        "delete": operation("deleteItem", "Remove an agenda item (409 for a fixed item).", "agenda", None,
                            status=204, login=True, body=OPTIONAL_VERSION, body_required=False, errors=WRITE,
                            parameters=ON_ITEM),
    },
    "/api/meetings/{meeting_id}/items/{item_id}/move": {"post": operation(
        "moveItem", "Move an agenda item to another place (from 1).", "agenda", ref("Meeting"), login=True,
        body="Move", errors=WRITE, parameters=ON_ITEM)},
    "/api/meetings/{meeting_id}/items/{item_id}/postpone": {"post": operation(
        "postponeItem", "Postpone an item to the body's next meeting: the copy there.", "agenda",
        ref("PostponedItem"), status=201, login=True, body=OPTIONAL_VERSION, body_required=False, errors=WRITE,
        parameters=ON_ITEM)},
    "/api/meetings/{meeting_id}/attendance": {"put": operation(
        "recordAttendance", "Record who attended (status null clears).", "meetings", ref("Meeting"), login=True,
        body="Attendance", errors=WRITE, parameters=(MEETING,))},
    "/api/meetings/{meeting_id}/items/{item_id}/minutes": {
        "get": operation("getItemMinutes", "The minutes of an agenda item, with their revisions.", "minutes",
                         ref("Minutes"), errors=(403, 404), parameters=ON_ITEM),
        "put": operation("putItemMinutes", "Save the minutes of an agenda item (Markdown).", "minutes",
                         ref("Minutes"), login=True, body="MinutesText", errors=WRITE, parameters=ON_ITEM),
    },
    "/api/meetings/{meeting_id}/approve-previous-minutes": {"post": operation(
        "approvePreviousMinutes", "Approve the minutes of the body's previous meeting.", "minutes",
        ref("ApprovedPrevious"), login=True, body="Comment", body_required=False, errors=WRITE,
        parameters=(MEETING,))},
    "/api/meetings/{meeting_id}/items/{item_id}/lock": {"post": operation(
        "lockItem", "Lock an item's minutes and decisions: changes then need a reason.", "minutes",
        ref("Locked"), login=True, errors=WRITE, parameters=ON_ITEM)},
    "/api/meetings/{meeting_id}/items/{item_id}/decisions": {"post": operation(
        "createDecision", "Record a decision under an agenda item.", "decisions", ref("Decision"), status=201,
        login=True, body="NewDecision", errors=WRITE, parameters=ON_ITEM, links=DECISION_LINKS)},
    "/api/meetings/{meeting_id}/decisions": {"get": operation(
        "listMeetingDecisions", "The decisions of one meeting the caller may read.", "decisions",
        array(ref("Decision")), errors=(403, 404), parameters=(MEETING,))},
    "/api/meetings/{meeting_id}/minutes/comments": {
        "get": operation("listMinutesComments", "Members' remarks on the draft minutes.", "minutes",
                         array(ref("MinutesComment")), login=True, errors=(403, 404), parameters=(MEETING,)),
        "post": operation("addMinutesComment", "A remark on the draft minutes (409 once approved).", "minutes",
                          ref("MinutesComment"), status=201, login=True, body="NewMinutesComment", errors=WRITE,
                          parameters=(MEETING,)),
    },
    "/api/decisions": {"get": operation(
        "listDecisions", "The decision list, newest meeting first.", "decisions", array(ref("Decision")),
        paged=True, parameters=(query("body", {"type": "string"}, "A body's slug (400 when unknown)."),
                                query("year", {"type": "integer", "minimum": 1900, "maximum": 2999}),
                                query("action_line", {"type": "integer", "minimum": 1})))},
    "/api/decisions/{decision_id}": {
        "get": operation("getDecision", "A decision with its vote and actions.", "decisions", ref("Decision"),
                         errors=(403, 404), parameters=(path_id("decision_id"),)),
        "patch": operation("patchDecision", "Change a decision's text or action line (a reason once locked).",
                           "decisions", ref("Decision"), login=True, body="DecisionChange", errors=WRITE,
                           parameters=(path_id("decision_id"),)),
    },
    "/api/decisions/{decision_id}/vote": {"put": operation(
        "putVote", "Record the vote: per member, counts, unanimous or secret (409 without quorum).",
        "decisions", ref("Decision"), login=True, body="Ballot", errors=WRITE, parameters=(path_id("decision_id"),))},
    "/api/decisions/{decision_id}/actions": {"post": operation(
        "createAction", "An action that follows from the decision.", "actions", ref("Action"), status=201,
        login=True, body="NewAction", errors=(403, 404), parameters=(path_id("decision_id"),), links=ACTION_LINKS)},
    "/api/actions": {
        "get": operation("listActions", "Actions the caller may read, overdue first.", "actions",
                         array(ref("Action")), paged=True, parameters=(
                             query("status", {"type": "string", "enum": ["open", "gepland", "lopend", "afgerond",
                                                                         "geannuleerd"]}),
                             query("overdue", {"type": "boolean"}),
                             query("action_line", {"type": "integer", "minimum": 1}),
                             query("body", {"type": "string"}, "A body's slug (400 when unknown)."))),
        "post": operation("createActionWithoutDecision", "An action of a body that follows from no decision.",
                          "actions", ref("Action"), status=201, login=True, body="NewActionInBody",
                          errors=(403, 404), links=ACTION_LINKS),
    },
    "/api/actions/{action_id}": {
        "get": operation("getAction", "An action with its progress reports.", "actions", ref("Action"),
                         errors=(403, 404), parameters=(path_id("action_id"),)),
        "patch": operation("patchAction", "Change an action.", "actions", ref("Action"), login=True,
                           body="ActionChange", errors=(403, 404), parameters=(path_id("action_id"),)),
    },
    "/api/actions/{action_id}/progress": {"post": operation(
        "reportProgress", "Report progress: a measured value, percent done, status or a comment.", "actions",
        ref("ProgressUpdate"), status=201, login=True, body="Progress", errors=(403, 404),
        parameters=(path_id("action_id"),))},
    "/api/objectives": {
        "get": operation("listObjectives", "Objectives the caller may read, by action line.", "objectives",
                         array(ref("Objective")), paged=True,
                         parameters=(query("action_line", {"type": "integer", "minimum": 1}),)),
        "post": operation("createObjective", "A measurable objective of a body.", "objectives", ref("Objective"),
                          status=201, login=True, body="NewObjective", errors=(403, 404), links=OBJECTIVE_LINKS),
    },
    "/api/objectives/{objective_id}": {
        "get": operation("getObjective", "An objective with its measurements and actions.", "objectives",
                         ref("Objective"), errors=(403, 404), parameters=(path_id("objective_id"),)),
        "patch": operation("patchObjective", "Change an objective.", "objectives", ref("Objective"), login=True,
                           body="ObjectiveChange", errors=(403, 404), parameters=(path_id("objective_id"),)),
    },
    "/api/objectives/{objective_id}/progress": {"post": operation(
        "reportObjectiveValue", "A measured value of the indicator (409 for an objective summing its actions).",
        "objectives", ref("MeasurementReport"), status=201, login=True, body="Measurement", errors=WRITE,
        parameters=(path_id("objective_id"),))},
    "/api/documents": {"post": operation(
        "createDocument", "A page (JSON `text`) or a file (multipart `file`); state private.", "documents",
        ref("Document"), status=201, login=True, body=DOCUMENT_BODY, errors=(403, 404), links=DOCUMENT_LINKS)},
    "/api/meetings/{meeting_id}/items/{item_id}/documents": {"post": operation(
        "attachDocuments", "Attach one or more files (multipart `file`, repeated) to an agenda item, all or "
        "none; `visibility` defaults to the meeting's (published for an open item of a public meeting, else "
        "internal).", "documents", array(ref("Document")), status=201, login=True,
        body={"multipart/form-data": {"schema": ref("NewAttachments")}}, errors=WRITE, parameters=ON_ITEM)},
    "/api/documents/{document_id}": {"get": operation(
        "getDocument", "A document (404 when the caller may not read it).", "documents", ref("Document"),
        errors=(404,), parameters=(path_id("document_id"),))},
    "/api/documents/{document_id}/transition": {"post": operation(
        "transitionDocument", "Move a document along its workflow.", "documents", ref("Document"), login=True,
        body="DocumentTransition", errors=WRITE, parameters=(path_id("document_id"),))},
    "/api/search": {"get": operation(
        "search", "Full-text search over what the caller may read (503 while the index is damaged).", "search",
        ref("SearchResults"), parameters=(
            query("q", {"type": "string"}, "Words, \"phrases\", AND/OR/NOT; long queries are cut."),
            *(query(name, {"type": "string"}) for name in ("type", "body", "year", "action_line", "state")),
            query("page", {"type": "integer", "minimum": 1}),
            query("pagelen", {"type": "integer", "minimum": 1, "maximum": 100}),
            query("sort", {"type": "string", "enum": ["relevance", "date", "date_asc"]})))},
}

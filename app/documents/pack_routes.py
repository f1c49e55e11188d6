"""The meeting pack as a download: GET /meetings/<id>/pack.pdf (a route of the documents feature,
which knows the files; the meetings feature below it does not)."""
from flask_login import current_user

from app.core.errors import NotAllowed, Unauthenticated
from app.core.permissions import is_anonymous
from app.documents import bp
from app.documents.pack import meeting_pack, pack_filename
from app.exports.pdf import PDF
from app.exports.responses import download
from app.meetings.queries import get_meeting


@bp.get("/meetings/<int:meeting_id>/pack.pdf")
def meeting_pack_pdf(meeting_id: int):
    try:
        meeting = get_meeting(current_user, meeting_id)
    except NotAllowed as refusal:  # as the meeting page: an anonymous visitor signs in first
        if is_anonymous(current_user):
            raise Unauthenticated(refusal.message)
        raise
    return download(meeting_pack(current_user, meeting), pack_filename(meeting), PDF)

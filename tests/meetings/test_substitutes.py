"""Who may stand in: the attendance list offers the body's members and its known substitutes; anyone
else is written in as a guest, whose name the meeting page and the minutes show."""
import io
from datetime import datetime

import pytest
from docx import Document

from app.core.errors import Invalid
from app.extensions import db
from app.meetings.attendance import record_attendance, substitute_choices, voters
from app.meetings.models import Attendance


def _select(page: str, member_id: int) -> str:
    start = page.index(f'name="substitute-{member_id}"')
    return page[start:page.index("</select>", start)]


def test_the_list_offers_members_and_known_substitutes_only(client, people, make_meeting, make_user):
    earlier = make_meeting(state="held", start=datetime(2026, 1, 20, 14, 0))
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0))
    former = make_user(name="Frieda Vroeger", memberships={"taskforce": "plaatsvervanger"})
    stranger = make_user(name="Sam Vreemd", memberships={"toekomstforum-mobiliteit": "lid"})
    record_attendance(people.secretary, earlier, [
        {"user_id": people.member.id, "status": "verontschuldigd", "substitute_id": former.id}])
    former.memberships.clear()  # she left the body, but stood in before: still offered
    db.session.commit()
    assert former in substitute_choices(meeting) and stranger not in substitute_choices(meeting)
    client.login(people.secretary.email)
    page = client.get(f"/meetings/{meeting.id}/attendance").get_data(as_text=True)
    options = _select(page, people.member.id)
    assert "Frieda Vroeger" in options and "Carl Voorzitter" in options
    assert "Sam Vreemd" not in options and "Ada Admin" not in options
    assert f'name="guest-{people.member.id}"' in page
    # a posted stranger is refused with a message, nothing saved
    response = client.submit(f"/meetings/{meeting.id}/attendance", {
        f"status-{people.member.id}": "verontschuldigd", f"substitute-{people.member.id}": str(stranger.id)})
    assert response.status_code == 400 and "bekende plaatsvervanger" in response.get_data(as_text=True)
    assert meeting.attendance == []


def test_a_guest_stands_in_by_name_and_the_minutes_say_so(client, people, make_meeting):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0))
    client.login(people.secretary.email)
    response = client.submit(f"/meetings/{meeting.id}/attendance", {
        f"status-{people.chair.id}": "aanwezig",
        f"status-{people.member.id}": "verontschuldigd", f"guest-{people.member.id}": "  Greet Gast (schepen) "})
    assert response.status_code == 302
    entry = db.session.scalar(db.select(Attendance).filter_by(meeting_id=meeting.id, user_id=people.member.id))
    assert (entry.substitute_id, entry.substitute_name, entry.substitute_label) == (None, "Greet Gast (schepen)",
                                                                                  "Greet Gast (schepen)")
    assert "vervangen door Greet Gast (schepen)" in client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    page = client.get(f"/meetings/{meeting.id}/attendance").get_data(as_text=True)
    assert 'value="Greet Gast (schepen)"' in page
    document = Document(io.BytesIO(client.get(f"/meetings/{meeting.id}/minutes.docx").data))
    text = "\n".join(p.text for p in document.paragraphs) + "\n".join(
        cell.text for table in document.tables for row in table.rows for cell in row.cells)
    assert "Lotte Lid (vervangen door Greet Gast (schepen))" in text
    # a guest has no account to vote with
    assert [v.user.id for v in voters(meeting)] == [people.chair.id]


def test_guest_rules(people, make_meeting, request_ctx):
    meeting = make_meeting(state="held")
    with pytest.raises(Invalid, match="niet allebei"):
        record_attendance(people.secretary, meeting, [{"user_id": people.member.id, "status": "afwezig",
                                                       "substitute_id": people.chair.id, "substitute_name": "Gast"}])
    with pytest.raises(Invalid, match="aanwezig is"):
        record_attendance(people.secretary, meeting, [{"user_id": people.member.id, "status": "aanwezig",
                                                       "substitute_name": "Gast"}])
    with pytest.raises(Invalid):
        record_attendance(people.secretary, meeting, [{"user_id": people.member.id, "status": "afwezig",
                                                       "substitute_name": "Twee\nregels"}])
    record_attendance(people.secretary, meeting, [{"user_id": people.member.id, "status": "afwezig",
                                                   "substitute_name": "Gast"}])
    # a caller that knows no guests (the API's entries) keeps the one recorded
    record_attendance(people.secretary, meeting, [{"user_id": people.member.id, "status": "verontschuldigd"}])
    assert meeting.attendance[0].substitute_label == "Gast"
    # choosing a member instead replaces the guest
    record_attendance(people.secretary, meeting, [{"user_id": people.member.id, "status": "verontschuldigd",
                                                   "substitute_id": people.secretary.id}])
    assert (meeting.attendance[0].substitute_name, meeting.attendance[0].substitute_label) == ("", "Sara Secretaris")

"""A room to vote in: voting members seated and recorded present through the services, as the
secretary does before a vote (votes follow the attendance)."""
from types import SimpleNamespace

from app.auth.services import get_user_by_email
from app.bodies.services import voting_members
from app.meetings.attendance import record_attendance
from tests import factories


def everyone_present(user, meeting, voters: int = 0):
    """Record every voting member of the meeting's body present, after seating new members (lid)
    until the body has at least `voters` of them."""
    body = meeting.body
    for n in range(len(voting_members(body)), voters):
        factories.make_user(f"stemmer{n}.{body.slug}@example.be", f"Stemmer {n}", memberships={body.slug: "lid"})
    record_attendance(user, meeting, [{"user_id": m.user_id, "status": "aanwezig"} for m in voting_members(body)])
    return meeting


def voting_room(people, make_meeting, make_user, item_title: str = "Mobiliteitsplan regio Leuven"):
    """A held Taskforce meeting with a decision to vote on, and this attendance (6 voting members,
    quorum 4 by default):

    present: the chair Carl, the member Lotte, Vera (voorzitter) and Lieve (lid), plus the secretary
    and the observer Dirk, who have no vote; Arno (lid) excused, replaced by Paul (plaatsvervanger);
    Tom (lid) absent. Voters: Carl, Lotte, Vera, Lieve and Paul for Arno.
    """
    meeting = make_meeting(state="held", items=[item_title])
    item = next(i for i in meeting.items if i.title == item_title)
    decision = factories.make_decision(people.secretary, item, "De Taskforce keurt het mobiliteitsplan goed.")
    users = {email: get_user_by_email(email) for email in (
        "voorzitter@spitsregio.be", "lid@spitsregio.be", "lid.acv@spitsregio.be",
        "burgemeester.tienen@spitsregio.be", "vdab@spitsregio.be")}
    room = SimpleNamespace(
        meeting=meeting, item=item, decision=decision, chair=people.chair, member=people.member,
        vera=users["voorzitter@spitsregio.be"], lieve=users["lid@spitsregio.be"],
        arno=users["lid.acv@spitsregio.be"], tom=users["burgemeester.tienen@spitsregio.be"],
        observer=users["vdab@spitsregio.be"], secretary=people.secretary,
        substitute=make_user(name="Paul Plaatsvervanger", memberships={"taskforce": "plaatsvervanger"}),
    )
    record_attendance(people.secretary, meeting, [
        {"user_id": room.chair.id, "status": "aanwezig"},
        {"user_id": room.member.id, "status": "aanwezig"},
        {"user_id": room.vera.id, "status": "aanwezig"},
        {"user_id": room.lieve.id, "status": "aanwezig"},
        {"user_id": room.secretary.id, "status": "aanwezig"},
        {"user_id": room.observer.id, "status": "aanwezig"},
        {"user_id": room.arno.id, "status": "verontschuldigd", "substitute_id": room.substitute.id},
        {"user_id": room.tom.id, "status": "afwezig"},
    ])
    return room

"""An action assigned: its owner is mailed (a person; for an organisation, its people in the
action's body), through the real SMTP server on loopback."""
from datetime import timedelta

import pytest
from sqlalchemy import select

from app.auth.services import get_user_by_email
from app.bodies.models import Organisation
from app.bodies.services import get_body, set_membership
from app.decisions.actions import today, update_action
from app.extensions import db
from app.notify.preferences import update_preferences
from tests.factories import DEMO_MANAGER, make_action


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


def _html(message) -> str:
    return message.get_body(("html",)).get_content()


@pytest.fixture
def vdab(seeded):
    return db.session.scalar(select(Organisation).filter_by(name="VDAB"))


def test_a_person_gets_the_action_with_its_due_date_decision_meeting_and_link(
        app, smtp, secretary, member, make_meeting, make_decision, item_titled):
    app.config["BASE_URL"] = "https://spitsregio.test"
    meeting = make_meeting(state="held", items=["Fietssnelwegen"], title="Taskforce maart")
    decision = make_decision(item_titled(meeting, "Fietssnelwegen"), "De Taskforce vraagt een **timing** voor de F25.")
    due = today() + timedelta(days=20)
    action = make_action(secretary, "Brief aan de deputatie", decision=decision, owner=member.email, due=due.isoformat())

    [message] = smtp.to(member.email)
    assert message["Subject"] == "Nieuwe actie voor jou: Brief aan de deputatie"
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = _text(message)
    assert "Er is een actie aan jou toegewezen." in text
    assert f"Deadline: {due.day} " in text and str(due.year) in text
    assert f"https://spitsregio.test/actions/{action.id}" in text
    assert f"Besluit: {decision.reference} – De Taskforce vraagt een timing voor de F25." in text
    assert f"Vergadering: Taskforce maart (https://spitsregio.test/meetings/{meeting.id})" in text
    html = _html(message)
    assert f'href="https://spitsregio.test/decisions/{decision.id}"' in html and "Taskforce maart" in html
    assert not smtp.to(secretary.email)  # the one who assigns is not mailed


def test_a_new_owner_is_mailed_on_a_change_and_nobody_on_other_edits(app, smtp, secretary, member, chair):
    action = make_action(secretary, "Pendelonderzoek", owner=member.email)
    update_action(secretary, action, {"title": "Pendelonderzoek N2", "owner": member.email})
    assert len(smtp.to(member.email)) == 1  # the same owner: no second mail
    update_action(secretary, action, {"owner": chair.email})
    [message] = smtp.to(chair.email)
    assert "Pendelonderzoek N2" in message["Subject"] and "geen deadline" in _text(message)
    make_action(secretary, "Eigen actie", owner=secretary.email)
    make_action(secretary, "Al afgerond", owner=member.email, status="afgerond")
    assert not smtp.to(secretary.email) and len(smtp.to(member.email)) == 1


def test_an_organisations_action_goes_to_its_people_in_the_body(app, smtp, secretary, make_user, vdab):
    works_there = make_user(name="Vera VDAB", memberships={"taskforce": "lid"}, organisation=vdab)
    works_there.language = "en"
    db.session.commit()
    sits_for_it = make_user(name="Sam Zetel")
    set_membership(get_user_by_email(DEMO_MANAGER), get_body("taskforce"), sits_for_it, "plaatsvervanger", organisation_id=vdab.id)
    elsewhere = make_user(name="Els Elders", memberships={"toekomstforum-mobiliteit": "lid"}, organisation=vdab)
    gone = make_user(name="Gert Weg", memberships={"taskforce": "lid"}, organisation=vdab, active=False)

    make_action(secretary, "Opleidingsaanbod afstemmen", owner="VDAB")

    [english] = smtp.to(works_there.email)
    assert english["Subject"] == "New action for VDAB: Opleidingsaanbod afstemmen"
    assert "You receive this message because you represent VDAB in Taskforce Spitsregio Leuven." in _text(english)
    [dutch] = smtp.to(sits_for_it.email)
    assert "omdat je VDAB vertegenwoordigt in Taskforce Spitsregio Leuven" in _text(dutch)
    assert smtp.to("vdab@spitsregio.be")  # the demo's VDAB observer of the Taskforce
    assert not smtp.to(elsewhere.email) and not smtp.to(gone.email)


def test_who_switched_action_mails_off_gets_none(app, smtp, secretary, member):
    update_preferences(member, {"actions": False})
    make_action(secretary, "Werkgevers bevragen", owner=member.email)
    assert smtp.to(member.email) == []

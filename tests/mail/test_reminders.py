"""`send-reminders`: owners get one mail listing their actions due within a week or overdue, at most
once a day (or once a week by choice); secretaries a weekly digest of their bodies' overdue actions.
Through the real SMTP server on loopback."""
from datetime import timedelta

import pytest
from sqlalchemy import event

from app.auth.models import User
from app.decisions.actions import today
from app.extensions import db
from app.notify.preferences import update_preferences
from app.notify.reminders import send_reminders
from tests.factories import make_action


def _due(days: int) -> str:
    return (today() + timedelta(days=days)).isoformat()


def _mails(smtp, address: str, subject: str) -> list:
    return [m for m in smtp.to(address) if m["Subject"].startswith(subject)]


def _text(message) -> str:
    return message.get_body(("plain",)).get_content()


@pytest.fixture
def owned(secretary, member):
    """The member's actions: two to remind of, three not (later, closed, without a due date)."""
    update_preferences(member, {"actions": False})  # only the reminders matter here, not "assigned"
    return {
        "soon": make_action(secretary, "Fietsparkeerplan opmaken", owner=member.email, due=_due(3)),
        "late": make_action(secretary, "Werkgevers bevragen", owner=member.email, due=_due(-2)),
        "later": make_action(secretary, "Jaarverslag schrijven", owner=member.email, due=_due(30)),
        "closed": make_action(secretary, "Brief versturen", owner=member.email, due=_due(-1), status="afgerond"),
        "undated": make_action(secretary, "Ooit eens doen", owner=member.email),
    }


def test_the_daily_reminder_lists_what_is_due_or_overdue_once_a_day(app, smtp, runner, member, owned):
    app.config["BASE_URL"] = "https://spitsregio.test"
    first = runner.invoke(args=["send-reminders"])
    assert first.exit_code == 0, first.output
    assert f"reminder {member.email}: 2 action(s)" in first.output
    [message] = _mails(smtp, member.email, "Herinnering")
    assert message["Subject"] == "Herinnering: 2 acties vragen je aandacht"
    assert message["List-Unsubscribe"].strip().startswith("<https://spitsregio.test/unsubscribe/")
    text = _text(message)
    assert text.index("Werkgevers bevragen") < text.index("Fietsparkeerplan opmaken")  # overdue first
    assert "2 dagen te laat" in text and "nog 3 dagen" in text
    assert f"https://spitsregio.test/actions/{owned['late'].id}" in text
    for title in ("Jaarverslag schrijven", "Brief versturen", "Ooit eens doen"):
        assert title not in text

    second = runner.invoke(args=["send-reminders"])
    assert second.exit_code == 0, second.output
    assert "queued 0 reminder(s) and 0 digest(s)" in second.output and member.email not in second.output
    assert len(_mails(smtp, member.email, "Herinnering")) == 1


def test_weekly_users_get_one_reminder_per_week(app, smtp, secretary, member, chair):
    make_action(secretary, "Pendelonderzoek", owner=member.email, due=_due(-2))
    make_action(secretary, "Kennisas in kaart", owner=chair.email, due=_due(-2))
    update_preferences(member, {"reminder_frequency": "weekly"})
    monday = today() + timedelta(days=7 - today().weekday())
    for day in (monday, monday + timedelta(days=2), monday + timedelta(days=7)):
        send_reminders(day)
    assert len(_mails(smtp, chair.email, "Herinnering")) == 3  # daily
    weekly = _mails(smtp, member.email, "Herinnering")
    assert len(weekly) == 2 and "Herinnering: 1 actie vraagt je aandacht" == weekly[0]["Subject"]


def test_an_organisations_overdue_action_reminds_its_people(app, smtp, secretary, make_user):
    person = make_user(name="Lien Lid", memberships={"taskforce": "lid"})  # of no organisation
    make_action(secretary, "Opleidingen afstemmen", owner="VDAB", due=_due(-4))
    send_reminders()
    [message] = _mails(smtp, "vdab@spitsregio.be", "Herinnering")  # the demo's VDAB member of the Taskforce
    assert "Opleidingen afstemmen (voor VDAB)" in _text(message) and "4 dagen te laat" in _text(message)
    assert not _mails(smtp, person.email, "Herinnering")


def test_the_digest_lists_only_the_overdue_actions_of_the_secretarys_bodies(
        app, smtp, secretary, other_secretary, member, outsider):
    make_action(secretary, "Taskforce te laat", owner=member.email, due=_due(-5))
    make_action(secretary, "Taskforce binnenkort", owner=member.email, due=_due(2))
    make_action(other_secretary, "Mobiliteit te laat", body="toekomstforum-mobiliteit", owner=outsider.email,
                due=_due(-1))
    run = send_reminders()
    assert {(q.kind, q.recipient) for q in run.queued} >= {("digest", secretary.email), ("digest", other_secretary.email)}

    [digest] = _mails(smtp, secretary.email, "Weekoverzicht")
    assert digest["Subject"] == "Weekoverzicht: 1 actie over tijd"
    text = _text(digest)
    assert "Taskforce Spitsregio Leuven" in text and "Taskforce te laat (Lotte Lid)" in text
    assert "5 dagen te laat" in text
    assert "Taskforce binnenkort" not in text and "Mobiliteit te laat" not in text
    [theirs] = _mails(smtp, other_secretary.email, "Weekoverzicht")
    assert "Mobiliteit te laat" in _text(theirs) and "Taskforce te laat" not in _text(theirs)

    send_reminders(today() + timedelta(days=1) if today().weekday() < 6 else today())
    assert len(_mails(smtp, secretary.email, "Weekoverzicht")) == 1  # once per ISO week


def test_who_switched_reminders_and_digest_off_gets_nothing(app, smtp, secretary, member, owned):
    update_preferences(member, {"reminders": False})
    update_preferences(secretary, {"digest": False})
    run = send_reminders()
    assert member.email not in {q.recipient for q in run.queued}
    assert not _mails(smtp, member.email, "Herinnering") and not _mails(smtp, secretary.email, "Weekoverzicht")


def test_the_number_of_queries_does_not_grow_with_the_number_of_actions(app, smtp, secretary, member):
    """One query per kind of thing read, not one per action (each mail costs a few of its own)."""
    address, secretary_id = member.email, secretary.id
    update_preferences(member, {"actions": False})  # only the reminders matter here, not "assigned"
    make_action(secretary, "Actie 0", owner=address, due=_due(-1))
    make_action(secretary, "Actie 1", owner="VDAB", due=_due(-1))
    first = _count_queries(lambda: send_reminders(today()))
    secretary = db.session.get(User, secretary_id)
    for n in range(2, 6):
        make_action(secretary, f"Actie {n}", owner="VDAB" if n % 2 else address, due=_due(-n))
    # a week later the same mails go to the same people (digests too): no more queries than before
    second = _count_queries(lambda: send_reminders(today() + timedelta(days=7)))
    assert len(_mails(smtp, address, "Herinnering")) == 2
    assert "Actie 5" in _text(_mails(smtp, "vdab@spitsregio.be", "Herinnering")[-1])
    assert second <= first, (first, second)


def _count_queries(call) -> int:
    """The statements `call` runs from a fresh session, as in the command's own process."""
    db.session.expunge_all()
    statements = []
    listener = lambda *args: statements.append(args[2])  # noqa: E731
    event.listen(db.engine, "before_cursor_execute", listener)
    try:
        call()
    finally:
        event.remove(db.engine, "before_cursor_execute", listener)
    return len(statements)

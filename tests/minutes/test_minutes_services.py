from datetime import datetime

import pytest

from app.core.errors import Conflict, Invalid, NotAllowed
from app.minutes import approval, locks, services
from app.minutes.models import MinutesRevision


def test_every_save_is_a_revision_with_author_and_diff(make_meeting, people, item_titled):
    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"])
    item = item_titled(meeting, "Mobiliteitsplan regio Leuven")
    services.save_minutes(people.secretary, item, "De taskforce bespreekt het plan.\nGeen bezwaren.")
    minutes = services.save_minutes(people.secretary, item, "De taskforce bespreekt het plan.\nEén bezwaar.",
                                    base_revision=1)
    assert minutes.text.endswith("Eén bezwaar.")
    revisions = services.list_revisions(people.member, item)
    assert [r.number for r in revisions] == [1, 2]
    assert revisions[0].user_id == people.secretary.id and revisions[0].created_at is not None
    diff = services.compare_revisions(people.member, item, 1, 2)
    assert ("removed", "Geen bezwaren.") in diff and ("added", "Eén bezwaar.") in diff
    assert ("same", "De taskforce bespreekt het plan.") in diff


def test_unchanged_text_adds_no_revision(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Varia")
    services.save_minutes(people.secretary, item, "Niets.")
    services.save_minutes(people.secretary, item, "Niets.")
    assert len(services.list_revisions(people.secretary, item)) == 1


def test_stale_base_revision_is_refused(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Varia")
    services.save_minutes(people.secretary, item, "Eerste")
    services.save_minutes(people.secretary, item, "Tweede", base_revision=1)
    with pytest.raises(Conflict):
        services.save_minutes(people.secretary, item, "Derde", base_revision=1)
    assert services.minutes_text(item) == "Tweede"


def test_restore_adds_a_new_revision(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Varia")
    services.save_minutes(people.secretary, item, "Versie een")
    services.save_minutes(people.secretary, item, "Versie twee")
    services.restore_revision(people.secretary, item, 1)
    revisions = services.list_revisions(people.secretary, item)
    assert [r.text for r in revisions] == ["Versie een", "Versie twee", "Versie een"]
    assert revisions[-1].kind == "restore" and revisions[-1].restored_from == 1
    with pytest.raises(Conflict):
        services.restore_revision(people.secretary, item, 3)


def test_only_the_secretary_edits_and_outsiders_do_not_read(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Varia")
    for user in (people.member, people.chair, people.other_secretary):
        with pytest.raises(NotAllowed):
            services.save_minutes(user, item, "Tekst")
    services.save_minutes(people.secretary, item, "Tekst")
    with pytest.raises(NotAllowed):
        services.list_revisions(people.other_secretary, item)


def test_too_long_text_saves_nothing(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Varia")
    with pytest.raises(Invalid):
        services.save_minutes(people.secretary, item, "x" * (services.MAX_TEXT + 1))
    assert services.get_minutes(item) is None


def test_approving_previous_minutes_locks_them(make_meeting, people, item_titled):
    first = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0))
    second = make_meeting(items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0), state="agenda_published")
    old_item = item_titled(first, "Mobiliteitsplan regio Leuven")
    services.save_minutes(people.secretary, old_item, "Besproken.")
    with pytest.raises(NotAllowed):
        approval.approve_previous_minutes(people.member, second)
    approval.approve_previous_minutes(people.chair, second, "Met een kleine correctie.")
    assert first.state == "minutes_approved"
    assert locks.is_locked(old_item)
    approval_item = item_titled(second, "Goedkeuring verslag vorige vergadering")
    assert "20/01/2026 wordt goedgekeurd" in services.minutes_text(approval_item)
    # a later correction needs a reason, and stays visible as a revision
    with pytest.raises(Conflict):
        services.save_minutes(people.secretary, old_item, "Besproken en aangepast.")
    services.save_minutes(people.secretary, old_item, "Besproken en aangepast.", reason="Typfout in naam")
    last = services.list_revisions(people.secretary, old_item)[-1]
    assert last.kind == "correction" and last.reason == "Typfout in naam"
    with pytest.raises(Conflict):
        approval.approve_previous_minutes(people.chair, second)


def test_approval_needs_a_held_previous_meeting(make_meeting, people):
    make_meeting(items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 1, 20, 14, 0), state="agenda_published")
    second = make_meeting(state="held", items=["Mobiliteitsplan regio Leuven"], start=datetime(2026, 3, 10, 14, 0))
    with pytest.raises(Conflict):
        approval.approve_previous_minutes(people.chair, second)
    first_ever = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"], body="burgemeestersoverleg")
    with pytest.raises(Conflict):
        approval.approve_previous_minutes(people.admin, first_ever)


def test_locked_item_changes_only_with_reason(make_meeting, people, item_titled):
    item = item_titled(make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"]), "Mobiliteitsplan regio Leuven")
    services.save_minutes(people.secretary, item, "Beslist.")
    services.lock_item(people.secretary, item)
    with pytest.raises(Conflict):
        services.save_minutes(people.secretary, item, "Anders beslist.")
    with pytest.raises(Conflict):
        services.lock_item(people.secretary, item)
    services.save_minutes(people.secretary, item, "Anders beslist.", reason="Correctie na nalezing")
    assert MinutesRevision.query.count() == 2


def test_minutes_access_follows_meeting_and_approval(make_meeting, people, item_titled):
    from app.core.permissions import VIEW, can

    meeting = make_meeting(state="held", start=datetime(2026, 3, 10, 14, 0), items=["Mobiliteitsplan regio Leuven"], is_public=True)
    item = item_titled(meeting, "Varia")
    minutes = services.save_minutes(people.secretary, item, "Publiek na goedkeuring")
    assert not can(None, VIEW, minutes) and can(people.member, VIEW, minutes)
    meeting.state = "minutes_approved"
    assert can(None, VIEW, minutes)

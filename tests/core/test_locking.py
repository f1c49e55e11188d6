"""Services that write under a row lock read what another connection committed after this
session loaded it (app/core/locking.py); the threaded run against gunicorn is in
tests/production/test_concurrency.py."""
import pytest
from sqlalchemy import text

from app.core.errors import Conflict, NotFound
from app.core.timeutil import utcnow
from app.extensions import db
from app.meetings import agenda
from app.meetings.models import AgendaItem
from app.minutes import services


def _elsewhere(sql: str, **params) -> None:
    """Another client's transaction, committed while this session holds what it loaded before."""
    with db.engine.begin() as connection:
        connection.execute(text(sql), params)


def test_a_save_sees_the_revision_another_client_committed_meanwhile(make_meeting, people, item_titled):
    item = item_titled(make_meeting(items=["Mobiliteitsplan"]), "Mobiliteitsplan")
    services.save_minutes(people.secretary, item, "Eerste")
    minutes = services.get_minutes(item)
    assert minutes.current_revision.number == 1  # loaded in this session
    _elsewhere("INSERT INTO minutes_revisions (minutes_id, number, text, reason, kind, created_at) "
               "VALUES (:m, 2, 'Van elders', '', 'edit', :now)", m=minutes.id, now=utcnow())
    _elsewhere("UPDATE minutes SET current_revision_id = (SELECT id FROM minutes_revisions "
               "WHERE minutes_id = :m AND number = 2) WHERE id = :m", m=minutes.id)

    with pytest.raises(Conflict):  # based on revision 1, which is no longer current
        services.save_minutes(people.secretary, item, "Hier", base_revision=1)
    saved = services.save_minutes(people.secretary, item, "Hier")
    assert [r.number for r in saved.revisions] == [1, 2, 3]
    assert saved.current_revision.text == "Hier"


def test_an_agenda_save_counts_the_items_another_client_added(make_meeting, people):
    meeting = make_meeting()
    count = len(meeting.items)
    with db.engine.begin() as connection:  # the column defaults filled in as the app would
        connection.execute(AgendaItem.__table__.insert().values(meeting_id=meeting.id, position=count,
                                                                title="Van elders"))
    item = agenda.add_item(people.secretary, meeting, {"title": "Hier"})
    assert item.position == count + 1
    assert sorted(i.position for i in meeting.items) == list(range(count + 2))


def test_an_item_removed_meanwhile_is_a_404_not_a_500(make_meeting, people, item_titled):
    meeting = make_meeting(items=["Weg", "Ook weg"])
    gone, also_gone = item_titled(meeting, "Weg"), item_titled(meeting, "Ook weg")
    _elsewhere("DELETE FROM agenda_items WHERE id IN (:a, :b)", a=gone.id, b=also_gone.id)
    with pytest.raises(NotFound):
        services.save_minutes(people.secretary, gone, "Tekst")
    with pytest.raises(NotFound):
        agenda.update_item(people.secretary, also_gone, {"title": "Nieuw"})

"""check-index finds entries whose readers drifted behind the hooks' back (a raw SQL update, a
restore of an old index), and `reindex --security` refreshes only those; a seat's change reaches
the body's private meetings in a bounded number of queries."""
from pathlib import Path

from sqlalchemy import event

from app.auth.services import get_user_by_email
from app.bodies.models import Membership
from app.bodies.services import get_body, save_organisation, set_membership
from app.extensions import db
from app.search.check import check_index
from app.search.index import backend, drain
from app.search.models import SearchOutbox
from app.search.security import BODY_OWNERS
from tests import factories

BODY = "toekomstforum-werk-economie"


def behind_the_hooks(statement: str, **params) -> None:
    """A change the session hooks never see (raw SQL, as a hand repair or a restore would be)."""
    db.session.execute(db.text(statement), params)
    db.session.execute(db.delete(SearchOutbox))
    db.session.commit()


def outbox():
    return db.session.execute(db.select(SearchOutbox.object_type, SearchOutbox.object_id)).all()


def planned(manager, title: str):
    meeting = factories.make_meeting(manager, BODY, title=title, items=["Besloten punt"])
    factories.make_minutes(manager, meeting.items[-1], f"{title}: verslag")
    return meeting


def test_drift_is_reported_and_reindex_security_repairs_only_that(app, seeded, make_user, make_page, runner,
                                                                  find, request_ctx, search_backend):
    manager = get_user_by_email(factories.DEMO_MANAGER)
    chair = make_user(memberships={BODY: "voorzitter"})
    meeting = planned(manager, "Driftoverleg")
    tree = set(find("driftoverleg", chair))  # the meeting, its items and minutes: a chair owns them
    assert f"meeting:{meeting.id}" in tree and any(key.startswith("minutes:") for key in tree)
    page = make_page("Gewijzigde nota", "driftnota", state="published")
    gone = make_page("Verdwenen nota", "driftnota", state="published").id
    current = Path(app.config["SEARCH_INDEX_PATH"], "CURRENT")
    generation = current.read_text() if search_backend == "whoosh" else None

    behind_the_hooks("UPDATE memberships SET role = 'lid' WHERE user_id = :id", id=chair.id)
    behind_the_hooks("UPDATE documents SET title = 'Anders genoemd' WHERE id = :id", id=page.id)
    behind_the_hooks("DELETE FROM documents WHERE id = :id", id=gone)
    db.session.expire_all()
    assert set(find("driftoverleg", chair)) == tree  # the leak the check must find
    report = check_index()
    assert report["stale_security"] == sorted(tree)
    assert set(report["stale"]) == tree | {f"document:{page.id}"}  # content drift is stale, not security
    assert report["extra"] == [f"document:{gone}"]
    result = runner.invoke(args=["check-index"])
    assert result.exit_code == 1 and f"stale security: {len(tree)} (" in result.output
    assert "reindex --security" in result.output

    result = runner.invoke(args=["reindex", "--security"])
    assert result.exit_code == 0, result.output
    assert f"Refreshed the security of {len(tree) + 1} entries" in result.output
    assert find("driftoverleg", chair) == []
    assert set(find("driftoverleg", manager)) == tree  # refreshed, not dropped
    assert find("driftnota") == [f"document:{page.id}"]  # the superfluous entry is gone
    report = check_index()
    assert report["stale_security"] == report["extra"] == report["missing"] == []
    assert report["stale"] == [f"document:{page.id}"]  # no full rebuild: content drift stays
    if generation is not None:
        assert current.read_text() == generation  # the same Whoosh generation, updated in place
    assert runner.invoke(args=["reindex"]).exit_code == 0
    assert runner.invoke(args=["check-index"]).exit_code == 0


def test_reindex_security_on_an_index_it_cannot_read_says_to_rebuild(app, make_page, runner, search_backend):
    make_page("Nota", "tekst", state="published")
    if search_backend == "whoosh":
        Path(app.config["SEARCH_INDEX_PATH"], "CURRENT").write_bytes(b"\xff\xfe kapot")
    else:
        db.session.execute(db.text("ALTER TABLE search_entries RENAME TO search_entries_weg"))
        db.session.commit()
    try:
        result = runner.invoke(args=["reindex", "--security"])
        assert result.exit_code == 1 and "cannot be read" in result.output
        assert "flask --app wsgi reindex`" in result.output
    finally:
        if search_backend != "whoosh":
            db.session.execute(db.text("ALTER TABLE search_entries_weg RENAME TO search_entries"))
            db.session.commit()


def count_queries(run) -> int:
    statements = []

    def record(*args):
        statements.append(args[2])

    event.listen(db.engine, "before_cursor_execute", record)
    try:
        run()
    finally:
        event.remove(db.engine, "before_cursor_execute", record)
    return len([s for s in statements if "search_outbox" not in s and "pg_" not in s])


def test_a_seat_refreshes_the_private_meetings_of_its_body_in_bulk(app, seeded, make_user, request_ctx,
                                                                 search_backend):
    manager = get_user_by_email(factories.DEMO_MANAGER)
    body = get_body(BODY)
    user = make_user()
    factories.make_meeting(manager, BODY, state="agenda_published")  # not private: not refreshed

    def seat_change_queries(role) -> int:
        app.config["SEARCH_WRITER_TIMEOUT"] = 0  # keep the row in the outbox: drained below
        with backend().writer_lock(5):
            set_membership(manager, body, user, role)
        assert outbox() == [(BODY_OWNERS, body.id)]
        app.config["SEARCH_WRITER_TIMEOUT"] = 10.0
        return count_queries(drain)

    planned(manager, "Eerste")
    few = seat_change_queries("voorzitter")
    for title in ("Tweede", "Derde", "Vierde"):
        planned(manager, title)
    many = seat_change_queries("lid")
    assert many == few, "one query per meeting, item or minutes"

    # Only the organisation a member represents: who may read what does not change.
    organisation = save_organisation(manager, "Testorganisatie", "gemeente")
    set_membership(manager, body, user, "lid", organisation_id=organisation.id)
    assert db.session.scalar(db.select(Membership.organisation_id).filter_by(user_id=user.id)) == organisation.id
    assert outbox() == []

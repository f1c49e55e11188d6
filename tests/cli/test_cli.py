"""`flask create-user` and `flask seed-demo`."""
import pytest

from app.auth.models import User
from app.bodies.models import ActionLine, Body, FixedAgendaItem, Membership, Organisation
from app.core.permissions import EDIT, MANAGE, can
from app.extensions import db
from app.seed import DEMO_PASSWORD

DEMO_TABLES = (User, Organisation, ActionLine, Body, FixedAgendaItem, Membership)


def counts():
    return {model.__name__: db.session.scalar(db.select(db.func.count()).select_from(model)) for model in DEMO_TABLES}


def user(email):
    db.session.expire_all()
    return db.session.scalar(db.select(User).filter_by(email=email))


class Content:
    access_level = "internal"

    def __init__(self, body_id):
        self.body_id = body_id


def test_create_user_with_a_global_role(runner):
    result = runner.invoke(args=["create-user", "Admin@Example.be", "--name", "An Admin",
                                 "--password", "een-lang-wachtwoord", "--role", "beheerder"])
    assert result.exit_code == 0, result.output
    assert "Created admin@example.be (beheerder)" in result.output
    created = user("admin@example.be")
    assert created.name == "An Admin" and created.global_role == "beheerder" and created.memberships == []
    assert can(created, MANAGE)
    from app.auth.services import authenticate
    assert authenticate("admin@example.be", "een-lang-wachtwoord").id == created.id


def test_create_user_with_a_role_local_to_a_body(runner, seeded):
    result = runner.invoke(args=["create-user", "sec@example.be", "--name", "Sec", "--password",
                                 "een-lang-wachtwoord", "--role", "secretaris", "--body", "toekomstforum-mobiliteit"])
    assert result.exit_code == 0, result.output
    created = user("sec@example.be")
    assert created.global_role is None
    [membership] = created.memberships
    assert (membership.body.slug, membership.role) == ("toekomstforum-mobiliteit", "secretaris")
    bodies = {b.slug: b.id for b in db.session.scalars(db.select(Body))}
    assert can(created, EDIT, Content(bodies["toekomstforum-mobiliteit"]))
    assert not can(created, EDIT, Content(bodies["taskforce"]))


def test_create_user_body_without_role_makes_a_lid(runner, seeded):
    result = runner.invoke(args=["create-user", "lid2@example.be", "--name", "Lid", "--password",
                                 "een-lang-wachtwoord", "--body", "taskforce"])
    assert result.exit_code == 0, result.output
    assert [m.role for m in user("lid2@example.be").memberships] == ["lid"]


@pytest.mark.parametrize("args, message", [
    (["--role", "beheerder", "--body", "taskforce"], "beheerder is a global role"),
    (["--body", "bestaat-niet"], "Onbekend orgaan"),
    (["--role", "keizer"], "Invalid value for '--role'"),
])
def test_create_user_refuses_bad_input(runner, seeded, args, message):
    result = runner.invoke(args=["create-user", "x@example.be", "--name", "X", "--password",
                                 "een-lang-wachtwoord", *args])
    assert result.exit_code != 0
    assert message in result.output
    assert user("x@example.be") is None


def test_create_user_refuses_a_short_password_and_a_duplicate(runner):
    result = runner.invoke(args=["create-user", "y@example.be", "--name", "Y", "--password", "kort"])
    assert result.exit_code == 1 and "minstens 10 tekens" in result.output
    runner.invoke(args=["create-user", "y@example.be", "--name", "Y", "--password", "een-lang-wachtwoord"])
    result = runner.invoke(args=["create-user", "Y@example.be", "--name", "Y2", "--password", "een-lang-wachtwoord"])
    assert result.exit_code == 1 and "Er bestaat al een gebruiker" in result.output
    assert user("y@example.be").name == "Y"


def test_seed_demo_loads_the_real_demo_data(runner):
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    assert "beheerder@spitsregio.be" in result.output and DEMO_PASSWORD in result.output
    numbers = counts()
    assert numbers["Body"] == 4 and numbers["ActionLine"] == 4
    gemeenten = db.session.scalar(db.select(db.func.count()).select_from(Organisation).filter_by(kind="gemeente"))
    assert gemeenten == 30
    taskforce = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    assert taskforce.reports_to.slug == "burgemeestersoverleg" and taskforce.min_meetings_per_year == 6
    titles = [item.title for item in taskforce.fixed_items]
    assert "Terugkoppeling Burgemeestersoverleg Oost-Brabant" in titles
    parent = db.session.scalar(db.select(Body).filter_by(slug="burgemeestersoverleg"))
    feedback = [i for i in parent.fixed_items if i.feedback_from_body is not None]
    assert [(i.title, i.feedback_from_body.slug) for i in feedback] == [
        ("Terugkoppeling Taskforce Spitsregio Leuven", "taskforce")]
    from app.auth.services import authenticate
    assert authenticate("secretaris@spitsregio.be", DEMO_PASSWORD).email == "secretaris@spitsregio.be"


def all_table_counts():
    """Row counts of every table, whatever later features add to the demo data."""
    from sqlalchemy import func, select

    return {table.name: db.session.scalar(select(func.count()).select_from(table))
            for table in db.metadata.sorted_tables}


def test_seed_demo_twice_changes_nothing(runner):
    runner.invoke(args=["seed-demo"])
    before = counts()
    everything = all_table_counts()
    fixed = [(i.body_id, i.position, i.title) for i in db.session.scalars(db.select(FixedAgendaItem))]
    result = runner.invoke(args=["seed-demo"])
    assert result.exit_code == 0, result.output
    db.session.expire_all()
    assert counts() == before
    assert all_table_counts() == everything
    assert [(i.body_id, i.position, i.title) for i in db.session.scalars(db.select(FixedAgendaItem))] == fixed


def test_seed_demo_keeps_what_the_beheerder_changed(runner):
    runner.invoke(args=["seed-demo"])
    taskforce = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    varia = taskforce.fixed_items[-1]
    db.session.delete(varia)
    db.session.commit()
    runner.invoke(args=["seed-demo"])
    db.session.expire_all()
    assert "Varia" not in [i.title for i in taskforce.fixed_items]


def test_seed_demo_if_empty_only_seeds_an_empty_database(runner, make_user):
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0 and "Demo data ready." in result.output
    before = counts()
    # a beheerder renames a demo body; `make run` must not bring the old one back
    body = db.session.scalar(db.select(Body).filter_by(slug="toekomstforum-mobiliteit"))
    body.slug = "tf-mobiliteit"
    db.session.commit()
    result = runner.invoke(args=["seed-demo", "--if-empty"])
    assert result.exit_code == 0, result.output
    assert "not loaded again" in result.output and "lid@spitsregio.be" in result.output
    db.session.expire_all()
    assert counts() == before
    assert db.session.scalar(db.select(Body).filter_by(slug="toekomstforum-mobiliteit")) is None

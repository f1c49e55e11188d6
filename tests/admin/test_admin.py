"""The admin UI: only a beheerder gets in; users, organisations, bodies, members, fixed items."""
import re

import pytest

from app.auth.models import User
from app.bodies.models import Body, FixedAgendaItem, Membership, Organisation
from app.extensions import db

ADMIN_PAGES = [
    "/admin/", "/admin/users", "/admin/users/new", "/admin/organisations", "/admin/organisations/new",
    "/admin/bodies", "/admin/bodies/new", "/admin/bodies/taskforce", "/admin/bodies/taskforce/members",
    "/admin/bodies/taskforce/fixed-items",
]


@pytest.fixture
def admin(admin, client):
    """The site manager (tests/conftest.py), logged in."""
    client.login(admin.email)
    return admin


def body(slug):
    return db.session.scalar(db.select(Body).filter_by(slug=slug))


def fixed_titles(slug):
    db.session.expire_all()
    return [item.title for item in body(slug).fixed_items]


#: each admin page's heading, and whether it holds a form of its own (every page has the layout's
#: logout and language forms, so a CSRF token somewhere on the page proves nothing)
ADMIN_PAGE_CONTENT = {
    "/admin/": ("Beheer", False),
    "/admin/users": ("Gebruikers", False),
    "/admin/users/new": ("Nieuwe gebruiker", True),
    "/admin/organisations": ("Organisaties", False),
    "/admin/organisations/new": ("Nieuwe organisatie", True),
    "/admin/bodies": ("Organen", False),
    "/admin/bodies/new": ("Nieuw orgaan", True),
    "/admin/bodies/taskforce": ("Taskforce Spitsregio Leuven", True),
    "/admin/bodies/taskforce/members": ("Taskforce Spitsregio Leuven", True),
    "/admin/bodies/taskforce/fixed-items": ("Taskforce Spitsregio Leuven", True),
}


@pytest.mark.parametrize("page", ADMIN_PAGES)
def test_admin_pages_render_for_a_beheerder(client, admin, page):
    response = client.get(page)
    assert response.status_code == 200, page
    heading, has_form = ADMIN_PAGE_CONTENT[page]
    html = response.get_data(as_text=True)
    assert f"<h1>{heading}</h1>" in html
    main = html[html.index("<main"):html.index("</main>")]
    assert ('<form method="post"' in main and 'name="csrf_token"' in main) == has_form


@pytest.mark.parametrize("role", [None, "secretaris", "voorzitter", "lid"])
def test_non_admin_gets_403(client, seeded, make_user, role):
    user = make_user(global_role=role, memberships={"taskforce": "secretaris"})
    client.login(user.email)
    for page in ADMIN_PAGES:
        assert client.get(page).status_code == 403, page
    response = client.submit("/admin/bodies/new", {"slug": "x", "name": "X", "abbreviation": "X",
                                                   "min_meetings_per_year": "1"})
    assert response.status_code == 403
    assert body("x") is None
    assert "Beheer" not in client.get("/").get_data(as_text=True).split("<main")[0]


def test_anonymous_is_sent_to_login(client, seeded):
    response = client.get("/admin/users")
    assert response.status_code == 302
    assert "/login?next=/admin/users" in response.headers["Location"]


def test_admin_menu_entry_for_beheerder(client, admin):
    header = client.get("/").get_data(as_text=True).split("<main")[0]
    assert 'href="/admin/"' in header


def test_create_body_then_edit_it(client, admin):
    response = client.submit("/admin/bodies/new", {
        "slug": "werkgroep-ruimte", "name": "Werkgroep Ruimte", "abbreviation": "wr",
        "description": "Over bedrijventerreinen.", "reports_to": "taskforce", "min_meetings_per_year": "3",
    })
    assert response.status_code == 302
    created = body("werkgroep-ruimte")
    assert created.name == "Werkgroep Ruimte" and created.abbreviation == "WR"
    assert created.reports_to.slug == "taskforce" and created.min_meetings_per_year == 3

    response = client.submit("/admin/bodies/werkgroep-ruimte", {
        "slug": "werkgroep-ruimte-2", "name": "Werkgroep Ruimte", "abbreviation": "WR",
        "reports_to": "", "min_meetings_per_year": "4",
    })
    assert response.status_code == 302
    assert response.headers["Location"].endswith("/admin/bodies/werkgroep-ruimte-2")
    db.session.expire_all()
    edited = body("werkgroep-ruimte-2")
    assert edited.id == created.id and edited.reports_to is None and edited.min_meetings_per_year == 4
    assert "Werkgroep Ruimte" in client.get("/api/bodies").get_data(as_text=True)


def test_body_form_errors_are_messages_not_500(client, admin):
    bad_slug = client.submit("/admin/bodies/new", {"slug": "Met Spaties", "name": "X", "abbreviation": "X",
                                                   "reports_to": "", "min_meetings_per_year": "0"})
    assert bad_slug.status_code == 400
    assert "kleine letters, cijfers en koppeltekens" in bad_slug.get_data(as_text=True)

    taken = client.submit("/admin/bodies/new", {"slug": "taskforce", "name": "X", "abbreviation": "X",
                                                "reports_to": "", "min_meetings_per_year": "0"})
    assert taken.status_code == 409  # a clash with what exists, shown on the form
    assert "Er bestaat al een orgaan met deze korte naam." in taken.get_data(as_text=True)

    negative = client.submit("/admin/bodies/new", {"slug": "x", "name": "X", "abbreviation": "X",
                                                   "reports_to": "", "min_meetings_per_year": "-1"})
    assert negative.status_code == 400 and body("x") is None

    # the Burgemeestersoverleg cannot report to the Taskforce, which reports to it
    cycle = client.submit("/admin/bodies/burgemeestersoverleg", {
        "slug": "burgemeestersoverleg", "name": "Burgemeestersoverleg Oost-Brabant", "abbreviation": "BO",
        "reports_to": "taskforce", "min_meetings_per_year": "4"})
    assert cycle.status_code == 400
    assert "aan zichzelf rapporteren" in cycle.get_data(as_text=True)
    db.session.expire_all()
    assert body("burgemeestersoverleg").reports_to is None


def test_unknown_body_is_404(client, admin):
    assert client.get("/admin/bodies/bestaat-niet/members").status_code == 404


def test_add_member_change_role_remove(client, admin, make_user):
    person = make_user(name="Nele Nieuw", email="nele@example.be")
    voka = db.session.scalar(db.select(Organisation).filter_by(name="VOKA"))
    page = client.get("/admin/bodies/taskforce/members").get_data(as_text=True)
    assert "Nele Nieuw (nele@example.be)" in page

    response = client.submit("/admin/bodies/taskforce/members", {
        "add-user": str(person.id), "add-role": "plaatsvervanger", "add-organisation": str(voka.id)})
    assert response.status_code == 302
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=person.id, body_id=body("taskforce").id))
    assert membership.role == "plaatsvervanger" and membership.organisation_id == voka.id
    page = client.get("/admin/bodies/taskforce/members").get_data(as_text=True)
    assert "Nele Nieuw" in page and "Nele Nieuw (nele@example.be)" not in page  # no longer offered

    response = client.submit(f"/admin/bodies/taskforce/members/{membership.id}/role",
                             {f"m{membership.id}-role": "secretaris"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, membership.id).role == "secretaris"

    response = client.submit(f"/admin/bodies/taskforce/members/{membership.id}/remove")
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Membership, membership.id) is None


def test_member_of_another_body_cannot_be_reached_through_this_one(client, admin):
    seat = db.session.scalar(db.select(Membership).filter_by(body_id=body("burgemeestersoverleg").id))
    response = client.submit(f"/admin/bodies/taskforce/members/{seat.id}/remove")
    assert response.status_code == 404
    assert db.session.get(Membership, seat.id) is not None


def test_add_member_twice_is_a_form_message(client, admin):
    lid = db.session.scalar(db.select(User).filter_by(email="lid@spitsregio.be"))
    response = client.submit("/admin/bodies/taskforce/members", {"add-user": str(lid.id), "add-role": "voorzitter"})
    # an existing member is not offered, so the choice itself is refused
    assert response.status_code == 400
    assert db.session.scalar(db.select(Membership).filter_by(user_id=lid.id, body_id=body("taskforce").id)).role == "lid"


def test_member_rows_show_the_stored_role_after_a_refused_add(client, admin):
    response = client.submit("/admin/bodies/taskforce/members", {"add-user": "999999", "add-role": "lid"})
    assert response.status_code == 400
    seat = db.session.scalar(db.select(Membership).join(User).filter(User.email == "secretaris@spitsregio.be",
                                                                     Membership.body_id == body("taskforce").id))
    select = re.search(rf'<select id="m{seat.id}-role".*?</select>', response.get_data(as_text=True), re.S).group(0)
    assert re.search(r'<option selected value="secretaris">|<option value="secretaris" selected>', select)


def test_add_member_defaults_to_the_persons_organisation(client, admin, make_user):
    person = make_user(email="org@example.be")
    acv = db.session.scalar(db.select(Organisation).filter_by(name="ACV"))
    person.organisation_id = acv.id
    db.session.commit()
    client.submit("/admin/bodies/toekomstforum-mobiliteit/members",
                  {"add-user": str(person.id), "add-role": "lid", "add-organisation": ""})
    membership = db.session.scalar(db.select(Membership).filter_by(user_id=person.id))
    assert membership.organisation_id == acv.id


def test_fixed_items_add_edit_move_remove(client, admin):
    url = "/admin/bodies/toekomstforum-mobiliteit/fixed-items"
    assert fixed_titles("toekomstforum-mobiliteit") == ["Goedkeuring verslag vorige vergadering", "Rondvraag"]

    response = client.submit(url, {"title": "Stand van zaken mobiliteitsplan", "description": "**Vast**",
                                   "kind": "ter_bespreking", "mandatory": "mandatory", "feedback_from": "taskforce"})
    assert response.status_code == 302
    assert fixed_titles("toekomstforum-mobiliteit")[-1] == "Stand van zaken mobiliteitsplan"
    item = body("toekomstforum-mobiliteit").fixed_items[-1]
    assert item.kind == "ter_bespreking" and item.mandatory and item.feedback_from_body.slug == "taskforce"
    page = client.get(url).get_data(as_text=True)
    assert "<strong>Vast</strong>" in page and "Terugkoppeling van Taskforce Spitsregio Leuven" in page

    # move it to the top, in two steps
    for _ in range(2):
        assert client.submit(f"{url}/{item.id}/move", {"direction": "up"}).status_code == 302
    assert fixed_titles("toekomstforum-mobiliteit") == [
        "Stand van zaken mobiliteitsplan", "Goedkeuring verslag vorige vergadering", "Rondvraag"]
    positions = [i.position for i in body("toekomstforum-mobiliteit").fixed_items]
    assert positions == [0, 1, 2]

    # further up is refused with a message, not a 500
    response = client.submit(f"{url}/{item.id}/move", {"direction": "up"}, follow_redirects=True)
    assert response.status_code == 200
    assert "kan niet verder verplaatst worden" in response.get_data(as_text=True)

    # down once
    client.submit(f"{url}/{item.id}/move", {"direction": "down"})
    assert fixed_titles("toekomstforum-mobiliteit")[1] == "Stand van zaken mobiliteitsplan"

    # edit: standing, other kind, no feedback
    response = client.submit(f"{url}/{item.id}", {"title": "Mobiliteitsplan", "description": "",
                                                  "kind": "ter_informatie", "mandatory": "standing",
                                                  "feedback_from": ""})
    assert response.status_code == 302
    db.session.expire_all()
    item = db.session.get(FixedAgendaItem, item.id)
    assert (item.title, item.kind, item.mandatory, item.feedback_from_body) == (
        "Mobiliteitsplan", "ter_informatie", False, None)

    # remove: the others close ranks
    assert client.submit(f"{url}/{item.id}/remove").status_code == 302
    assert fixed_titles("toekomstforum-mobiliteit") == ["Goedkeuring verslag vorige vergadering", "Rondvraag"]
    assert [i.position for i in body("toekomstforum-mobiliteit").fixed_items] == [0, 1]


def test_fixed_item_edit_form_is_prefilled(client, admin):
    item = body("taskforce").fixed_items[1]
    page = client.get(f"/admin/bodies/taskforce/fixed-items/{item.id}").get_data(as_text=True)
    assert 'value="Terugkoppeling Burgemeestersoverleg Oost-Brabant"' in page
    assert re.search(r'<option selected value="burgemeestersoverleg">|<option value="burgemeestersoverleg" selected>',
                     page)


def test_fixed_item_errors(client, admin):
    url = "/admin/bodies/taskforce/fixed-items"
    empty = client.submit(url, {"title": "", "kind": "ter_informatie", "mandatory": "mandatory"})
    assert empty.status_code == 400
    own = client.submit(url, {"title": "Zelf", "kind": "ter_informatie", "mandatory": "mandatory",
                              "feedback_from": "taskforce"})
    assert own.status_code == 400  # the body itself is not a choice
    other_body_item = body("burgemeestersoverleg").fixed_items[0]
    assert client.get(f"{url}/{other_body_item.id}").status_code == 404
    assert client.submit(f"{url}/{other_body_item.id}/remove").status_code == 404
    assert len(fixed_titles("taskforce")) == 4


def test_create_and_edit_user(client, admin):
    voka = db.session.scalar(db.select(Organisation).filter_by(name="VOKA"))
    response = client.submit("/admin/users/new", {
        "name": "Piet Nieuw", "email": "Piet@Example.be", "global_role": "", "organisation": str(voka.id),
        "active": "y"})
    assert response.status_code == 302
    user = db.session.scalar(db.select(User).filter_by(email="piet@example.be"))
    assert user.name == "Piet Nieuw" and user.organisation_id == voka.id and user.active
    assert user.global_role is None

    # edit: global role, deactivate; a password is never typed here (tests/auth: the invitation)
    assert 'type="password"' not in client.get(f"/admin/users/{user.id}").get_data(as_text=True)
    response = client.submit(f"/admin/users/{user.id}", {
        "name": "Piet Nieuw", "email": "piet@example.be", "global_role": "secretaris", "organisation": ""})
    assert response.status_code == 302
    db.session.expire_all()
    user = db.session.get(User, user.id)
    assert user.global_role == "secretaris" and not user.active and user.organisation_id is None


def test_user_form_errors(client, admin, make_user):
    make_user(email="bestaat@example.be")
    duplicate = client.submit("/admin/users/new", {"name": "X", "email": "bestaat@example.be", "global_role": "",
                                                   "organisation": ""})
    assert duplicate.status_code == 409
    assert "Er bestaat al een gebruiker met dit e-mailadres." in duplicate.get_data(as_text=True)
    no_name = client.submit("/admin/users/new", {"name": "", "email": "x@example.be", "global_role": "",
                                                 "organisation": ""})
    assert no_name.status_code == 400
    bad_role = client.submit("/admin/users/new", {"name": "X", "email": "x@example.be", "global_role": "keizer",
                                                  "organisation": ""})
    assert bad_role.status_code == 400
    assert db.session.scalar(db.select(User).filter_by(email="x@example.be")) is None


def test_admin_cannot_demote_themselves(client, admin):
    response = client.submit(f"/admin/users/{admin.id}", {"name": admin.name, "email": admin.email,
                                                          "global_role": "lid", "organisation": "", "active": "y"})
    assert response.status_code == 400
    assert "eigen beheerdersrechten" in response.get_data(as_text=True)
    db.session.expire_all()
    assert db.session.get(User, admin.id).global_role == "beheerder"


def test_organisations_create_and_edit(client, admin):
    response = client.submit("/admin/organisations/new", {"name": "KU Leuven", "kind": "deskundige"})
    assert response.status_code == 302
    organisation = db.session.scalar(db.select(Organisation).filter_by(name="KU Leuven"))
    assert organisation.kind == "deskundige"
    assert "KU Leuven" in client.get("/admin/organisations").get_data(as_text=True)
    response = client.submit(f"/admin/organisations/{organisation.id}", {"name": "KU Leuven", "kind": "taskforce"})
    assert response.status_code == 302
    db.session.expire_all()
    assert db.session.get(Organisation, organisation.id).kind == "taskforce"
    duplicate = client.submit("/admin/organisations/new", {"name": "VOKA", "kind": "vakbond"})
    assert duplicate.status_code == 409
    assert "Er bestaat al een organisatie met deze naam." in duplicate.get_data(as_text=True)

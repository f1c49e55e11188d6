"""The shared page pieces (templates/_macros.html): a form keeps its token, labels and errors, an
add form gives way to its message when there is nothing to add, a list shows its empty message."""
import re

from app.auth.models import User
from app.bodies.models import Body
from app.bodies.services import set_membership
from app.extensions import db


def test_add_form_gives_way_when_everyone_is_a_member(client, admin, request_ctx):
    taskforce = db.session.scalar(db.select(Body).filter_by(slug="taskforce"))
    seated = {m.user_id for m in taskforce.memberships}
    for user in db.session.scalars(db.select(User).where(User.active.is_(True))):
        if user.id not in seated:
            set_membership(admin, taskforce, user, "lid", new=True)
    client.login(admin.email)
    page = client.get("/admin/bodies/taskforce/members").get_data(as_text=True)
    assert '<h2 id="add-member">' in page and 'aria-labelledby="add-member"' not in page
    assert "Alle actieve gebruikers zijn al lid." in page and 'href="/admin/users/new"' in page


def test_a_refused_admin_form_keeps_token_labels_and_errors(client, admin):
    client.login(admin.email)
    response = client.submit("/admin/organisations/new", {"name": ""})
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    form = re.search(r'<form method="post" novalidate>.*?</form>', page, re.S).group(0)
    assert 'name="csrf_token"' in form and '<label for="name">' in form
    assert 'id="name-error" role="alert"' in form and 'aria-invalid="true"' in form
    assert 'href="/admin/organisations">Annuleren</a>' in form


def test_empty_lists_say_so(client, seeded):
    page = client.get("/").get_data(as_text=True)
    assert "Er zijn geen komende vergaderingen die u kunt inzien." in page
    assert '<ul class="card-list">' not in page.split('id="upcoming-title"')[1].split("</section>")[0]

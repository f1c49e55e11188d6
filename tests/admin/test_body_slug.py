"""Beheer, new body: an empty short name (slug) is made from the name, accents stripped, and kept
unique; the form carries what the script needs to show it while the name is typed."""
import re

import pytest

from app.bodies.models import Body
from app.core.text import slugify
from app.extensions import db


def _new_body(client, name, slug=""):
    return client.submit("/admin/bodies/new", {"slug": slug, "name": name, "abbreviation": "X", "reports_to": "",
                                               "min_meetings_per_year": "0", "majority_rule": "simple"})


def _slugs_named(name):
    return [body.slug for body in db.session.scalars(db.select(Body).filter_by(name=name).order_by(Body.id))]


@pytest.mark.parametrize("name, slug", [
    ("Werkgroep Économie & Ruimte", "werkgroep-economie-ruimte"),
    ("  Comité d'Overleg – Mobiliteit!  ", "comite-d-overleg-mobiliteit"),
    ("Straße 2030", "strae-2030"),
    ("ÅÇÎ", "aci"),
    ("—", ""),
])
def test_slugify(name, slug):
    assert slugify(name) == slug


def test_an_empty_slug_is_made_from_the_name_and_kept_unique(client, admin):
    client.login(admin.email)
    for _ in range(3):
        response = _new_body(client, "Werkgroep Économie")
        assert response.status_code == 302, response.get_data(as_text=True)[:300]
    assert _slugs_named("Werkgroep Économie") == ["werkgroep-economie", "werkgroep-economie-2", "werkgroep-economie-3"]
    assert response.headers["Location"].endswith("/admin/bodies/werkgroep-economie-3")
    # a seeded slug is taken too
    assert _new_body(client, "Taskforce").status_code == 302
    assert _slugs_named("Taskforce") == ["taskforce-2"]


def test_a_typed_slug_wins_and_a_name_without_letters_is_refused(client, admin):
    client.login(admin.email)
    assert _new_body(client, "Werkgroep Ruimte", slug="ruimte").status_code == 302
    assert _slugs_named("Werkgroep Ruimte") == ["ruimte"]
    refused = _new_body(client, "–––")
    assert refused.status_code == 400
    assert "kleine letters, cijfers en koppeltekens" in refused.get_data(as_text=True)


def test_editing_a_body_keeps_the_slug_required(client, admin):
    client.login(admin.email)
    response = client.submit("/admin/bodies/taskforce", {"slug": "", "name": "Taskforce Spitsregio Leuven",
                                                          "abbreviation": "TF", "min_meetings_per_year": "6",
                                                          "majority_rule": "simple", "reports_to": ""})
    assert response.status_code == 400
    assert "kleine letters, cijfers en koppeltekens" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(Body).filter_by(name="Taskforce Spitsregio Leuven")).slug == "taskforce"


def test_the_new_body_form_offers_the_suggestion_script(client, admin):
    client.login(admin.email)
    page = client.get("/admin/bodies/new").get_data(as_text=True)
    slug_input = re.search(r'<input[^>]*name="slug"[^>]*>', page).group(0)
    assert 'data-slug-from="name"' in slug_input
    taken = re.search(r'data-taken="([^"]*)"', slug_input).group(1).split()
    assert {"taskforce", "burgemeestersoverleg"} <= set(taken)
    assert "/static/js/slug.js" in page and "Leeg: wordt gemaakt uit de naam." in page
    edit = client.get("/admin/bodies/taskforce").get_data(as_text=True)
    assert "data-slug-from" not in edit and "slug.js" not in edit

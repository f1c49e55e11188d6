"""Document pages and the documents API: create, edit, move, workflow, attach to an agenda item."""
import io

from app.documents import services
from app.documents.models import Document, Folder
from app.extensions import db


def test_secretary_creates_folder_and_page_through_the_pages(secretary, member, client):
    client.login("sec@example.be")
    response = client.submit("/documents/folders/new", {"title": "Actieplan", "body": "taskforce"})
    assert response.status_code == 302
    folder = db.session.scalar(db.select(Folder))
    response = client.submit("/documents/new?kind=page", {
        "title": "Actieplan Spitsregio Leuven", "text": "# Doelen\n\nMeer **fietsers**.",
        "tags": "mobiliteit, fiets, Mobiliteit", "body": "taskforce", "folder": str(folder.id)})
    assert response.status_code == 302, response.get_data(as_text=True)[:800]
    document = db.session.scalar(db.select(Document))
    assert document.state == "private" and document.folder_id == folder.id
    assert document.tag_names == ["fiets", "mobiliteit"]
    page = client.get(f"/documents/{document.id}").get_data(as_text=True)
    assert "<strong>fietsers</strong>" in page and "Privé" in page
    listing = client.get(f"/documents?folder={folder.id}").get_data(as_text=True)
    assert "Actieplan Spitsregio Leuven" in listing
    client.logout()
    client.login("lid@example.be")
    assert client.get(f"/documents/{document.id}").status_code == 404
    assert "Actieplan Spitsregio Leuven" not in client.get("/documents").get_data(as_text=True)


def test_workflow_rename_and_move_through_the_pages(secretary, member, client):
    document = services.create_document(secretary, "Nota", text="tekst", body_slug="taskforce")
    folder = services.create_folder(secretary, "Archief", body_slug="taskforce")
    client.login("sec@example.be")
    assert client.submit(f"/documents/{document.id}/transition", {"transition": "share"}).status_code == 302
    response = client.submit(f"/documents/{document.id}/edit", {
        "title": "Nota (herzien)", "text": "nieuwe tekst", "tags": "", "comment": "hernoemd"})
    assert response.status_code == 302
    assert client.submit(f"/documents/{document.id}/move", {"folder": str(folder.id)}).status_code == 302
    db.session.expire_all()
    document = db.session.get(Document, document.id)
    assert (document.state, document.title, document.folder_id) == ("internal", "Nota (herzien)", folder.id)
    client.logout()
    client.login("lid@example.be")
    page = client.get(f"/documents/{document.id}")
    assert page.status_code == 200 and "Nota (herzien)" in page.get_data(as_text=True)
    # a member may read but not publish or edit
    assert client.submit(f"/documents/{document.id}/transition", {"transition": "publish"}).status_code == 403
    assert client.get(f"/documents/{document.id}/edit").status_code == 403


def test_upload_through_the_page(secretary, client, samples):
    client.login("sec@example.be")
    response = client.submit("/documents/new?kind=file", {
        "title": "Jaarverslag 2025", "body": "taskforce", "file": (io.BytesIO(samples.pdf("Jaarverslag")), "jv.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 302
    response = client.submit("/documents/new?kind=file", {
        "title": "Vals", "body": "taskforce", "file": (io.BytesIO(b"\x89PNG\r\n\x1a\n"), "foto.pdf")},
        content_type="multipart/form-data")
    assert response.status_code == 400 and "past niet bij de extensie" in response.get_data(as_text=True)


def test_documents_attached_to_an_agenda_item(secretary, member, make_meeting, item_titled, app):
    from flask import render_template_string
    from flask_login import login_user

    meeting = make_meeting(state="agenda_published", items=["Mobiliteitsplan"])
    item = item_titled(meeting, "Mobiliteitsplan")
    shown = services.create_document(secretary, "Bijlage mobiliteit", text="x", agenda_item_id=item.id)
    services.transition_document(secretary, shown, "share")
    hidden = services.create_document(secretary, "Concept", text="x", agenda_item_id=item.id)
    assert shown.meeting_id == meeting.id and shown.body_id == meeting.body_id
    assert services.documents_for_item(item, member) == [shown]
    assert services.documents_for_item(item, secretary) == [shown, hidden]  # by title: Bijlage, Concept
    with app.test_request_context("/"):
        login_user(member)
        html = render_template_string(
            '{% with documents=documents_for_item(item, current_user) %}{% include "documents/_attached.html" %}{% endwith %}',
            item=item)
    assert "Bijlage mobiliteit" in html and "Concept" not in html


def test_api_creates_pages_and_files_and_moves_them_through_the_workflow(secretary, member, api, client, samples):
    assert client.raw.post("/api/documents", json={"title": "x", "text": "y"}).status_code == 401
    api.login("sec@example.be")
    response = api.post("/api/documents", json={"title": "Nota mobiliteit", "text": "# Nota", "body": "taskforce",
                                                  "tags": ["mobiliteit"]})
    assert response.status_code == 201
    page = response.get_json()
    assert page["state"] == "private" and page["url"] == f"/documents/{page['id']}" and "download_url" not in page
    response = api.post("/api/documents", data={
        "title": "Verslag", "body": "taskforce", "file": (io.BytesIO(samples.docx("Verslag tekst")), "verslag.docx")},
        content_type="multipart/form-data")
    assert response.status_code == 201, response.get_json()
    upload = response.get_json()
    assert upload["download_url"] == f"/documents/{upload['id']}/download" and upload["text_extraction"] == "ok"
    bad = api.post("/api/documents", data={"title": "X", "body": "taskforce", "file": (io.BytesIO(b"MZ\x00\x00"), "a.pdf")},
                   content_type="multipart/form-data")
    assert bad.status_code == 400 and bad.get_json()["error"]
    response = api.post(f"/api/documents/{page['id']}/transition", json={"transition": "publish"})
    assert response.status_code == 200 and response.get_json()["state"] == "published"
    assert api.post(f"/api/documents/{page['id']}/transition", json={"transition": "nonsense"}).status_code == 400
    api.login("lid@example.be")
    assert api.post("/api/documents", json={"title": "x", "text": "y", "body": "taskforce"}).status_code == 403
    assert api.post(f"/api/documents/{page['id']}/transition", json={"transition": "retract"}).status_code == 403
    assert api.get(f"/api/documents/{upload['id']}").status_code == 404  # private: not even its existence


def test_a_refusal_on_a_form_page_is_a_403_not_a_form_message(secretary, member, client):
    """A member may read the Taskforce's documents but not add to them: the page says 403, it does
    not show the refusal as something to correct on the form."""
    client.login("lid@example.be")
    response = client.submit("/documents/folders/new", {"title": "Eigen map", "body": "taskforce"})
    assert response.status_code == 403
    assert 'name="title"' not in response.get_data(as_text=True)
    response = client.submit("/documents/new?kind=page", {"title": "Eigen nota", "text": "x", "body": "taskforce"})
    assert response.status_code == 403
    assert db.session.scalar(db.select(Folder)) is None and db.session.scalar(db.select(Document)) is None

"""Attaching one or several files to an agenda item: visibility from the meeting, all or nothing, the
meeting page's form (back at the item), and the API."""
import io
from pathlib import Path

import pytest
from flask import current_app

from app.core.errors import Invalid, NotAllowed
from app.core.workflow import history
from app.documents.attachments import attach_files, default_visibility
from app.documents.models import Document, DocumentFile
from app.extensions import db
from app.meetings import agenda, services as meetings


def stored_files() -> list[Path]:
    root = Path(current_app.config["UPLOAD_PATH"])
    return [path for path in root.rglob("*") if path.is_file()] if root.exists() else []


def documents_of(item) -> list[Document]:
    db.session.expire_all()
    return db.session.scalars(db.select(Document).filter_by(agenda_item_id=item.id).order_by(Document.title)).all()


@pytest.fixture
def item(make_meeting, secretary, item_titled):
    meeting = make_meeting(user=secretary, items=["Fietssnelweg F25"], is_public=True)
    return item_titled(meeting, "Fietssnelweg F25")


# --- the service ---------------------------------------------------------------------------------

def test_files_of_a_public_meeting_are_published_and_the_workflow_records_it(secretary, item, samples):
    added = attach_files(secretary, item, [(samples.pdf("Trace"), "Nota_trace-F25.pdf"),
                                           (samples.docx("Budget"), "Budget F25.docx")])
    assert [d.title for d in added] == ["Nota trace-F25", "Budget F25"]
    assert {d.state for d in added} == {"published"}
    assert all(d.meeting_id == item.meeting_id and d.body_id == item.meeting.body_id for d in added)
    assert [step.transition for step in history(added[0], "document")] == ["publish"]
    assert len(stored_files()) == 2


def test_visibility_follows_the_meeting_and_the_item(secretary, make_meeting, item_titled, samples):
    internal_meeting = make_meeting(user=secretary, items=["Jobbeurs"])
    jobbeurs = item_titled(internal_meeting, "Jobbeurs")
    assert default_visibility(jobbeurs) == "internal"
    (document,) = attach_files(secretary, jobbeurs, [(samples.pdf("Jobbeurs"), "jobbeurs.pdf")])
    assert document.state == "internal"
    public_meeting = make_meeting(user=secretary, items=["Personeelsdossier"], is_public=True)
    closed = item_titled(public_meeting, "Personeelsdossier")
    agenda.update_item(secretary, closed, {"public": False})
    assert default_visibility(closed) == "internal"  # a closed (besloten) item never shows its files
    with pytest.raises(Invalid, match="besloten"):
        attach_files(secretary, closed, [(samples.pdf("Dossier"), "dossier.pdf")], "published")
    (private,) = attach_files(secretary, closed, [(samples.pdf("Dossier"), "dossier.pdf")], "private")
    assert private.state == "private"
    with pytest.raises(Invalid):
        attach_files(secretary, closed, [(samples.pdf("Dossier"), "dossier.pdf")], "geheim")


def test_one_bad_file_among_several_saves_nothing(secretary, item, samples):
    with pytest.raises(Invalid) as refused:
        attach_files(secretary, item, [(samples.pdf("Goed"), "goed.pdf"),
                                       (b"\x89PNG\r\n\x1a\n....", "foto.pdf"),
                                       (samples.docx("Ook goed"), "ook-goed.docx")])
    assert "foto.pdf" in refused.value.message and "niets toegevoegd" in refused.value.message
    assert documents_of(item) == [] and db.session.scalars(db.select(DocumentFile)).all() == []
    assert stored_files() == []


def test_a_file_refused_after_the_first_was_stored_is_rolled_back(secretary, item, samples, monkeypatch):
    """A failure while storing the second file (after the first is stored and flushed) undoes both."""
    from app.documents import uploads
    real = uploads.add_file
    calls = []

    def failing_second(user, document, data, filename):
        calls.append(filename)
        if len(calls) == 2:
            raise Invalid("schijf vol")
        return real(user, document, data, filename)

    monkeypatch.setattr(uploads, "add_file", failing_second)
    with pytest.raises(Invalid, match="schijf vol"):
        attach_files(secretary, item, [(samples.pdf("Een"), "een.pdf"), (samples.pdf("Twee"), "twee.pdf")])
    assert calls == ["een.pdf", "twee.pdf"]
    assert documents_of(item) == [] and stored_files() == []


def test_size_limit_no_files_and_permissions(secretary, member, other_secretary, item, samples, app):
    app.config["DOCUMENT_MAX_BYTES"] = 1024 * 1024
    with pytest.raises(Invalid, match="te groot"):
        attach_files(secretary, item, [(samples.pdf("Klein"), "klein.pdf"), (b"%PDF-" + b"0" * 1024 * 1024, "groot.pdf")])
    with pytest.raises(Invalid, match="minstens één"):
        attach_files(secretary, item, [(b"", "")])
    for outsider in (member, other_secretary):
        with pytest.raises(NotAllowed):
            attach_files(outsider, item, [(samples.pdf("X"), "x.pdf")])
    assert documents_of(item) == []


# --- the meeting page ----------------------------------------------------------------------------

def test_the_meeting_page_attaches_two_files_and_returns_to_the_item(client, secretary, member, item, samples):
    meeting = item.meeting
    client.login("sec@example.be")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    url = f"/meetings/{meeting.id}/items/{item.id}/documents"
    assert f'action="{url}"' in page and 'type="file"' in page and "multiple" in page
    assert "Voor punt 4: Fietssnelweg F25." in page
    # the visibility of a public meeting is chosen by default
    form = page[page.index(f'action="{url}"'):]
    assert '<option value="published" selected>' in form[:form.index("</form>")]
    response = client.submit(url, {"files": [(io.BytesIO(samples.pdf("Trace")), "Trace F25.pdf"),
                                             (io.BytesIO(samples.docx("Budget")), "Budget F25.docx")],
                                   "visibility": "internal"}, content_type="multipart/form-data")
    assert response.status_code == 302
    assert response.headers["Location"].endswith(f"/meetings/{meeting.id}#item-{item.id}")
    shown = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    card = shown[shown.index(f'id="item-{item.id}"'):]
    card = card[:card.index("</ul>", card.index('class="attached-documents"'))]
    assert "Trace F25" in card and "Budget F25" in card
    assert [d.state for d in documents_of(item)] == ["internal", "internal"]
    client.logout()
    client.login("lid@example.be")
    page = client.get(f"/meetings/{meeting.id}").get_data(as_text=True)
    assert "Documenten toevoegen" not in page
    assert client.submit(url, {"files": [(io.BytesIO(samples.pdf("X")), "x.pdf")]},
                         content_type="multipart/form-data").status_code == 403


def test_a_bad_file_on_the_page_says_which_and_adds_nothing(client, secretary, item, samples):
    url = f"/meetings/{item.meeting_id}/items/{item.id}/documents"
    client.login("sec@example.be")
    response = client.submit(url, {"files": [(io.BytesIO(samples.pdf("Goed")), "goed.pdf"),
                                             (io.BytesIO(b"MZ\x90\x00"), "programma.exe")]},
                             content_type="multipart/form-data")
    assert response.status_code == 400
    text = response.get_data(as_text=True)
    assert "Er is niets toegevoegd: programma.exe wordt geweigerd." in text
    assert "Documenten toevoegen aan punt 4: Fietssnelweg F25" in text
    assert documents_of(item) == []
    empty = client.submit(url, {"visibility": "internal"}, content_type="multipart/form-data")
    assert empty.status_code == 400 and "Kies minstens één bestand." in empty.get_data(as_text=True)
    # the form's own page (without JavaScript, or to correct) offers the meeting's default
    page = client.get(url).get_data(as_text=True)
    assert '<option selected value="published">' in page or '<option value="published" selected>' in page


# --- the API -------------------------------------------------------------------------------------

def test_api_attaches_several_files_or_none(api, secretary, member, item, samples):
    url = f"/api/meetings/{item.meeting_id}/items/{item.id}/documents"
    api.login("sec@example.be")
    response = api.post(url, data={"file": [(io.BytesIO(samples.pdf("Een")), "een.pdf"),
                                            (io.BytesIO(samples.odt("Twee")), "twee.odt")]},
                        content_type="multipart/form-data")
    assert response.status_code == 201, response.get_json()
    answer = response.get_json()
    assert [d["title"] for d in answer] == ["een", "twee"]
    assert {d["state"] for d in answer} == {"published"} and {d["agenda_item"] for d in answer} == {item.id}
    assert all(d["download_url"] for d in answer)
    response = api.post(url, data={"file": [(io.BytesIO(samples.pdf("Drie")), "drie.pdf"),
                                            (io.BytesIO(b"niet-utf8 \xff\xfe"), "vier.txt")], "visibility": "private"},
                        content_type="multipart/form-data")
    assert response.status_code == 400 and "vier.txt" in response.get_json()["error"]
    assert len(documents_of(item)) == 2
    response = api.post(url, data={"file": (io.BytesIO(samples.pdf("Vijf")), "vijf.pdf"), "visibility": "private"},
                        content_type="multipart/form-data")
    assert response.status_code == 201 and response.get_json()[0]["state"] == "private"
    assert api.post(url, data={"visibility": "private"}, content_type="multipart/form-data").status_code == 400
    api.login("lid@example.be")
    response = api.post(url, data={"file": (io.BytesIO(samples.pdf("Zes")), "zes.pdf")},
                        content_type="multipart/form-data")
    assert response.status_code == 403
    assert len(documents_of(item)) == 3


def test_anonymous_public_sees_only_published_attachments(client, secretary, item, samples):
    attach_files(secretary, item, [(samples.pdf("Publiek"), "publiek.pdf")])
    attach_files(secretary, item, [(samples.pdf("Intern"), "intern-stuk.pdf")], "internal")
    meetings.transition_meeting(secretary, item.meeting, "publish_agenda")
    page = client.get(f"/meetings/{item.meeting_id}").get_data(as_text=True)
    assert "publiek" in page and "intern-stuk" not in page

"""The meeting pack, agenda.pdf and minutes.pdf, read back with pypdf: real LibreOffice conversions
(a module-wide conversion cache keeps the suite fast), the reader's permissions, broken files, and
a server without LibreOffice."""
import pytest

from tests.exports.conftest import START
from tests.exports.pdf_reading import outline, read, text
from tests.factories import make_file, make_minutes

pytestmark = pytest.mark.usefixtures("shared_cache")


@pytest.mark.slow
def test_member_pack_bookmarks_documents_and_page_numbers(client, member, pack_meeting):
    client.login("lid@example.be")
    response = client.get(f"/meetings/{pack_meeting.id}/pack.pdf")
    reader = read(response)
    assert "vergaderbundel-taskforce-2026-12-15.pdf" in response.headers["Content-Disposition"]
    tree = outline(reader)
    assert [entry[0] for entry in tree] == [
        "Agenda", "1. Goedkeuring verslag vorige vergadering", "2. Terugkoppeling Burgemeestersoverleg Oost-Brabant",
        "3. Opvolging acties", "4. Varia", "5. Fietssnelweg F25", "6. Personeelsdossier"]
    fietssnelweg, closed = tree[5], tree[6]
    assert [child[0] for child in fietssnelweg[2]] == ["Interne analyse", "Nota tracé", "Persbericht"]
    assert [child[0] for child in closed[2]] == ["Dossier"]
    pages = len(reader.pages)
    cover = text(reader, 0, 1)
    assert "Vergaderbundel" in cover and "Taskforce Spitsregio Leuven" in cover
    assert "dinsdag 15 december 2026, 14:00 – 16:00" in cover and "Provinciehuis Leuven" in cover
    assert "https://meet.example.be/tf" in cover and f"Pagina 1 van {pages}" in cover
    assert f"Pagina {pages} van {pages}" in text(reader, pages - 1)
    # each document behind its separator page, in agenda order
    analyse, nota, persbericht = (child[1] for child in fietssnelweg[2])
    separator = text(reader, analyse, analyse + 1)
    assert "Agendapunt 5" in separator and "Bijlage 1 van 3" in separator and "analyse.docx" in separator
    assert "Vertrouwelijke analyse van de kosten" in text(reader, analyse + 1, nota)
    assert "Tekst van de nota over het trace" in text(reader, nota + 1, persbericht)
    assert "Het persbericht over de F25." in text(reader, persbericht + 1, closed[2][0][1])
    assert "**" not in text(reader)
    # the items' bookmarks point into the agenda, which comes right after the cover
    assert tree[0][1] == 1 and all(1 <= entry[1] < analyse for entry in tree[1:])
    assert "Fietssnelweg F25" in text(reader, fietssnelweg[1], fietssnelweg[1] + 1)


@pytest.mark.slow
def test_public_pack_holds_only_published_documents_of_open_items(client, secretary, pack_meeting, samples):
    reader = read(client.get(f"/meetings/{pack_meeting.id}/pack.pdf"))
    tree = outline(reader)
    assert [entry[0] for entry in tree][-1] == "5. Fietssnelweg F25"
    assert [child[0] for child in tree[-1][2]] == ["Nota tracé", "Persbericht"]
    everything = text(reader)
    for hidden in ("Interne analyse", "Vertrouwelijke", "Personeelsdossier", "Dossier", "Gevoelig"):
        assert hidden not in everything
    assert "Tekst van de nota over het trace" in everything
    # cached until a document changes: the same bytes, then a new attachment shows up
    again = client.get(f"/meetings/{pack_meeting.id}/pack.pdf").data
    assert again == client.get(f"/meetings/{pack_meeting.id}/pack.pdf").data
    item = next(item for item in pack_meeting.items if item.title == "Fietssnelweg F25")
    make_file(secretary, "Kaart", "kaart.pdf", samples.pdf("Kaart van het trace"), state="published",
              meeting_id=pack_meeting.id, agenda_item_id=item.id)
    tree = outline(read(client.get(f"/meetings/{pack_meeting.id}/pack.pdf")))
    assert [child[0] for child in tree[-1][2]] == ["Kaart", "Nota tracé", "Persbericht"]


@pytest.mark.slow
def test_broken_and_locked_files_get_a_page_saying_why(client, secretary, make_meeting, samples):
    meeting = make_meeting(user=secretary, start=START, items=["Bijlagen"])
    item = next(item for item in meeting.items if item.title == "Bijlagen")
    link = {"meeting_id": meeting.id, "agenda_item_id": item.id, "state": "internal"}
    broken = make_file(secretary, "Kapotte nota", "kapot.pdf", b"%PDF-1.4\n1 0 obj << /Type /Catalog", **link)
    make_file(secretary, "Geheime nota", "geheim.pdf", samples.encrypted_pdf("geheim"), **link)
    make_file(secretary, "Goede nota", "goed.pdf", samples.pdf("Een goede nota"), **link)
    client.login("sec@example.be")
    reader = read(client.get(f"/meetings/{meeting.id}/pack.pdf"))
    (bijlagen,) = [entry for entry in outline(reader) if entry[0].endswith("Bijlagen")]
    documents = {child[0]: child[1] for child in bijlagen[2]}
    assert list(documents) == ["Geheime nota", "Goede nota", "Kapotte nota"]
    broken_page = text(reader, documents["Kapotte nota"], documents["Kapotte nota"] + 1)
    assert "Niet opgenomen in deze bundel" in broken_page and "beschadigd" in broken_page
    assert f"/documents/{broken.id}/download" in broken_page
    assert "wachtwoord" in text(reader, documents["Geheime nota"], documents["Goede nota"])
    assert "Een goede nota" in text(reader, documents["Goede nota"] + 1, documents["Kapotte nota"])
    assert "2 documenten konden niet worden opgenomen" in text(reader, 0, 1)
    assert len(reader.pages) == documents["Kapotte nota"] + 1  # the broken file added no pages


def test_without_libreoffice_the_pack_links_what_it_cannot_convert(app, client, member, pack_meeting, tmp_path):
    app.config.update(SOFFICE_PATH="/nonexistent/soffice", PDF_CACHE_PATH=str(tmp_path / "cold"))
    client.login("lid@example.be")
    reader = read(client.get(f"/meetings/{pack_meeting.id}/pack.pdf"))
    assert "LibreOffice ontbreekt" in text(reader, 0, 1)
    tree = outline(reader)
    children = {child[0]: child[1] for child in tree[5][2]}
    analyse = text(reader, children["Interne analyse"], children["Nota tracé"])
    assert "Niet opgenomen in deze bundel" in analyse and "LibreOffice" in analyse
    assert "Tekst van de nota over het trace" in text(reader, children["Nota tracé"] + 1)  # PDFs still merged
    agenda_pages = text(reader, 1, tree[5][1] + 1)
    assert "Agenda" in agenda_pages and "5. Fietssnelweg F25" in agenda_pages
    refused = client.get(f"/meetings/{pack_meeting.id}/agenda.pdf", headers={"Accept": "application/json"})
    assert refused.status_code == 503 and "LibreOffice" in refused.get_json()["error"]


@pytest.mark.slow
def test_agenda_and_minutes_pdf_follow_the_word_exports(client, secretary, make_meeting, item_titled, pack_meeting):
    agenda_pdf = read(client.get(f"/meetings/{pack_meeting.id}/agenda.pdf"))
    assert "Fietssnelweg F25" in text(agenda_pdf) and "Personeelsdossier" not in text(agenda_pdf)
    held = make_meeting(user=secretary, state="held", items=["Jobbeurs"], is_public=True)
    make_minutes(secretary, item_titled(held, "Jobbeurs"), "De jobbeurs gaat door in **Tienen**.")
    for suffix in ("docx", "pdf"):  # draft minutes: never public, as the Word file
        assert client.get(f"/meetings/{held.id}/minutes.{suffix}").status_code == 403
    client.login("sec@example.be")
    minutes = text(read(client.get(f"/meetings/{held.id}/minutes.pdf")))
    assert "Jobbeurs" in minutes and "De jobbeurs gaat door in Tienen." in minutes


def test_exports_refused_where_the_word_files_are(client, secretary, outsider, make_meeting):
    meeting = make_meeting(user=secretary, state="agenda_published")  # internal: the Taskforce only
    client.login("tf-hv@example.be")
    for url in ("agenda.docx", "agenda.pdf", "pack.pdf", "minutes.docx", "minutes.pdf"):
        assert client.get(f"/meetings/{meeting.id}/{url}").status_code == 403, url
    client.logout()
    for url in ("agenda.docx", "pack.pdf"):  # the anonymous visitor is asked to sign in
        assert client.get(f"/meetings/{meeting.id}/{url}").status_code == 302
    assert client.get("/meetings/999999/pack.pdf").status_code == 404


def test_without_libreoffice_the_text_agenda_shows_descriptions_as_text_and_skipped_items(
        app, api, client, secretary, item_titled, pack_meeting, tmp_path):
    app.config.update(SOFFICE_PATH="", PDF_CACHE_PATH=str(tmp_path / "cold"))
    api.login("sec@example.be")
    items = f"/api/meetings/{pack_meeting.id}/items"
    fietssnelweg, varia = item_titled(pack_meeting, "Fietssnelweg F25"), item_titled(pack_meeting, "Varia")
    assert api.patch(f"{items}/{fietssnelweg.id}", json={"description": "Het **tracé** langs de _vaart_."}
                     ).status_code == 200
    assert api.patch(f"{items}/{varia.id}", json={"skipped": True, "skip_reason": "Geen punten"}).status_code == 200
    reader = read(client.get(f"/meetings/{pack_meeting.id}/pack.pdf"))
    agenda = text(reader, 1, outline(reader)[5][2][0][1])
    assert "Het tracé langs de vaart." in agenda and "**" not in agenda
    assert "Vervalt deze keer: Geen punten" in agenda

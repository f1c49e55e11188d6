"""The pack is built on demand and kept until the meeting, its agenda or an attachment changes:
an unchanged meeting is served without building again, every change gives a new pack, and readers
who may read different things never get each other's pack."""
import io
import time
from dataclasses import dataclass

import pytest
from pypdf import PdfReader

import app.documents.pack as pack_module
from app.documents.models import Document
from app.documents.services import replace_file
from app.extensions import db
from tests.exports.pdf_reading import outline, read, text

pytestmark = pytest.mark.usefixtures("shared_cache")


@pytest.fixture
def builds(monkeypatch):
    """The packs built (not served from the cache) since the test began, as their item titles."""
    built = []
    real = pack_module.build_pack

    def counting(pack):
        built.append([item.title for item in pack.items])
        return real(pack)

    monkeypatch.setattr(pack_module, "build_pack", counting)
    return built


@pytest.fixture
def without_libreoffice(app, tmp_path):
    """The cache's rules do not depend on LibreOffice; without it a build takes a fraction of the time."""
    app.config.update(SOFFICE_PATH="", PDF_CACHE_PATH=str(tmp_path / "pdf"))


@dataclass
class Fetched:
    data: bytes
    seconds: float

    @property
    def reader(self) -> PdfReader:
        return PdfReader(io.BytesIO(self.data))

    @property
    def text(self) -> str:
        return text(self.reader)


def fetch(client, meeting) -> Fetched:
    started = time.perf_counter()
    response = client.get(f"/meetings/{meeting.id}/pack.pdf")
    seconds = time.perf_counter() - started
    read(response)
    return Fetched(response.data, seconds)


def document_titled(title: str) -> Document:
    return db.session.scalar(db.select(Document).filter_by(title=title))


def test_an_unchanged_meeting_is_served_from_the_cache(client, member, pack_meeting, builds, without_libreoffice):
    client.login("lid@example.be")
    first = fetch(client, pack_meeting)
    again = fetch(client, pack_meeting)
    assert len(builds) == 1 and again.data == first.data
    assert again.seconds < first.seconds  # a file read back, not a pack of 14 pages merged again
    client.logout()
    client.login("lid@example.be")  # another session of the same reader: the same pack
    assert fetch(client, pack_meeting).data == first.data and len(builds) == 1


def test_editing_the_meeting_or_its_agenda_gives_a_new_pack(api, client, secretary, member, pack_meeting, builds,
                                                             without_libreoffice):
    api.login("sec@example.be")
    client.login("lid@example.be")
    fetch(client, pack_meeting)
    assert api.patch(f"/api/meetings/{pack_meeting.id}", json={"location": "Stadhuis Tienen"}).status_code == 200
    changed = fetch(client, pack_meeting)
    assert len(builds) == 2 and "Stadhuis Tienen" in text(changed.reader, 0, 1)

    item = next(item for item in pack_meeting.items if item.title == "Fietssnelweg F25")
    response = api.patch(f"/api/meetings/{pack_meeting.id}/items/{item.id}", json={"title": "Fietssnelweg F25 Tienen"})
    assert response.status_code == 200
    renamed = fetch(client, pack_meeting).reader
    assert len(builds) == 3 and "5. Fietssnelweg F25 Tienen" in [entry[0] for entry in outline(renamed)]

    added = api.post(f"/api/meetings/{pack_meeting.id}/items", json={"title": "Jobbeurs Diest"})
    assert added.status_code == 201
    assert "Jobbeurs Diest" in fetch(client, pack_meeting).text
    fetch(client, pack_meeting)
    assert len(builds) == 4  # and then cached again


def test_replacing_an_attachment_gives_a_new_pack(client, secretary, member, pack_meeting, samples, builds,
                                                   without_libreoffice):
    client.login("lid@example.be")
    assert "Tekst van de nota over het trace" in fetch(client, pack_meeting).text
    replace_file(secretary, document_titled("Nota tracé"), samples.pdf("Het herwerkte trace langs de spoorlijn"),
                 "nota-v2.pdf")
    replaced = fetch(client, pack_meeting).text
    assert len(builds) == 2
    assert "Het herwerkte trace langs de spoorlijn" in replaced and "Tekst van de nota over het trace" not in replaced


def test_readers_who_may_read_different_things_never_share_a_pack(client, member, pack_meeting, builds,
                                                                   without_libreoffice):
    client.login("lid@example.be")
    members = fetch(client, pack_meeting)
    assert "Interne analyse" in members.text
    client.logout()
    public = fetch(client, pack_meeting)  # right after the member's: not the member's pack
    assert len(builds) == 2 and public.data != members.data
    for hidden in ("Interne analyse", "Personeelsdossier", "Gevoelig dossier"):
        assert hidden not in public.text
    assert fetch(client, pack_meeting).data == public.data and len(builds) == 2
    client.login("lid@example.be")
    assert fetch(client, pack_meeting).data == members.data and len(builds) == 2


@pytest.mark.slow
def test_replacing_a_word_attachment_converts_the_new_version(client, secretary, member, pack_meeting, samples):
    client.login("lid@example.be")
    assert "Vertrouwelijke analyse van de kosten" in fetch(client, pack_meeting).text
    replace_file(secretary, document_titled("Interne analyse"), samples.odt("Herziene analyse met de nieuwe ramingen"),
                 "analyse.odt")
    reader = fetch(client, pack_meeting).reader
    children = {child[0]: child[1] for child in outline(reader)[5][2]}
    document = text(reader, children["Interne analyse"], children["Nota tracé"])
    assert "analyse.odt" in document and "Herziene analyse met de nieuwe ramingen" in document
    assert "Vertrouwelijke analyse van de kosten" not in document


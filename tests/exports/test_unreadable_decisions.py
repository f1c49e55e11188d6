"""The minutes page and the minutes .docx list only the decisions their reader may open: a chair
reads the planned meeting of her body (she is one of its owners) but not its draft decisions."""
import io

from docx import Document

SECRET = "Besluit dat de voorzitter nog niet mag lezen"


def _docx_text(data: bytes) -> str:
    doc = Document(io.BytesIO(data))
    cells = [cell.text for table in doc.tables for row in table.rows for cell in row.cells]
    return "\n".join([p.text for p in doc.paragraphs] + cells)


def test_a_decision_the_reader_may_not_open_is_on_neither_minutes_page_nor_docx(
        client, make_meeting, make_decision, people, item_titled):
    meeting = make_meeting(items=["Mobiliteitsplan"])
    decision = make_decision(item_titled(meeting, "Mobiliteitsplan"), SECRET)
    client.login(people.chair.email)
    assert client.get(f"/decisions/{decision.id}").status_code == 403
    page = client.get(f"/meetings/{meeting.id}/minutes")
    assert page.status_code == 200 and "Mobiliteitsplan" in page.get_data(as_text=True)
    assert SECRET not in page.get_data(as_text=True)
    word = client.get(f"/meetings/{meeting.id}/minutes.docx")
    assert word.status_code == 200
    text = _docx_text(word.data)
    assert "Mobiliteitsplan" in text and SECRET not in text

    client.logout()
    client.login(people.secretary.email)  # who may open it sees it in both
    assert SECRET in client.get(f"/meetings/{meeting.id}/minutes").get_data(as_text=True)
    assert SECRET in _docx_text(client.get(f"/meetings/{meeting.id}/minutes.docx").data)

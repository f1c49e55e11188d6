"""Word exports of minutes, decision lists and action lists, in the body's house style when it has one."""
from datetime import date

from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask_babel import gettext as _

from app.core.text import xml_clean
from app.exports.frame import Letterhead, start_document
from app.exports.word import add_heading, add_markdown, document_bytes


def _table(doc, header: list[str], rows: list[list[str]]):
    table = doc.add_table(rows=1, cols=len(header))
    try:
        table.style = "Table Grid"
    except KeyError:  # a house-style template without it keeps its default table style
        pass
    for cell, text in zip(table.rows[0].cells, header):
        cell.text = ""
        cell.paragraphs[0].add_run(text).bold = True
    for row in rows:
        cells = table.add_row().cells
        for cell, text in zip(cells, row):
            cell.text = text or ""
    return table


def _decision_block(doc, decision: dict) -> None:
    """A decision set apart from the treatment: its reference in bold, the text indented."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    run = paragraph.add_run(_("Besluit %(ref)s", ref=decision["reference"]))
    run.bold = True
    if decision.get("action_line"):
        paragraph.add_run(f" – {decision['action_line']}").italic = True
    before = len(doc.paragraphs)
    add_markdown(doc, decision["text"])
    for added in doc.paragraphs[before:]:
        added.paragraph_format.left_indent = Pt(18)
    vote = _vote_paragraph(doc, decision)
    if vote is not None:
        vote.paragraph_format.left_indent = Pt(18)


def _vote_paragraph(doc, decision: dict):
    """The vote and, in bold, its outcome: "Stemming: 9 voor, 1 tegen, 0 onthouding – Uitslag: aangenomen"."""
    if not decision.get("vote"):
        return None
    paragraph = doc.add_paragraph(decision["vote"])
    if decision.get("outcome"):
        paragraph.add_run(" – ")
        paragraph.add_run(_("Uitslag: %(outcome)s", outcome=decision["outcome"])).bold = True
    return paragraph


def _action_rows(actions: list[dict]) -> list[list[str]]:
    return [[a["title"], a["owner"], a["due"], a["status"]] for a in actions]


def _action_header() -> list[str]:
    return [_("Wat"), _("Wie"), _("Tegen wanneer"), _("Status")]


def _titled_document(title: str, lines, letterhead: Letterhead | None, fill, *, mark: str | None = None,
                     day: date | None = None) -> bytes:
    """A document in the house style (app/exports/frame.py): the letterhead with `mark` (e.g.
    _("ONTWERP") for a draft) in the header, `day` (default today) and page numbers in the footer,
    the title line and one compact line of `lines` under it, then what `fill(doc)` adds."""
    doc = start_document(letterhead, title, lines, mark=mark, day=day)
    fill(doc)
    return document_bytes(doc)


def build_minutes_docx(data: dict, letterhead: Letterhead | None = None, *, mark: str | None = None,
                       day: date | None = None) -> bytes:
    """data: title, lines, approval (who approved and when, or ""), attendance {label: [names]},
    items [{number, title, text, decisions, follow_up}], actions [{title, owner, due, status}]."""
    data = xml_clean(data)
    return _titled_document(data["title"], data.get("lines", ()), letterhead, lambda doc: _minutes(doc, data),
                            mark=mark, day=day)


def _minutes(doc, data: dict) -> None:
    if data.get("approval"):
        doc.add_paragraph().add_run(data["approval"]).bold = True
    add_heading(doc, _("Aanwezigheden"), 1)
    for label, names in data["attendance"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(", ".join(names) if names else "–")
    for item in data["items"]:
        add_heading(doc, f"{item['number']}. {item['title']}", 1)
        if item.get("skipped"):
            doc.add_paragraph(item["skipped"]).runs[0].italic = True
        if item["text"].strip():
            add_markdown(doc, item["text"])
        elif not item["decisions"] and not item.get("follow_up"):
            doc.add_paragraph(_("Geen verslag.")).runs[0].italic = True
        for follow in item.get("follow_up", ()):
            paragraph = doc.add_paragraph(style="List Bullet")
            paragraph.add_run(follow["title"]).bold = True
            paragraph.add_run(f" ({follow['owner']}, {follow['due']}, {follow['status']})")
            for note in follow["notes"]:
                doc.add_paragraph(note).paragraph_format.left_indent = Pt(18)
        for decision in item["decisions"]:
            _decision_block(doc, decision)
    add_heading(doc, _("Acties"), 1)
    if data["actions"]:
        _table(doc, _action_header(), _action_rows(data["actions"]))
    else:
        doc.add_paragraph(_("Geen nieuwe acties."))


def build_decision_list_docx(title: str, lines: list[str], decisions: list[dict],
                             letterhead: Letterhead | None = None, *, mark: str | None = None,
                             day: date | None = None) -> bytes:
    """The decision list (besluitenlijst): per decision its reference, meeting, item and text."""
    decisions = xml_clean(decisions)
    return _titled_document(title, lines, letterhead, lambda doc: _decision_list(doc, decisions), mark=mark, day=day)


def _decision_list(doc, decisions: list[dict]) -> None:
    if not decisions:
        doc.add_paragraph(_("Geen besluiten."))
    for decision in decisions:
        paragraph = doc.add_paragraph()
        paragraph.add_run(decision["reference"]).bold = True
        paragraph.add_run(f" – {decision['meeting']} – {decision['item']}")
        add_markdown(doc, decision["text"])
        _vote_paragraph(doc, decision)


def build_action_list_docx(title: str, lines: list[str], actions: list[dict],
                           letterhead: Letterhead | None = None, *, day: date | None = None) -> bytes:
    """The action list (actielijst): what, who, when, status, decision, progress; an overdue date in bold."""
    actions = xml_clean(actions)
    return _titled_document(title, lines, letterhead, lambda doc: _action_list(doc, actions), day=day)


def _action_list(doc, actions: list[dict]) -> None:
    header = _action_header() + [_("Besluit"), _("Voortgang")]
    rows = [[a["title"], a["owner"], a["due"], a["status"], a["decision"], f"{a['progress']}%"] for a in actions]
    table = _table(doc, header, rows)
    for row, action in zip(table.rows[1:], actions):
        if action.get("overdue"):
            for run in row.cells[2].paragraphs[0].runs:
                run.bold = True
    if not actions:
        doc.add_paragraph(_("Geen acties.")).alignment = WD_ALIGN_PARAGRAPH.LEFT

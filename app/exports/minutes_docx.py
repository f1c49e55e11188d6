"""Word exports of minutes, decision lists and action lists, in the body's house style when it has one."""
from datetime import date

from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.shared import Pt
from flask_babel import gettext as _

from app.core.text import xml_clean
from app.exports.frame import Letterhead, start_document
from app.exports.word import add_heading, add_markdown, document_bytes

#: the share of the text width per column: the decision list (reference, item, decision, outcome,
#: actions) and the action list (what, who, due, status, decision, objective, progress)
DECISION_LIST_WIDTHS = (0.14, 0.19, 0.33, 0.15, 0.19)
ACTION_LIST_WIDTHS = (0.18, 0.12, 0.12, 0.09, 0.13, 0.26, 0.1)
#: a line to sign on, and one to write a name on when the body has nobody in that role
SIGNATURE_LINE = "_" * 28
BLANK_NAME_LINE = "." * 40


def _table(doc, header: list[str], rows: list[list[str]], widths=None):
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
    if widths:  # shares of the text width: on the grid (LibreOffice reads it) and on every cell (Word does)
        section = doc.sections[-1]
        text_width = section.page_width - section.left_margin - section.right_margin
        table.autofit = False
        for column, share in zip(table.columns, widths):
            column.width = int(text_width * share)
        for row in table.rows:
            for cell, share in zip(row.cells, widths):
                cell.width = int(text_width * share)
    return table


def _landscape(doc) -> None:
    """Wide tables (the decision and action lists) on A4 landscape."""
    for section in doc.sections:
        if section.orientation != WD_ORIENT.LANDSCAPE:
            section.orientation = WD_ORIENT.LANDSCAPE
            section.page_width, section.page_height = section.page_height, section.page_width


def _indented_markdown(doc, text: str) -> None:
    """Markdown under a reference line, indented so it reads as belonging to it."""
    before = len(doc.paragraphs)
    add_markdown(doc, text)
    for added in doc.paragraphs[before:]:
        added.paragraph_format.left_indent = Pt(18)


def _decision_block(doc, decision: dict) -> None:
    """A decision set apart from the treatment: its reference in bold, the text indented."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(6)
    run = paragraph.add_run(_("Besluit %(ref)s", ref=decision["reference"]))
    run.bold = True
    if decision.get("action_line"):
        paragraph.add_run(f" – {decision['action_line']}").italic = True
    _indented_markdown(doc, decision["text"])
    vote = _vote_paragraph(doc, decision)
    if vote is not None:
        vote.paragraph_format.left_indent = Pt(18)


def _vote_paragraph(container, decision: dict, paragraph=None):
    """The vote and, in bold, its outcome: "Stemming: 9 voor, 1 tegen, 0 onthouding – Uitslag: aangenomen"."""
    if not decision.get("vote"):
        return None
    paragraph = paragraph if paragraph is not None else container.add_paragraph()
    paragraph.add_run(decision["vote"])
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


# --- minutes -------------------------------------------------------------------------------------

def build_minutes_docx(data: dict, letterhead: Letterhead | None = None, *, day: date | None = None) -> bytes:
    """data: title, lines, mark ("ONTWERP" or ""), approval (who approved and when, or ""),
    attendance [(label, [names])], items, closing (None, or the approval line and signatures).

    An item is either {"note"} (a closed item left out of the public copy) or {number, title,
    closed, skipped, feedback (None or {text, decisions}), text, follow_up, decisions, actions}."""
    data = xml_clean(data)
    return _titled_document(data["title"], data.get("lines", ()), letterhead, lambda doc: _minutes(doc, data),
                            mark=data.get("mark") or None, day=day)


def _minutes(doc, data: dict) -> None:
    if data.get("approval"):
        doc.add_paragraph().add_run(data["approval"]).bold = True
    add_heading(doc, _("Aanwezigheden"), 1)
    for label, names in data["attendance"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(f"{label}: ").bold = True
        paragraph.add_run(", ".join(names) if names else "–")
    for item in data["items"]:
        if item.get("note"):
            doc.add_paragraph().add_run(item["note"]).italic = True
        else:
            _minutes_item(doc, item)
    if data.get("closing"):
        _closing(doc, data["closing"])


def _minutes_item(doc, item: dict) -> None:
    """An item: its treatment, what it reports (feedback), follow-up, decisions and their actions.
    An item nobody wrote anything under shows its heading only."""
    heading = f"{item['number']}. {item['title']}"
    add_heading(doc, heading + (f" ({_('besloten')})" if item.get("closed") else ""), 1)
    if item.get("skipped"):
        doc.add_paragraph(item["skipped"]).runs[0].italic = True
    if item.get("feedback"):
        _feedback(doc, item["feedback"])
    add_markdown(doc, item["text"])
    for follow in item.get("follow_up", ()):
        paragraph = doc.add_paragraph(style="List Bullet")
        paragraph.add_run(follow["title"]).bold = True
        paragraph.add_run(" (" + ", ".join(part for part in (follow["owner"], follow["due"], follow["status"]) if part) + ")")
        for note in follow["notes"]:
            doc.add_paragraph(note).paragraph_format.left_indent = Pt(18)
    for decision in item["decisions"]:
        _decision_block(doc, decision)
    if item.get("actions"):
        doc.add_paragraph().add_run(_("Acties")).bold = True
        _table(doc, _action_header(), _action_rows(item["actions"]))


def _feedback(doc, feedback: dict) -> None:
    """The feedback item (terugkoppeling): its text, then the decisions it reports."""
    add_markdown(doc, feedback["text"])
    if not feedback["decisions"]:
        return
    doc.add_paragraph().add_run(_("Gekoppelde besluiten")).bold = True
    for decision in feedback["decisions"]:
        paragraph = doc.add_paragraph()
        paragraph.add_run(decision["reference"]).bold = True
        paragraph.add_run(f" ({decision['date']})")
        _indented_markdown(doc, decision["text"])


def _closing(doc, closing: dict) -> None:
    """"Goedgekeurd in de vergadering van ..." and a signature for each role, side by side."""
    paragraph = doc.add_paragraph()
    paragraph.paragraph_format.space_before = Pt(18)
    paragraph.add_run(closing["approved"]).bold = True
    signatures = closing["signatures"]
    table = doc.add_table(rows=3, cols=len(signatures))
    for column, (role, name) in enumerate(signatures):
        table.cell(0, column).text = role
        line = table.cell(1, column).paragraphs[0]
        line.paragraph_format.space_before = Pt(36)
        line.add_run(SIGNATURE_LINE)
        table.cell(2, column).text = name or BLANK_NAME_LINE


# --- decision list -------------------------------------------------------------------------------

def build_decision_list_docx(title: str, lines: list[str], decisions: list[dict],
                             letterhead: Letterhead | None = None, *, mark: str | None = None,
                             day: date | None = None) -> bytes:
    """The decision list (besluitenlijst): a table of reference, meeting and item, decision,
    vote and outcome, and the actions that follow from it."""
    decisions = xml_clean(decisions)
    return _titled_document(title, lines, letterhead, lambda doc: _decision_list(doc, decisions), mark=mark, day=day)


def _decision_list(doc, decisions: list[dict]) -> None:
    _landscape(doc)
    if not decisions:
        doc.add_paragraph(_("Geen besluiten."))
        return
    header = [_("Nummer"), _("Agendapunt"), _("Besluit"), _("Uitslag"), _("Acties")]
    rows = [[d["reference"], d["meeting"], "", "", ""] for d in decisions]
    table = _table(doc, header, rows, DECISION_LIST_WIDTHS)
    for row, decision in zip(table.rows[1:], decisions):
        row.cells[0].paragraphs[0].runs[0].bold = True
        row.cells[1].add_paragraph(decision["item"])
        _markdown_cell(doc, row.cells[2], decision["text"])
        _vote_paragraph(row.cells[3], decision, row.cells[3].paragraphs[0])
        _action_lines(row.cells[4], decision["actions"])


def _markdown_cell(doc, cell, text: str) -> None:
    """Markdown as real Word structure inside a table cell, without the cell's empty first line."""
    add_markdown(doc, text, container=cell)
    first = cell.paragraphs[0]
    if not first.text and len(cell.paragraphs) + len(cell.tables) > 1:
        first._p.getparent().remove(first._p)


def _action_lines(cell, actions: list[dict]) -> None:
    """One paragraph per action: its title in bold, then owner, due date and status."""
    for number, action in enumerate(actions):
        paragraph = cell.paragraphs[0] if number == 0 else cell.add_paragraph()
        paragraph.add_run(action["title"]).bold = True
        details = [part for part in (action["owner"], action["due"], action["status"]) if part]
        paragraph.add_run(" – " + ", ".join(details))


# --- action list ---------------------------------------------------------------------------------

def build_action_list_docx(title: str, lines: list[str], actions: list[dict],
                           letterhead: Letterhead | None = None, *, day: date | None = None) -> bytes:
    """The action list (actielijst): what, who, when, status, decision, objective with its measured
    indicator, progress; an overdue date in bold."""
    actions = xml_clean(actions)
    return _titled_document(title, lines, letterhead, lambda doc: _action_list(doc, actions), day=day)


def _action_list(doc, actions: list[dict]) -> None:
    header = _action_header() + [_("Besluit"), _("Doelstelling"), _("Voortgang")]
    rows = [[a["title"], a["owner"], a["due"], a["status"], a["decision"], a["objective"], f"{a['progress']}%"]
            for a in actions]
    _landscape(doc)
    table = _table(doc, header, rows, ACTION_LIST_WIDTHS)
    for row, action in zip(table.rows[1:], actions):
        if action.get("overdue"):
            for run in row.cells[2].paragraphs[0].runs:
                run.bold = True
    if not actions:
        doc.add_paragraph(_("Geen acties.")).alignment = WD_ALIGN_PARAGRAPH.LEFT

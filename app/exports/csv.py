"""The action list as CSV: UTF-8 with a byte-order mark and semicolons, as Excel in Belgium expects."""
import csv
import io

from flask_babel import gettext as _

from app.core.text import xml_safe

#: a cell starting with one of these is a formula to a spreadsheet: neutralise it (OWASP's list,
#: and a line feed, which some spreadsheets skip before reading the formula behind it)
FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


def _safe(value) -> str:
    """A cell a spreadsheet shows as text: no control characters (what predates the input checks),
    and a quote before what would start a formula. The csv module quotes the rest (";", quotes,
    line breaks)."""
    text = xml_safe(value)
    return "'" + text if text.startswith(FORMULA_START) else text


def actions_csv(actions: list[dict]) -> bytes:
    """One row per action: id, title, owner, due date, status, overdue, progress, decision, line, body."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=";", lineterminator="\r\n")
    writer.writerow([_("Nummer"), _("Actie"), _("Eigenaar"), _("Deadline"), _("Status"), _("Te laat"),
                     _("Voortgang (%)"), _("Besluit"), _("Actielijn"), _("Orgaan")])
    for a in actions:
        writer.writerow([_safe(v) for v in (
            a["id"], a["title"], a["owner"], a["due"], a["status"], _("ja") if a["overdue"] else _("nee"),
            a["progress"], a["decision"], a["action_line"], a["body"])])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")

"""The action list as CSV: UTF-8 with a byte-order mark and semicolons, as Excel in Belgium expects."""
import csv
import io

from flask_babel import gettext as _

#: a cell starting with one of these is a formula to a spreadsheet: neutralise it
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def _safe(value) -> str:
    text = "" if value is None else str(value)
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

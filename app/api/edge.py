"""The API's edge: every string a request brings (query, JSON body, form fields) is checked once,
before any route or service reads it.

A lone surrogate cannot be encoded (UTF-8, the database, the JSON answer: a 500 wherever it
reaches), PostgreSQL refuses NUL, and a line break in a one-line field (a title, a place, a name)
breaks the formats that field ends up in (iCalendar, CSV, mail headers). Checking here, by field
name, covers every route at once instead of each service on its own.
"""
import math
import re

from flask import request
from flask_babel import gettext as _

from app.core.errors import Invalid

#: NUL and the UTF-16 surrogates (only ever lone in a Python str that came from JSON escapes)
_UNENCODABLE = re.compile("[\x00\ud800-\udfff]")
#: every character str.splitlines() breaks a line on
_LINE_BREAK = re.compile("[\n\r\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029]")

#: the largest whole number a JSON number holds exactly in every reader (I-JSON)
MAX_EXACT_INTEGER = 2**53 - 1

#: JSON and form fields of the API that hold one line of text (the rest may hold several)
SINGLE_LINE_FIELDS = frozenset({
    "title", "location", "online_url", "presenter", "body", "email", "owner", "indicator", "unit",
    "transition", "status", "kind", "tags", "name", "filename",
})


def check_request_text() -> None:
    """Refuse (400) a request with NUL or a lone surrogate in any string, a line break in a one-line
    field, or a JSON number out of range. Malformed JSON is left to the routes (their own 400)."""
    for name, value in request.args.items(multi=True):
        _check_string(name, name, single_line=False)
        _check_string(value, name, single_line=False)
    if request.is_json:
        try:
            data = request.get_json(silent=True)
        except RecursionError:  # nested deeper than the parser can go: not a body any call takes
            raise Invalid(_("Verwacht een JSON-object."))
        if data is not None:
            _check_json(data)
    elif request.mimetype in ("multipart/form-data", "application/x-www-form-urlencoded"):
        for name, value in request.form.items(multi=True):
            _check_string(name or "", name or "", single_line=False)  # a part may come without a name
            _check_string(value, name or "", single_line=name in SINGLE_LINE_FIELDS)
        for name, upload in request.files.items(multi=True):
            _check_string(upload.filename or "", name or "", single_line=True)


def _check_json(data) -> None:
    """Walk the parsed JSON without recursion: nesting may be as deep as the parser allows."""
    stack = [(data, "", False)]
    while stack:
        value, path, single_line = stack.pop()
        if isinstance(value, str):
            _check_string(value, path or "body", single_line)
        elif isinstance(value, dict):
            for key, item in value.items():
                _check_string(key, path or key, single_line=False)
                stack.append((item, f"{path}.{key}" if path else key, key in SINGLE_LINE_FIELDS))
        elif isinstance(value, list):
            stack.extend((item, f"{path}[{index}]", single_line) for index, item in enumerate(value))
        elif isinstance(value, (int, float)) and not isinstance(value, bool):
            _check_number(value, path or "body")


def _check_string(value: str, field: str, single_line: bool) -> None:
    if _UNENCODABLE.search(value):
        raise Invalid(_("Het veld '%(name)s' bevat een teken dat niet toegelaten is (een NUL-teken of een "
                        "losse surrogaat).", name=_printable(field)),
                      detail={"field": _printable(field), "reason": "forbidden_character"})
    if single_line and _LINE_BREAK.search(value):
        raise Invalid(_("Het veld '%(name)s' is één regel: regeleinden zijn er niet toegelaten.",
                        name=_printable(field)),
                      detail={"field": _printable(field), "reason": "line_break"})


def _check_number(value, field: str) -> None:
    """A number every JSON reader holds exactly (I-JSON, RFC 7493): a whole number within +-(2**53 - 1),
    and never NaN or Infinity (which Python's parser accepts, though JSON has no such literals).
    Larger ones reach no row and only overflow the database driver."""
    if isinstance(value, int) and abs(value) <= MAX_EXACT_INTEGER:
        return
    if isinstance(value, float) and math.isfinite(value):
        return
    raise Invalid(_("Het veld '%(name)s' bevat een getal buiten het bereik dat de API aanvaardt.",
                    name=_printable(field)), detail={"field": _printable(field), "reason": "number_out_of_range"})


def _printable(field: str) -> str:
    """The field's name as the error may repeat it (a name can itself hold the bad character)."""
    return _UNENCODABLE.sub("\ufffd", field)[:100]

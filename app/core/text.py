"""What text we accept and what the exports make of text already stored.

Input (forms, services): a single line (a title, a name, a place) holds no line break of any
kind; no text holds NUL (PostgreSQL refuses it), other control characters (XML, and so Word,
refuses them), a lone surrogate (no encoding can write it) or the noncharacters U+FFFE/U+FFFF.
Tab, and in multi-line text the line ends, are fine.

Output: data may predate these checks (or come from an older version, a restore, a script), so
the exports clean what their format cannot carry: `xml_safe` for Word documents.
"""
import re
import unicodedata

from flask_babel import gettext as _

from app.core.errors import Invalid

#: what str.splitlines() splits on besides \n and \r: a line ends there for many a reader
_OTHER_LINE_BREAKS = "\x0b\x0c\x1c\x1d\x1e\x85\u2028\u2029"
#: C0 controls but tab, line feed and carriage return; DEL; lone surrogates; U+FFFE and U+FFFF
_NEVER = "\x00-\x08\x0e-\x1b\x1f\x7f\ud800-\udfff\ufffe\uffff"
_BAD_IN_TEXT = re.compile(f"[{_NEVER}\x0b\x0c\x1c-\x1e]")
_BAD_IN_LINE = re.compile(f"[{_NEVER}\r\n{_OTHER_LINE_BREAKS}]")
#: characters XML 1.0 does not allow (and so python-docx refuses): C0 controls but tab, line feed
#: and carriage return, lone surrogates, U+FFFE and U+FFFF
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def text_problem(value: str, multiline: bool) -> str | None:
    """Why `value` cannot be stored as it is (a sentence for the user), or None when it can."""
    found = (_BAD_IN_TEXT if multiline else _BAD_IN_LINE).search(value)
    if found is None:
        return None
    char = found.group()
    if char in "\r\n" + _OTHER_LINE_BREAKS:
        return _("Dit veld is één regel: haal de regeleinden weg.")
    return _("Dit veld bevat een teken dat hier niet kan (U+%(code)04X): haal het weg of typ de tekst opnieuw.",
             code=ord(char))


def check_text(value: str, label: str, multiline: bool = True) -> str:
    """`value` unchanged, or Invalid naming the field (`label`) and what is wrong."""
    problem = text_problem(value, multiline)
    if problem is not None:
        raise Invalid(_("%(field)s: %(problem)s", field=label, problem=problem))
    return value


def xml_safe(value) -> str:
    """`value` as text that an XML document (a Word file) can hold: forbidden characters left out."""
    return _NOT_XML.sub("", "" if value is None else str(value))


def xml_clean(data):
    """`data` (text, or dicts, lists and tuples of it) with every string made `xml_safe`."""
    if isinstance(data, str):
        return xml_safe(data)
    if isinstance(data, dict):
        return {key: xml_clean(value) for key, value in data.items()}
    if isinstance(data, (list, tuple)):
        return type(data)(xml_clean(value) for value in data)
    return data


def slugify(value: str, max_length: int = 60) -> str:
    """`value` as a short name for addresses: accents stripped, lower case, every run of other
    characters a single hyphen ("Toekomstforum – Économie" -> "toekomstforum-economie"); '' when
    nothing is left."""
    plain = unicodedata.normalize("NFKD", value or "").encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^a-z0-9]+", "-", plain.lower())[:max_length].strip("-")

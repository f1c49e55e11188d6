"""Parsing and validating input, shared by the forms and the API: one set of messages.

Every function takes the raw value (a form string, a JSON value of any type) and the field's
label as the user knows it, and returns a clean value or raises `Invalid` with a sentence that
names the field.
"""
import re
from datetime import date, datetime, timezone
from urllib.parse import urlsplit

from flask_babel import gettext as _

from app.core.errors import Invalid
from app.core.text import check_text
from app.core.timeutil import local_to_utc

_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
#: the largest id a row can have (ids are 32-bit integers in PostgreSQL): a larger one finds nothing
MAX_ID = 2**31 - 1


def clean_text(value, label: str, maximum: int, required: bool = False, line: bool = False) -> str:
    """Text without surrounding blanks and with Unix line ends; "" for None. Never NUL, control
    characters or lone surrogates; with `line`, one line (a title, a place): no line break either."""
    if value is None:
        value = ""
    if not isinstance(value, str):
        raise Invalid(_("%(field)s moet tekst zijn.", field=label))
    value = value.replace("\r\n", "\n").strip()
    check_text(value, label, multiline=not line)
    if required and not value:
        raise Invalid(_("%(field)s is verplicht.", field=label))
    if len(value) > maximum:
        raise Invalid(_("%(field)s telt hoogstens %(n)d tekens.", field=label, n=maximum))
    return value


def parse_date(value, label: str) -> date | None:
    """A YYYY-MM-DD date, None for empty, Invalid otherwise."""
    if value is None or value == "":
        return None
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if not isinstance(value, str) or not _DATE.match(value.strip()):
        raise Invalid(_("%(field)s: geef een datum als JJJJ-MM-DD.", field=label))
    try:
        return date.fromisoformat(value.strip())
    except ValueError:
        raise Invalid(_("%(field)s: deze datum bestaat niet.", field=label))


#: the years a moment may fall in: beyond them converting to and from Brussels time overflows
MOMENT_YEARS = (1900, 2999)


def parse_datetime(value, label: str) -> datetime:
    """A moment as naive UTC: a datetime (naive = Brussels wall clock, or aware) or an ISO string."""
    if isinstance(value, str):
        try:
            value = datetime.fromisoformat(value.strip())
        except ValueError:
            raise Invalid(_("%(field)s is geen geldige datum en tijd.", field=label))
    if not isinstance(value, datetime):
        raise Invalid(_("%(field)s is verplicht.", field=label))
    low, high = MOMENT_YEARS
    if not low <= value.year <= high:
        raise Invalid(_("%(field)s valt buiten de jaren %(low)d tot %(high)d.", field=label, low=low, high=high))
    if value.tzinfo is not None:
        return value.astimezone(timezone.utc).replace(tzinfo=None)
    return local_to_utc(value)


def parse_number(value, label: str) -> float | None:
    """A finite number (a comma as decimal sign is fine), None for empty."""
    if value is None or value == "":
        return None
    if isinstance(value, bool):
        raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    if isinstance(value, (int, float)):
        number = float(value)
    elif isinstance(value, str):
        try:
            number = float(value.strip().replace(",", "."))
        except ValueError:
            raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    else:
        raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    if number != number or number in (float("inf"), float("-inf")):
        raise Invalid(_("%(field)s moet een getal zijn.", field=label))
    return number


def parse_int(value, label: str, low: int, high: int) -> int | None:
    """A whole number from `low` to `high`, None for empty."""
    number = parse_number(value, label)
    if number is None:
        return None
    if number != int(number) or not low <= number <= high:
        raise Invalid(_("%(field)s is een geheel getal van %(low)d tot %(high)d.", field=label, low=low, high=high))
    return int(number)


def clean_url(value, label: str, maximum: int = 500) -> str:
    """A full http(s) address, or "" for empty."""
    url = clean_text(value, label, maximum)
    if not url:
        return ""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise Invalid(_("%(field)s moet een volledig http(s)-adres zijn.", field=label))
    return url

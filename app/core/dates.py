"""Dates and times as people in the region write them: the UI language picks the catalogue ("nl",
"en"), its regional variant the formats (nl-BE, and en-GB rather than the American en: 2 Oct 2026,
02/10/2026, 14:30)."""
from babel import Locale
from babel.dates import format_date, format_datetime
from flask_babel import get_locale

from app.core.timeutil import BRUSSELS, to_local

#: the formats each UI language is shown with
REGIONAL_LOCALES = {"nl": "nl_BE", "en": "en_GB"}


def regional_locale(language: str) -> str:
    """The locale whose formats go with `language` ("en" -> "en_GB"); a locale that names its
    region already is kept as it is."""
    return REGIONAL_LOCALES.get(language, language)


def formatting_locale() -> Locale:
    """The locale to format with now: the selected one, or (when a mail forces a bare language) its
    regional variant."""
    locale = get_locale() or Locale.parse(REGIONAL_LOCALES["nl"])
    return locale if locale.territory else Locale.parse(regional_locale(locale.language))


def local_date(value, fmt: str = "medium") -> str:
    """A date, or the Brussels date of a naive UTC datetime; '' for none."""
    if not value:
        return ""
    return format_date(to_local(value) if hasattr(value, "hour") else value, fmt, locale=formatting_locale())


def local_datetime(value, fmt: str = "medium") -> str:
    """A naive UTC datetime at its Brussels wall-clock time; '' for none."""
    if not value:
        return ""
    return format_datetime(to_local(value), fmt, tzinfo=BRUSSELS, locale=formatting_locale())

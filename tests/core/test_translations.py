"""The English catalog covers every UI string of the current sources, and the language switch
really changes the words on the page (not only <html lang>)."""
from functools import lru_cache
from pathlib import Path

import pytest
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.frontend import parse_mapping_cfg
from babel.messages.pofile import read_po

ROOT = Path(__file__).resolve().parents[2]
CATALOG = ROOT / "app" / "translations" / "en" / "LC_MESSAGES" / "messages.po"
# The same keywords as the documented command:
# pybabel extract -F babel.cfg -k _l -k lazy_gettext -k ngettext:1,2 -k lazy_ngettext:1,2
KEYWORDS = {**DEFAULT_KEYWORDS, "_l": None, "lazy_gettext": None, "ngettext": (1, 2), "lazy_ngettext": (1, 2)}


@lru_cache(maxsize=1)
def _source_msgids() -> frozenset:
    """What `pybabel extract -F babel.cfg` finds: msgids, a (singular, plural) pair for plurals."""
    with open(ROOT / "babel.cfg", encoding="utf-8") as config:
        method_map, options_map = parse_mapping_cfg(config, str(ROOT / "babel.cfg"))
    found = set()
    for _filename, _lineno, message, _comments, _context in extract_from_dir(
            str(ROOT), method_map, options_map, keywords=KEYWORDS):
        found.add(message if isinstance(message, str) else tuple(message))
    return frozenset(found)


@pytest.fixture(scope="module")
def catalog():
    with open(CATALOG, "rb") as po:
        return read_po(po)


def test_babel_cfg_reaches_python_and_templates():
    msgids = _source_msgids()
    assert "Komende vergaderingen" in msgids  # app/templates/main/index.html
    assert "Vergaderingen" in msgids  # app/__init__.py (lazy_gettext)
    assert ("%(num)d besluit", "%(num)d besluiten") in msgids  # ngettext in a template


def test_english_catalog_translates_every_current_string(catalog):
    translated, fuzzy, empty = set(), [], []
    for message in catalog:
        if not message.id:
            continue
        key = message.id if isinstance(message.id, str) else tuple(message.id)
        strings = message.string if isinstance(message.string, tuple) else (message.string,)
        if message.fuzzy:
            fuzzy.append(key)
        elif not all(s and s.strip() for s in strings):
            empty.append(key)
        else:
            translated.add(key)
    missing = sorted(map(str, _source_msgids() - translated - set(fuzzy) - set(empty)))
    assert not missing, "not in messages.po (run pybabel extract + update, then translate): %r" % missing
    assert not fuzzy, "fuzzy in messages.po: %r" % fuzzy
    assert not empty, "untranslated in messages.po: %r" % empty


def test_english_catalog_keeps_placeholders(catalog):
    problems = [(message.id, [str(e) for e in errors]) for message, errors in catalog.check()]
    assert not problems


def test_start_page_speaks_the_chosen_language(client):
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="nl">' in html
    assert "Komende vergaderingen" in html
    assert "Upcoming meetings" not in html

    response = client.submit("/language/en", {"next": "/"})
    assert response.status_code == 302
    html = client.get("/").get_data(as_text=True)
    assert '<html lang="en">' in html
    assert "Upcoming meetings" in html
    assert "Komende vergaderingen" not in html
    assert ">Meetings<" in html  # the lazily translated main menu

    client.submit("/language/nl", {"next": "/"})
    assert "Komende vergaderingen" in client.get("/").get_data(as_text=True)

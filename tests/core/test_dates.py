"""Dates as people here write them: day first in English too (en-GB), nl-BE in Dutch; in pages and
in mails, which force a bare language ("en")."""
import re
from datetime import date, datetime

from flask_babel import force_locale

from app.core.dates import local_date, local_datetime
from tests.factories import make_action

DUE = date(2026, 10, 2)


def _pages(client, secretary, language: str):
    action = make_action(secretary, "Fietsplan opmaken", due=DUE.isoformat())
    client.login(secretary.email)
    client.submit(f"/language/{language}", {"next": "/"})
    show = client.get(f"/actions/{action.id}").get_data(as_text=True)
    board = client.get("/actions").get_data(as_text=True)
    return show, board


def test_english_pages_put_the_day_first(client, secretary, request_ctx):
    show, board = _pages(client, secretary, "en")
    assert '<html lang="en">' in show
    assert "2 October 2026" in show and "October 2, 2026" not in show
    assert "02/10/2026" in board and "10/2/26" not in board


def test_dutch_pages_write_dates_the_belgian_way(client, secretary, request_ctx):
    show, board = _pages(client, secretary, "nl")
    assert '<html lang="nl">' in show
    assert "2 oktober 2026" in show
    assert "2/10/2026" in board and "02-10-2026" not in board  # nl-BE, not the Netherlands' short date


def test_a_mail_in_english_gets_british_dates_and_a_24_hour_clock(app, request_ctx):
    at = datetime(2026, 10, 2, 12, 30)  # UTC: 14:30 in Brussels
    with force_locale("en"):
        assert local_date(DUE, "medium") == "2 Oct 2026"
        assert local_datetime(at, "short") == "02/10/2026, 14:30"
        assert re.fullmatch(r"Friday,? 2 October 2026", local_date(at, "full"))
    with force_locale("nl"):
        assert local_datetime(at, "short") == "2/10/2026, 14:30"
    assert local_date(None) == "" and local_datetime(None) == ""

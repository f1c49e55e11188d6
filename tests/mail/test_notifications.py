"""A notification: the user's language, a footer and one-click unsubscribe, the user's choices."""
from email import message_from_bytes, policy

from flask_babel import lazy_gettext

from app.extensions import db
from app.notify.letters import notify
from app.notify.preferences import preferences_of


def _notice(user, kind="minutes"):
    mail = notify(user, kind, "notice", lambda: str(lazy_gettext("Verzonden berichten")),
                  paragraphs=["Het ontwerpverslag staat klaar."], link="https://spitsregio.test/m/1",
                  link_label="Naar het verslag")
    db.session.commit()
    return mail


def _parsed(mail):
    return message_from_bytes(mail.message, policy=policy.default)


def test_a_notice_carries_the_unsubscribe_headers_and_the_preferences_link(app, member):
    app.config["BASE_URL"] = "https://spitsregio.test"
    message = _parsed(_notice(member))
    unsubscribe = message["List-Unsubscribe"].strip().strip("<>")
    assert unsubscribe.startswith("https://spitsregio.test/unsubscribe/")
    assert message["List-Unsubscribe-Post"] == "List-Unsubscribe=One-Click"
    text = message.get_body(("plain",)).get_content()
    assert "Beste Lotte Lid," in text and "https://spitsregio.test/account/notifications" in text
    assert unsubscribe in message.get_body(("html",)).get_content()


def test_a_notice_is_written_in_the_users_language(app, member):
    member.language = "en"
    db.session.commit()
    message = _parsed(_notice(member))
    assert message["Subject"] == "Sent messages"
    assert "Dear Lotte Lid," in message.get_body(("plain",)).get_content()


def test_one_click_unsubscribe_needs_no_login_and_stops_that_kind(app, client, member):
    message = _parsed(_notice(member))
    path = message["List-Unsubscribe"].strip().strip("<>").split("http://127.0.0.1:5000", 1)[-1]
    page = client.get(path)
    assert page.status_code == 200 and "Ontwerpverslagen ter opmerking" in page.get_data(as_text=True)
    assert preferences_of(member).minutes  # a GET changes nothing
    response = client.raw.post(path, data={"List-Unsubscribe": "One-Click"})
    assert response.status_code == 200
    db.session.expire_all()
    assert not preferences_of(member).minutes and preferences_of(member).meetings
    assert _notice(member, "minutes") is None
    assert _notice(member, "decisions") is not None
    assert client.get("/unsubscribe/forged-token").status_code == 404


def test_the_preferences_page_saves_the_users_choices(client, member):
    client.login(member.email)
    page = client.get("/account/notifications")
    assert page.status_code == 200 and "Meldingen per e-mail" in page.get_data(as_text=True)
    response = client.submit("/account/notifications", {"meetings": "y", "minutes": "y", "reminders": "y",
                                                        "reminder_frequency": "weekly"}, follow_redirects=True)
    assert "Je meldingen zijn bewaard." in response.get_data(as_text=True)
    db.session.expire_all()
    saved = preferences_of(member)
    assert (saved.meetings, saved.decisions, saved.actions, saved.reminder_frequency) == (True, False, False, "weekly")
    bad = client.submit("/account/notifications", {"reminder_frequency": "hourly"})
    assert bad.status_code == 400


def test_an_account_without_an_address_or_inactive_gets_nothing(app, member):
    member.active = False
    db.session.commit()
    assert _notice(member) is None


def test_a_signed_in_user_who_switches_language_gets_mail_in_it(client, member):
    client.login(member.email)
    client.submit("/language/en", {"next": "/"})
    db.session.expire_all()
    assert member.language == "en"

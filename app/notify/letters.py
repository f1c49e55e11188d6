"""A notification for one user: the subject and text in the user's language, plain text with an
HTML alternative, a footer with the preferences page, and (for a kind the user can switch off)
RFC 8058 one-click unsubscribe headers."""
import logging
from typing import Callable
from urllib.parse import urlsplit

from flask import current_app, render_template
from flask_babel import force_locale

from app.mail.compose import Attachment, Letter, queue
from app.notify.models import KINDS
from app.notify.preferences import unsubscribe_token, wants

log = logging.getLogger(__name__)


def absolute_url(endpoint: str, **values) -> str:
    """A link for a mail or a feed: BASE_URL, whether or not a request is going on (cron)."""
    base = urlsplit(current_app.config["BASE_URL"])
    adapter = current_app.url_map.bind(base.netloc, script_name=base.path or "/", url_scheme=base.scheme or "https")
    return adapter.build(endpoint, values, force_external=True)


def language_of(user) -> str:
    return getattr(user, "language", None) or current_app.config.get("BABEL_DEFAULT_LOCALE", "nl")


def notify(user, kind: str, template: str, subject: Callable[[], str], *, attachments: list[Attachment] = (),
           calendar: tuple[str, str] | None = None, once_key: str | None = None, **context):
    """Queue the mail `notify/<template>.txt` (and `.html`) for `user`, in the caller's transaction.

    `kind` is a preference (KINDS: skipped when the user switched it off) or an account mail
    ("account": always sent). `subject` is called in the user's language. Nothing is queued for an
    inactive user or one without an address; returns the queued mail or None."""
    if not getattr(user, "email", None) or not getattr(user, "active", True):
        log.info("no %s mail for user %s: no address or inactive", kind, getattr(user, "id", None))
        return None
    if kind in KINDS and not wants(user, kind):
        return None
    unsubscribe = absolute_url("notify.unsubscribe", token=unsubscribe_token(user, kind)) if kind in KINDS else None
    context.update(user=user, kind=kind, unsubscribe_url=unsubscribe,
                   preferences_url=absolute_url("notify.preferences"), site_url=absolute_url("main.index"))
    with force_locale(language_of(user)):
        title = subject()
        text = render_template(f"notify/{template}.txt", subject=title, **context)
        html = render_template(f"notify/{template}.html", subject=title, **context)
    headers = {}
    if unsubscribe:
        headers = {"List-Unsubscribe": f"<{unsubscribe}>", "List-Unsubscribe-Post": "List-Unsubscribe=One-Click"}
    return queue(Letter(kind=kind if kind in KINDS else template, recipient=user.email, subject=title, text=text,
                        html=html, attachments=list(attachments), calendar=calendar, headers=headers,
                        user_id=user.id, once_key=once_key))

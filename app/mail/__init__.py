"""Mail: an outbox written in the same transaction as the change that causes a mail, delivered
right after the commit through SMTP (Flask-Mailman), retried with backoff, each mail sent once.

Without `MAIL_SERVER` (the embedded default and `make run`) a mail is written as an .eml file
into `instance/mail/`, and the beheerder reads it on the "Verzonden berichten" page.

What is mailed, and to whom, is decided by the features above this one (app/notify): this
package knows nothing of meetings or actions.
"""
from flask import Blueprint

bp = Blueprint("mail", __name__)


def init_app(app) -> None:
    """The SMTP settings (Flask-Mailman reads MAIL_*), delivery after every commit that queued a
    mail, and `flask --app wsgi send-mail`."""
    from app.extensions import mail
    from app.mail import cli, delivery

    mail.init_app(app)
    delivery.install()
    cli.register(app)


from app.mail import routes  # noqa: E402,F401

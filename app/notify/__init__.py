"""Notifications: what is mailed to whom when something happens (an agenda published, minutes
open for comment, an action assigned, a reminder), each kind switchable per user, with one-click
unsubscribe. It connects to the hooks of the features it reports on; they never import it."""
from flask import Blueprint

bp = Blueprint("notify", __name__)


def init_app(app) -> None:
    """Connect the notifications to the hooks and workflow effects of the features they report on,
    and register the commands. One import per module that connects."""
    from app.notify import accounts  # noqa: F401  (invitations and password resets)
    from app.notify import meetings  # noqa: F401  (invitations, updates, cancellations, record notices)
    from app.notify import actions, cli  # noqa: F401  (action_assigned: a mail to the new owner)
    from app.notify import proposals  # noqa: F401  (a proposal decided: a mail to its proposer)
    cli.register(app)  # send-reminders


from app.notify import routes  # noqa: E402,F401

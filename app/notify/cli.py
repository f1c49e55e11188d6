"""`flask --app wsgi send-reminders`: the daily reminders and weekly digests (for cron or a systemd timer)."""
import click
from flask import current_app
from sqlalchemy import func, select

from app.extensions import db
from app.mail.models import OutgoingMail
from app.notify.reminders import send_reminders


def register(app) -> None:
    @app.cli.command("send-reminders")
    @click.option("--date", "day", type=click.DateTime(formats=["%Y-%m-%d"]), default=None,
                  help="Send as on this day (YYYY-MM-DD) instead of today in Brussels: to catch up a missed run.")
    def send_reminders_command(day):
        """Mail owners their actions due within a week or overdue (once a day, or once a week for who
        chose so) and secretaries the weekly digest of their bodies' overdue actions."""
        if current_app.config.get("MAIL_DELIVERY") == "background":
            # deliver before the command exits: a background delivery thread would die with it
            current_app.config["MAIL_DELIVERY"] = "inline"
        run = send_reminders(day.date() if day else None)
        for queued in run.queued:
            click.echo(f"  {queued.kind:8} {queued.recipient}: {queued.actions} action(s)")
        if run.conflict:
            click.echo("Another send-reminders run queued the same mails first: nothing queued by this one.")
        reminders = sum(1 for q in run.queued if q.kind == "reminder")
        click.echo(f"{run.day.isoformat()}: queued {reminders} reminder(s) and {len(run.queued) - reminders} "
                   f"digest(s); {run.already_sent} already sent earlier.")
        if run.mail_ids:
            statuses = dict(db.session.execute(
                select(OutgoingMail.status, func.count()).where(OutgoingMail.id.in_(run.mail_ids))
                .group_by(OutgoingMail.status)).all())
            click.echo("Outbox: " + ", ".join(f"{status} {count}" for status, count in sorted(statuses.items())))

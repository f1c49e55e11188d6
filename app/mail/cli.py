"""`flask --app wsgi send-mail`: deliver the outbox (for cron, and after an outage)."""
import click

from app.mail.delivery import deliver_due


def register(app) -> None:
    @app.cli.command("send-mail")
    @click.option("--now", "include_waiting", is_flag=True,
                  help="Also the mails waiting for their next attempt (after an outage of the SMTP server).")
    def send_mail_command(include_waiting):
        """Send the mails that are due; retries wait 1, 2, 4 … minutes after a failure."""
        report = deliver_due(include_waiting=include_waiting)
        click.echo(f"Sent: {report.sent}, to retry: {report.retrying}, failed: {report.failed}.")
        for line in report.errors[:20]:
            click.echo(f"  {line}")
        if report.retrying or report.failed:
            raise SystemExit(1)

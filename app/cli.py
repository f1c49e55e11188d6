"""Command-line commands: `flask --app wsgi seed-demo`, `create-user`."""
import click
from flask import Flask, current_app

from app.auth.models import User
from app.auth.services import create_user
from app.backup.cli import register_backup_cli
from app.bodies.services import get_body
from app.core.errors import DomainError
from app.extensions import db
from app.search.cli import register as register_search_cli
from app.seed import DEMO_PASSWORD, DEMO_USERS, grant_membership, seed_demo


def register_cli(app: Flask) -> None:
    @app.cli.command("seed-demo")
    @click.option("--if-empty", is_flag=True,
                  help="Only load the demo data into a database without users (what `make run` does), "
                       "so that a beheerder's later changes are never undone.")
    def seed_demo_command(if_empty):
        """Load the demo data (idempotent) and print the demo accounts."""
        if if_empty and db.session.scalar(db.select(User.id).limit(1)) is not None:
            existing = set(db.session.scalars(db.select(User.email)))
            accounts = [
                (email, global_role or ", ".join(f"{role} {slug}" for slug, role in seats.items()))
                for email, _name, global_role, _organisation, seats in DEMO_USERS if email in existing
            ]
            click.echo("The database already has users: demo data not loaded again.")
            if not accounts:
                return
        else:
            accounts = seed_demo()
            click.echo("Demo data ready.")
        click.echo("Demo accounts (password for all, unless changed since: %s):" % DEMO_PASSWORD)
        for email, description in accounts:
            click.echo(f"  {email:40} {description}")

    @app.cli.command("create-user")
    @click.argument("email")
    @click.option("--name", required=True)
    @click.option("--password", help="Set the password here; without it the user is mailed an invitation "
                                     "with a one-time link to choose one.")
    @click.option("--role", type=click.Choice(["beheerder", "secretaris", "voorzitter", "lid"]))
    @click.option("--body", "body_slug", help="Make the role local to this body (its slug).")
    def create_user_command(email, name, password, role, body_slug):
        """Create a user; with --body the role is local to that body."""
        if current_app.config.get("MAIL_DELIVERY") == "background":
            # deliver the invitation before the command exits: a background thread would die with it
            current_app.config["MAIL_DELIVERY"] = "inline"
        try:
            body = get_body(body_slug) if body_slug else None
            if body is not None and role == "beheerder":
                raise click.UsageError("beheerder is a global role; leave out --body")
            user = create_user(email, name, password, global_role=None if body else role)
            if body is not None:
                grant_membership(user, body, role or "lid")
        except DomainError as error:  # no HTTP here: any refusal is a message on the command line
            raise click.ClickException(error.message)
        where = f" in {body.slug}" if body else ""
        click.echo(f"Created {user.email} ({role or 'no role'}{where}).")
        if password is None:
            click.echo(f"An invitation to choose a password is in the outbox for {user.email} "
                       "(`send-mail` retries it if the mail server did not take it).")

    register_backup_cli(app)

    register_search_cli(app)

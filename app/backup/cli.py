"""`flask --app wsgi backup` and `flask --app wsgi restore`."""
from pathlib import Path

import click
from flask import Flask, current_app

from app.backup.services import BackupError, restore_backup, write_backup
from app.core.timeutil import utcnow


def register_backup_cli(app: Flask) -> None:
    @app.cli.command("backup")
    @click.option("--output", "-o", type=click.Path(dir_okay=False, path_type=Path),
                  help="Where to write the .tar.gz (default: instance/backups/backup-<time>.tar.gz).")
    def backup_command(output: Path | None):
        """Write a consistent backup: database rows, uploaded files, a manifest of checksums."""
        if output is None:
            stamp = utcnow().strftime("%Y%m%dT%H%M%SZ")
            output = Path(current_app.instance_path) / "backups" / f"backup-{stamp}.tar.gz"
        try:
            manifest = write_backup(output)
        except BackupError as error:
            raise click.ClickException(str(error))
        rows = sum(entry["rows"] for entry in manifest["tables"].values())
        click.echo(f"Backup written to {output}: {rows} rows in {len(manifest['tables'])} tables, "
                   f"{len(manifest['files'])} files (revision {manifest['revision']}).")

    @app.cli.command("restore")
    @click.argument("source", type=click.Path(exists=True, dir_okay=False, path_type=Path))
    def restore_command(source: Path):
        """Restore a backup into an empty instance (run `flask db upgrade` first)."""
        try:
            manifest = restore_backup(source)
        except BackupError as error:
            raise click.ClickException(str(error))
        rows = sum(entry["rows"] for entry in manifest["tables"].values())
        click.echo(f"Restored {rows} rows and {len(manifest['files'])} files from {source}.")
        rebuild = current_app.extensions.get("spitsregio_rebuild_search")
        if rebuild is not None:
            rebuild()
            click.echo("Search index rebuilt.")

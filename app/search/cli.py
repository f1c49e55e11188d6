"""`flask --app wsgi reindex [--security]`, `check-index` and `search-drain`."""
import click

from app.search.check import IndexBroken, check_index, repair_security
from app.search.index import drain, reindex, waiting


def _keys(keys: list[str]) -> str:
    if not keys:
        return ""
    return f" ({', '.join(keys[:20])}{' …' if len(keys) > 20 else ''})"


def register(app) -> None:
    @app.cli.command("reindex")
    @click.option("--security", is_flag=True,
                  help="Only refresh the entries whose readers drifted (and remove superfluous ones), "
                       "without a full rebuild.")
    def reindex_command(security):
        """Rebuild the search index from the database and swap it in."""
        if not security:
            count = reindex()
            click.echo(f"Reindexed {count} entries.")
            return
        try:
            keys = repair_security()
        except IndexBroken as error:
            click.echo(f"The search index cannot be read ({error}): run `flask --app wsgi reindex`.")
            raise SystemExit(1)
        click.echo(f"Refreshed the security of {len(keys)} entries{_keys(keys)}.")
        if waiting():
            click.echo("Some wait in the outbox (the writer is busy): run `flask --app wsgi search-drain`.")
            raise SystemExit(1)

    @app.cli.command("search-drain")
    def drain_command():
        """Apply the changes waiting in the search outbox (left by a crash or a busy writer)."""
        count = drain()
        click.echo(f"Applied {count} waiting changes.")
        left = waiting()
        if left:
            click.echo(f"Still waiting: {left} (the writer is busy, or the index is missing: "
                       "run `flask --app wsgi check-index`).")
            raise SystemExit(1)

    @app.cli.command("check-index")
    def check_index_command():
        """Report what the search index misses, has stale (its readers too) or has too much."""
        report = check_index()
        if report["broken"]:
            click.echo(f"The search index cannot be read ({report['broken']}).")
        click.echo(f"Indexed: {report['indexed']}, expected: {report['expected']}, "
                   f"waiting in the outbox: {report['pending']}")
        for label in ("missing", "stale", "stale_security", "extra"):
            keys = report[label]
            click.echo(f"{label.replace('_', ' ')}: {len(keys)}{_keys(keys)}")
        if report["stale_security"] and not report["broken"]:
            click.echo("Entries show to readers who may no longer read them, or hide from new readers: "
                       "`flask --app wsgi reindex --security` refreshes them at once.")
        if report["broken"] or report["missing"] or report["stale"] or report["extra"]:
            click.echo("Run `flask --app wsgi reindex` to repair.")
            raise SystemExit(1)
        click.echo("The index is consistent with the database.")

"""`flask --app wsgi reindex`, `check-index` and `search-drain`."""
import click

from app.search.index import check_index, drain, reindex, waiting


def register(app) -> None:
    @app.cli.command("reindex")
    def reindex_command():
        """Rebuild the search index from the database and swap it in."""
        count = reindex()
        click.echo(f"Reindexed {count} entries.")

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
        """Report what the search index misses, has stale or has too much."""
        report = check_index()
        if report["broken"]:
            click.echo(f"The search index cannot be read ({report['broken']}).")
        click.echo(f"Indexed: {report['indexed']}, expected: {report['expected']}, "
                   f"waiting in the outbox: {report['pending']}")
        for label in ("missing", "stale", "extra"):
            keys = report[label]
            click.echo(f"{label}: {len(keys)}" + (f" ({', '.join(keys[:20])}{' …' if len(keys) > 20 else ''})" if keys else ""))
        if report["broken"] or report["missing"] or report["stale"] or report["extra"]:
            click.echo("Run `flask --app wsgi reindex` to repair.")
            raise SystemExit(1)
        click.echo("The index is consistent with the database.")

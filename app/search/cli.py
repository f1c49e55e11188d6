"""`flask --app wsgi reindex` and `check-index`."""
import click


def register(app) -> None:
    @app.cli.command("reindex")
    def reindex_command():
        """Rebuild the search index from the database and swap it in."""
        from app.search.index import reindex

        count = reindex()
        click.echo(f"Reindexed {count} entries.")

    @app.cli.command("check-index")
    def check_index_command():
        """Report what the search index misses, has stale or has too much."""
        from app.search.index import check_index

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

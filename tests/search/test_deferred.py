"""deferred_indexing(): many commits, one index update at the end, nothing lost."""
import pytest
from sqlalchemy import func, select

from app.extensions import db
from app.search import check
from app.search.hooks import deferred_indexing
from app.search.models import SearchOutbox


@pytest.mark.slow  # the demo data with its meetings
def test_commits_inside_wait_in_the_outbox_and_are_applied_at_the_end(app):
    from app.seed import seed_demo

    app.config["SEED_DEMO_MEETINGS"] = True
    with deferred_indexing():
        seed_demo()
        assert db.session.scalar(select(func.count(SearchOutbox.id))) > 0
    assert db.session.scalar(select(func.count(SearchOutbox.id))) == 0
    report = check.check_index()
    assert report["expected"] > 20
    assert report["missing"] == report["stale"] == report["extra"] == []

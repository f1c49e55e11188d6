"""The search outbox (index changes recorded in the same transaction as the change itself), and
the table of the PostgreSQL search backend."""
from datetime import datetime

from sqlalchemy import DDL, JSON, DateTime, Index, String, Text, event
from sqlalchemy.dialects.postgresql import ARRAY, TSVECTOR
from sqlalchemy.orm import Mapped, mapped_column

from app.core.timeutil import utcnow
from app.extensions import db


class SearchOutbox(db.Model):
    """One object whose search entry must be refreshed (or removed) once the transaction commits.

    A row says only *which* object changed; the indexer reads the object's state at the time it
    applies the row, so replaying a row twice or out of order is harmless.
    """
    __tablename__ = "search_outbox"

    id: Mapped[int] = mapped_column(primary_key=True)
    #: a registered search type, e.g. "document" or "meeting"
    object_type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)


# --- the PostgreSQL search backend's table ------------------------------------------------------------

#: the text search configuration: PostgreSQL's `dutch` (Snowball stemmer and stop words) with
#: accents folded first (café = cafe), so ts_headline highlights the same words the index matches
TEXT_SEARCH_CONFIG = "spitsregio_dutch"

#: extensions and configuration the table needs on PostgreSQL (idempotent; the migration runs it too)
POSTGRES_SETUP = f"""
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = '{TEXT_SEARCH_CONFIG}') THEN
    CREATE TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG} (COPY = dutch);
    ALTER TEXT SEARCH CONFIGURATION {TEXT_SEARCH_CONFIG}
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
  END IF;
END $$;
"""


class SearchEntry(db.Model):
    """One search document of the PostgreSQL backend (SEARCH_BACKEND="postgres"): what the Whoosh
    backend keeps in its index folder, kept in the shared database so every app host sees it.
    Present but unused on SQLite."""
    __tablename__ = "search_entries"
    __table_args__ = (
        Index("ix_search_entries_search_vector", "search_vector", postgresql_using="gin"),
        Index("ix_search_entries_principals", "principals", postgresql_using="gin"),
        Index("ix_search_entries_title_trgm", "title", postgresql_using="gin",
              postgresql_ops={"title": "gin_trgm_ops"}),
        #: browsing without a query (facet counts of every readable entry, newest first) and date
        #: sorts read this narrow index (index-only) instead of the table with its texts
        Index("ix_search_entries_date_facets", "date", "key",
              postgresql_include=["type", "body", "year", "action_line", "state", "principals"]),
    )

    #: "type:id", e.g. "document:12"
    key: Mapped[str] = mapped_column(String(80), primary_key=True)
    type: Mapped[str] = mapped_column(String(40))
    object_id: Mapped[int]
    title: Mapped[str] = mapped_column(Text)
    #: plain text (no Markdown or HTML), shown in snippets
    text: Mapped[str] = mapped_column(Text)
    #: the owning body's slug ("" when none); year, action line and state likewise, for facets
    body: Mapped[str] = mapped_column(String(100))
    year: Mapped[str] = mapped_column(String(4))
    action_line: Mapped[str] = mapped_column(String(10))
    state: Mapped[str] = mapped_column(String(40))
    date: Mapped[datetime] = mapped_column(DateTime)
    url: Mapped[str] = mapped_column(String(500))
    #: who may read it (see core.permissions.allowed_principals); matched with && on PostgreSQL
    principals: Mapped[list] = mapped_column(JSON().with_variant(ARRAY(String(200)), "postgresql"))
    #: keys of the entries this one hangs under: removing a meeting removes its items
    parents: Mapped[list] = mapped_column(JSON().with_variant(ARRAY(String(80)), "postgresql"))
    fingerprint: Mapped[str] = mapped_column(String(32))
    #: title (weight A) and text (weight B), analysed with TEXT_SEARCH_CONFIG
    search_vector: Mapped[str | None] = mapped_column(Text().with_variant(TSVECTOR(), "postgresql"))


event.listen(SearchEntry.__table__, "before_create", DDL(POSTGRES_SETUP).execute_if(dialect="postgresql"))


class SearchWord(db.Model):
    """One lexeme of the PostgreSQL backend's entries (what `search_vector` holds, stemmed), with a
    trigram index: a misspelt query word is stemmed, compared with these (pg_trgm, then the edit
    distance in Python) and replaced by the lexemes it is a typo of. Filled as entries are written;
    a lexeme whose last entry is gone stays until the next full rebuild (it then matches nothing).
    Present but unused on SQLite."""
    __tablename__ = "search_words"
    __table_args__ = (
        Index("ix_search_words_word_trgm", "word", postgresql_using="gin",
              postgresql_ops={"word": "gin_trgm_ops"}),
    )

    word: Mapped[str] = mapped_column(Text, primary_key=True)

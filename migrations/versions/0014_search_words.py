"""search words (the PostgreSQL entries' lexemes, for typos in texts) and an index for browsing

Revision ID: 0014
Revises: 0013
Create Date: 2026-12-02 07:50:00

search_words holds every lexeme of the entries, with a pg_trgm index (the extension exists since
0005); on PostgreSQL it is filled from the existing entries' tsvectors, on SQLite it stays unused.
Also a narrow index on search_entries (date, key, with the facets and principals included) that
browsing without a query and date sorts read index-only.
"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0014'
down_revision = '0013'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('search_words',
    sa.Column('word', sa.Text(), nullable=False),
    sa.PrimaryKeyConstraint('word', name=op.f('pk_search_words'))
    )
    with op.batch_alter_table('search_words', schema=None) as batch_op:
        batch_op.create_index('ix_search_words_word_trgm', ['word'], unique=False,
                              postgresql_using='gin', postgresql_ops={'word': 'gin_trgm_ops'})
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.create_index('ix_search_entries_date_facets', ['date', 'key'], unique=False,
                              postgresql_include=['type', 'body', 'year', 'action_line', 'state', 'principals'])
    if op.get_bind().dialect.name == "postgresql":
        op.execute("INSERT INTO search_words (word) SELECT DISTINCT lexeme FROM search_entries, "
                   "unnest(search_vector) WHERE search_vector IS NOT NULL ON CONFLICT DO NOTHING")


def downgrade():
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_search_entries_date_facets')
    with op.batch_alter_table('search_words', schema=None) as batch_op:
        batch_op.drop_index('ix_search_words_word_trgm')
    op.drop_table('search_words')

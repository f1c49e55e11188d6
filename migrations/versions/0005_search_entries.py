"""search entries for the PostgreSQL search backend

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-29 01:45:00

On PostgreSQL this also creates the unaccent and pg_trgm extensions and the `spitsregio_dutch`
text search configuration (dutch with accents folded). On SQLite the table exists but stays unused.
"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None

# A copy of app.search.models.POSTGRES_SETUP: a migration must not change when the app does.
POSTGRES_SETUP = """
CREATE EXTENSION IF NOT EXISTS unaccent;
CREATE EXTENSION IF NOT EXISTS pg_trgm;
DO $$ BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_ts_config WHERE cfgname = 'spitsregio_dutch') THEN
    CREATE TEXT SEARCH CONFIGURATION spitsregio_dutch (COPY = dutch);
    ALTER TEXT SEARCH CONFIGURATION spitsregio_dutch
      ALTER MAPPING FOR hword, hword_part, word WITH unaccent, dutch_stem;
  END IF;
END $$;
"""


def upgrade():
    postgres = op.get_bind().dialect.name == "postgresql"
    if postgres:
        op.execute(POSTGRES_SETUP)
    op.create_table('search_entries',
    sa.Column('key', sa.String(length=80), nullable=False),
    sa.Column('type', sa.String(length=40), nullable=False),
    sa.Column('object_id', sa.Integer(), nullable=False),
    sa.Column('title', sa.Text(), nullable=False),
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('body', sa.String(length=100), nullable=False),
    sa.Column('year', sa.String(length=4), nullable=False),
    sa.Column('action_line', sa.String(length=10), nullable=False),
    sa.Column('state', sa.String(length=40), nullable=False),
    sa.Column('date', sa.DateTime(), nullable=False),
    sa.Column('url', sa.String(length=500), nullable=False),
    sa.Column('principals', sa.JSON().with_variant(postgresql.ARRAY(sa.String(length=200)), 'postgresql'),
              nullable=False),
    sa.Column('parents', sa.JSON().with_variant(postgresql.ARRAY(sa.String(length=80)), 'postgresql'),
              nullable=False),
    sa.Column('fingerprint', sa.String(length=32), nullable=False),
    sa.Column('search_vector', sa.Text().with_variant(postgresql.TSVECTOR(), 'postgresql'), nullable=True),
    sa.PrimaryKeyConstraint('key', name=op.f('pk_search_entries'))
    )
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.create_index('ix_search_entries_search_vector', ['search_vector'], unique=False,
                              postgresql_using='gin')
        batch_op.create_index('ix_search_entries_principals', ['principals'], unique=False,
                              postgresql_using='gin')
        batch_op.create_index('ix_search_entries_title_trgm', ['title'], unique=False,
                              postgresql_using='gin', postgresql_ops={'title': 'gin_trgm_ops'})


def downgrade():
    with op.batch_alter_table('search_entries', schema=None) as batch_op:
        batch_op.drop_index('ix_search_entries_title_trgm')
        batch_op.drop_index('ix_search_entries_principals')
        batch_op.drop_index('ix_search_entries_search_vector')
    op.drop_table('search_entries')
    if op.get_bind().dialect.name == "postgresql":
        # The extensions stay: other schemas in the database may use them.
        op.execute("DROP TEXT SEARCH CONFIGURATION IF EXISTS spitsregio_dutch")

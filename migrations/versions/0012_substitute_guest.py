"""a guest who stands in for a member

- attendances.substitute_name: the name of a substitute without an account (a guest), written
  where no member or known substitute of the body stood in.

Revision ID: 0012
Revises: 0011
Create Date: 2026-12-09 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0012'
down_revision = '0011'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.add_column(sa.Column('substitute_name', sa.String(length=200), nullable=False, server_default=''))


def downgrade():
    with op.batch_alter_table('attendances', schema=None) as batch_op:
        batch_op.drop_column('substitute_name')

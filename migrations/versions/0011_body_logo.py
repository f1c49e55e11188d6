"""a logo per body for the letterhead of the Word exports

- bodies.logo_stored_name: the logo's file under UPLOAD_PATH/logos/ (NULL: no logo);
- bodies.logo_original_name, logo_size, logo_uploaded_at: what the house-style page shows of it.

Revision ID: 0011
Revises: 0010
Create Date: 2026-12-09 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0011'
down_revision = '0010'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('logo_stored_name', sa.String(length=80), nullable=True))
        batch_op.add_column(sa.Column('logo_original_name', sa.String(length=255), nullable=True))
        batch_op.add_column(sa.Column('logo_size', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('logo_uploaded_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.drop_column('logo_uploaded_at')
        batch_op.drop_column('logo_size')
        batch_op.drop_column('logo_original_name')
        batch_op.drop_column('logo_stored_name')

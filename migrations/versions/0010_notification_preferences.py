"""what each user wants mailed, and in which language

- users.language: the language the user chose on the site, for the mails they get;
- notification_preferences: per user, each kind of notification on or off and the reminder
  frequency (no row: everything on, reminders daily).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-02 02:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('language', sa.String(length=5), nullable=True))
    op.create_table(
        'notification_preferences',
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('meetings', sa.Boolean(), nullable=False),
        sa.Column('minutes', sa.Boolean(), nullable=False),
        sa.Column('decisions', sa.Boolean(), nullable=False),
        sa.Column('actions', sa.Boolean(), nullable=False),
        sa.Column('reminders', sa.Boolean(), nullable=False),
        sa.Column('reminder_frequency', sa.String(length=10), nullable=False),
        sa.Column('digest', sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_notification_preferences_user_id_users'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('user_id', name=op.f('pk_notification_preferences')),
    )


def downgrade():
    op.drop_table('notification_preferences')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_column('language')

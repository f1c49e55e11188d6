"""meetings and agendas: no schema change

The foundation migration (0001) already holds everything the agenda feature needs: the
agenda version, the iCalendar sequence, skipped/standing flags, the continues-item link and
the feedback-decision links. The revision exists so the chain 0001 -> 0002 -> 0003 stays whole.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-29 01:30:00

"""

# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

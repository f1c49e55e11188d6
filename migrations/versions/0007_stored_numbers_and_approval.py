"""stored meeting numbers and decision references, and who approved the minutes when

A meeting's number in its year is stored once the meeting is held, so planning an earlier meeting
later renumbers nothing held; every decision stores its reference (TF-2026-03/2), provisional until
the meeting is held and final from then on, so lists no longer compute it with queries per decision. The approval of the minutes records who and when.
Existing held meetings get their numbers, their decisions their references, approved meetings
their approver from the workflow history.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-01 20:30:00

"""
from datetime import datetime, timezone
from zoneinfo import ZoneInfo

import sqlalchemy as sa
from alembic import op

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

BRUSSELS = ZoneInfo("Europe/Brussels")
HELD = ("held", "minutes_approved")


def upgrade():
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('number_in_year', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('approved_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('approved_by_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_meetings_approved_by_id_users'), 'users',
                                    ['approved_by_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('reference', sa.String(length=60), nullable=True))
    _backfill(op.get_bind())


def _local_year(moment) -> int:
    return moment.replace(tzinfo=timezone.utc).astimezone(BRUSSELS).year


def _backfill(connection):
    meetings = connection.execute(sa.text(
        "SELECT m.id, m.body_id, m.start_at, m.state, b.abbreviation FROM meetings m "
        "JOIN bodies b ON b.id = m.body_id ORDER BY m.start_at, m.id")).all()
    ranks: dict[tuple[int, int], int] = {}
    for meeting_id, body_id, start_at, state, abbreviation in meetings:
        if isinstance(start_at, str):  # SQLite hands raw SQL datetimes back as text
            start_at = datetime.fromisoformat(start_at)
        year = _local_year(start_at)
        ranks[(body_id, year)] = number = ranks.get((body_id, year), 0) + 1
        if state in HELD:
            connection.execute(sa.text("UPDATE meetings SET number_in_year = :n WHERE id = :id"),
                               {"n": number, "id": meeting_id})
        connection.execute(sa.text(
            "UPDATE decisions SET reference = :prefix || CAST(number AS VARCHAR(10)) "
            "WHERE agenda_item_id IN (SELECT id FROM agenda_items WHERE meeting_id = :id)"),
            {"prefix": f"{abbreviation}-{year}-{number:02d}/", "id": meeting_id})
    approvals = connection.execute(sa.text(
        "SELECT object_id, user_id, created_at FROM workflow_transitions "
        "WHERE object_type = 'meeting' AND transition = 'approve_minutes' ORDER BY created_at, id")).all()
    for meeting_id, user_id, created_at in approvals:
        connection.execute(sa.text(
            "UPDATE meetings SET approved_at = :at, approved_by_id = :user "
            "WHERE id = :id AND state = 'minutes_approved'"),
            {"at": created_at, "user": user_id, "id": meeting_id})


def downgrade():
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_column('reference')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_meetings_approved_by_id_users'), type_='foreignkey')
        batch_op.drop_column('approved_by_id')
        batch_op.drop_column('approved_at')
        batch_op.drop_column('number_in_year')

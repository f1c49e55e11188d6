"""votes that follow attendance, outcomes, cancelled meetings, draft minutes for comment, measured objectives

- bodies: the quorum (voting members present needed; NULL = more than half) and the majority rule
  a vote is decided by;
- meetings: the reason a meeting was cancelled, and when its draft minutes were put up for comment;
- decisions: how the vote was taken (per member, counts, unanimous, secret) and its outcome
  (aangenomen / verworpen), stored when the vote is recorded; existing votes get theirs by the
  default rule (more for than against);
- votes: the member a substitute voted for;
- objectives: whether the indicator is the sum of the actions' contributions;
- progress_updates: the day a value was measured;
- minutes_comments: members' remarks on draft minutes and the secretariat's answers.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-01 21:30:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.add_column(sa.Column('quorum', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('majority_rule', sa.String(length=20), nullable=False,
                                      server_default='simple'))
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.add_column(sa.Column('cancel_reason', sa.Text(), nullable=False, server_default=''))
        batch_op.add_column(sa.Column('minutes_shared_at', sa.DateTime(), nullable=True))
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('vote_kind', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.add_column(sa.Column('replaces_user_id', sa.Integer(), nullable=True))
        batch_op.create_foreign_key(batch_op.f('fk_votes_replaces_user_id_users'), 'users',
                                    ['replaces_user_id'], ['id'], ondelete='SET NULL')
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.add_column(sa.Column('sums_actions', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.add_column(sa.Column('measured_on', sa.Date(), nullable=True))
    op.create_table(
        'minutes_comments',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('meeting_id', sa.Integer(), nullable=False),
        sa.Column('agenda_item_id', sa.Integer(), nullable=True),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('text', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('answer', sa.Text(), nullable=False, server_default=''),
        sa.Column('answered_at', sa.DateTime(), nullable=True),
        sa.Column('answered_by_id', sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'], name=op.f('fk_minutes_comments_meeting_id_meetings'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'],
                                name=op.f('fk_minutes_comments_agenda_item_id_agenda_items'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_minutes_comments_user_id_users'),
                                ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['answered_by_id'], ['users.id'], name=op.f('fk_minutes_comments_answered_by_id_users'),
                                ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_minutes_comments')),
    )
    with op.batch_alter_table('minutes_comments', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_minutes_comments_meeting_id'), ['meeting_id'], unique=False)
    _backfill(op.get_bind())


def _backfill(connection):
    """Existing votes: per member when names were recorded, else counts; outcome by the default rule."""
    connection.execute(sa.text(
        "UPDATE decisions SET vote_kind = CASE WHEN EXISTS "
        "(SELECT 1 FROM votes WHERE votes.decision_id = decisions.id) THEN 'per_member' ELSE 'counts' END, "
        "outcome = CASE WHEN COALESCE(votes_for, 0) > COALESCE(votes_against, 0) "
        "THEN 'aangenomen' ELSE 'verworpen' END "
        "WHERE votes_for IS NOT NULL OR votes_against IS NOT NULL OR votes_abstain IS NOT NULL"))


def downgrade():
    with op.batch_alter_table('minutes_comments', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_minutes_comments_meeting_id'))
    op.drop_table('minutes_comments')
    with op.batch_alter_table('progress_updates', schema=None) as batch_op:
        batch_op.drop_column('measured_on')
    with op.batch_alter_table('objectives', schema=None) as batch_op:
        batch_op.drop_column('sums_actions')
    with op.batch_alter_table('votes', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_votes_replaces_user_id_users'), type_='foreignkey')
        batch_op.drop_column('replaces_user_id')
    with op.batch_alter_table('decisions', schema=None) as batch_op:
        batch_op.drop_column('outcome')
        batch_op.drop_column('vote_kind')
    with op.batch_alter_table('meetings', schema=None) as batch_op:
        batch_op.drop_column('minutes_shared_at')
        batch_op.drop_column('cancel_reason')
    with op.batch_alter_table('bodies', schema=None) as batch_op:
        batch_op.drop_column('majority_rule')
        batch_op.drop_column('quorum')

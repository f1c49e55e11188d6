"""agenda proposals: members propose agenda items to the secretary of their body

- agenda_proposals: the proposed item (title, Markdown description, kind), its proposer and body,
  its state (open, postponed, accepted, declined), the secretary's note or reason, and where an
  accepted proposal went (meeting, agenda item);
- agenda_proposal_documents: the documents sent with a proposal.

Revision ID: 0013
Revises: 0012
Create Date: 2026-12-03 10:00:00

"""
import sqlalchemy as sa
from alembic import op

revision = '0013'
down_revision = '0012'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'agenda_proposals',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('body_id', sa.Integer(), nullable=False),
        sa.Column('proposed_by_id', sa.Integer(), nullable=True),
        sa.Column('title', sa.String(length=300), nullable=False),
        sa.Column('description', sa.Text(), nullable=False),
        sa.Column('kind', sa.String(length=20), nullable=False),
        sa.Column('state', sa.String(length=20), nullable=False),
        sa.Column('decision_note', sa.Text(), nullable=False),
        sa.Column('decided_by_id', sa.Integer(), nullable=True),
        sa.Column('decided_at', sa.DateTime(), nullable=True),
        sa.Column('meeting_id', sa.Integer(), nullable=True),
        sa.Column('agenda_item_id', sa.Integer(), nullable=True),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('updated_at', sa.DateTime(), nullable=False),
        sa.ForeignKeyConstraint(['body_id'], ['bodies.id'], name=op.f('fk_agenda_proposals_body_id_bodies')),
        sa.ForeignKeyConstraint(['proposed_by_id'], ['users.id'],
                                name=op.f('fk_agenda_proposals_proposed_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['decided_by_id'], ['users.id'],
                                name=op.f('fk_agenda_proposals_decided_by_id_users'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['meeting_id'], ['meetings.id'],
                                name=op.f('fk_agenda_proposals_meeting_id_meetings'), ondelete='SET NULL'),
        sa.ForeignKeyConstraint(['agenda_item_id'], ['agenda_items.id'],
                                name=op.f('fk_agenda_proposals_agenda_item_id_agenda_items'), ondelete='SET NULL'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_agenda_proposals')),
    )
    with op.batch_alter_table('agenda_proposals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_proposals_body_id'), ['body_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_proposals_proposed_by_id'), ['proposed_by_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_agenda_proposals_state'), ['state'], unique=False)
    op.create_table(
        'agenda_proposal_documents',
        sa.Column('proposal_id', sa.Integer(), nullable=False),
        sa.Column('document_id', sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(['proposal_id'], ['agenda_proposals.id'],
                                name=op.f('fk_agenda_proposal_documents_proposal_id_agenda_proposals'),
                                ondelete='CASCADE'),
        sa.ForeignKeyConstraint(['document_id'], ['documents.id'],
                                name=op.f('fk_agenda_proposal_documents_document_id_documents'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('proposal_id', 'document_id', name=op.f('pk_agenda_proposal_documents')),
    )
    with op.batch_alter_table('agenda_proposal_documents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_agenda_proposal_documents_document_id'), ['document_id'],
                              unique=False)


def downgrade():
    op.drop_table('agenda_proposal_documents')
    op.drop_table('agenda_proposals')

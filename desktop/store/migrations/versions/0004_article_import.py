"""Article import: extraction suggestions, and sources grouped as one story

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25

`suggestion` keeps what extraction proposed from a source, so a rejected suggestion stays
rejected and an accepted one points at the evidence (and observation) it became.
`source.story` groups near-duplicates: the same story from several outlets.
"""
from alembic import op
import sqlalchemy as sa
import desktop.store.types

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('source', sa.Column('story', sa.String(), nullable=True))
    op.create_table(
        'suggestion',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('source_id', sa.Integer(), sa.ForeignKey('source.id', ondelete='CASCADE'), nullable=False),
        sa.Column('kind', sa.String(), nullable=False),
        sa.Column('start', sa.Integer(), nullable=False),
        sa.Column('end', sa.Integer(), nullable=False),
        sa.Column('text', sa.String(), nullable=False),
        sa.Column('payload', sa.String(), nullable=False),
        sa.Column('status', sa.String(), nullable=False),
        sa.Column('evidence_id', sa.Integer(), sa.ForeignKey('evidence.id', ondelete='SET NULL'), nullable=True),
        sa.Column('observation_id', sa.Integer(), sa.ForeignKey('observation.id', ondelete='SET NULL'),
                  nullable=True),
        sa.Column('decided_at', desktop.store.types.UTCDateTime(), nullable=True),
        sa.CheckConstraint("kind IN ('evidence', 'quantity')", name='suggestion_kind_known'),
        sa.CheckConstraint("status IN ('pending', 'accepted', 'rejected')", name='suggestion_status_known'),
        sa.PrimaryKeyConstraint('id'),
    )
    op.create_index('ix_suggestion_source', 'suggestion', ['source_id', 'status'], unique=False)


def downgrade() -> None:
    op.drop_index('ix_suggestion_source', table_name='suggestion')
    op.drop_table('suggestion')
    op.drop_column('source', 'story')

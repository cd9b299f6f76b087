"""The fact-token index: items reporting the same fact, found without reading every quote

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-02

`evidence_fact_token` holds each live item's fact signature (figures, days, names and the
quote's hash, `desktop.domain.fact_signature`), indexed by (situation, token), so that logging
an item finds its wire copies and near-duplicates among 100,000 with a few index lookups.
`ix_evidence_group` (partial: grouped items only) finds a group's members without a scan.
Existing live items are indexed here; a later change to the signature's rules must index them
again in a migration of its own.
"""
from datetime import date

from alembic import op
import sqlalchemy as sa

revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None

_BATCH = 2000


def upgrade() -> None:
    op.create_table(
        'evidence_fact_token',
        sa.Column('evidence_id', sa.Integer(), sa.ForeignKey('evidence.id', ondelete='CASCADE'), nullable=False),
        sa.Column('token', sa.String(), nullable=False),
        sa.Column('situation_id', sa.Integer(), sa.ForeignKey('situation.id', ondelete='CASCADE'), nullable=False),
        sa.PrimaryKeyConstraint('evidence_id', 'token'),
    )
    op.create_index('ix_fact_token_lookup', 'evidence_fact_token', ['situation_id', 'token', 'evidence_id'],
                    unique=False)
    op.create_index('ix_evidence_group', 'evidence', ['situation_id', 'group_key'], unique=False,
                    sqlite_where=sa.text('group_key IS NOT NULL'), postgresql_where=sa.text('group_key IS NOT NULL'))
    _backfill()


def _backfill() -> None:
    from desktop.domain.fact_signature import fact_signature

    bind = op.get_bind()
    table = sa.table('evidence_fact_token', sa.column('evidence_id'), sa.column('token'), sa.column('situation_id'))
    rows = bind.execute(sa.text(
        "SELECT id, situation_id, quote, observed_at FROM evidence WHERE deleted_at IS NULL ORDER BY id"))
    batch = []
    for evidence_id, situation_id, quote, observed in rows.fetchall():
        day = date.fromisoformat(observed[:10]) if isinstance(observed, str) else observed   # SQLite: text
        for token in sorted(fact_signature(quote, day).tokens()):
            batch.append({"evidence_id": evidence_id, "token": token, "situation_id": situation_id})
        if len(batch) >= _BATCH:
            op.bulk_insert(table, batch)
            batch = []
    if batch:
        op.bulk_insert(table, batch)


def downgrade() -> None:
    op.drop_index('ix_evidence_group', table_name='evidence')
    op.drop_index('ix_fact_token_lookup', table_name='evidence_fact_token')
    op.drop_table('evidence_fact_token')

"""Index of the live (not soft-deleted) evidence of a situation by date

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25

Every list, count and model read filters on deleted_at IS NULL: with this partial index
the default evidence list of a 100,000-item situation went from 216 to 34 ms, its count
from 170 to 6.5 ms (measured on SQLite). Partial indexes exist on SQLite and PostgreSQL.
"""
from alembic import op
import sqlalchemy as sa

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_index('ix_evidence_live', 'evidence', ['situation_id', 'observed_at'], unique=False,
                    sqlite_where=sa.text('deleted_at IS NULL'), postgresql_where=sa.text('deleted_at IS NULL'))


def downgrade() -> None:
    op.drop_index('ix_evidence_live', table_name='evidence')

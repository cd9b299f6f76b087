"""Knowledge time: when each evidence item and indicator figure became known

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02

As of a date, the model counts the items *reported* by then (design §4, issue 13 §2), so that
logging an old event today cannot rewrite what the model said yesterday. Existing items get the
date they most plausibly became known: their source's publication date when there is one, else the
day they happened. Never earlier than `observed_at`, though: a source dated before the event it
reports is a wrong or a coarse date (a digest dated by its first story, a live page), not an item
known before it happened, and the rule for new items refuses such a pair. Figures take their
evidence's date, else their own.

The columns are added nullable and filled with UPDATE: evidence carries full-text triggers, and a
SQLite batch rebuild of the table (what a NOT NULL change needs) would drop them. PostgreSQL
alters in place, so there the columns become NOT NULL after the backfill; on SQLite every write
path sets them and a test holds that none is left NULL.
"""
from alembic import op
import sqlalchemy as sa

revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('evidence', sa.Column('reported_at', sa.Date(), nullable=True))
    op.add_column('observation', sa.Column('reported_at', sa.Date(), nullable=True))
    # the later of the source's date and the item's own (ISO dates compare as text on SQLite too)
    op.execute(sa.text(
        "UPDATE evidence SET reported_at = COALESCE("
        "(SELECT CASE WHEN source.published_at > evidence.observed_at THEN source.published_at "
        "ELSE evidence.observed_at END FROM source "
        "WHERE source.id = evidence.source_id AND source.published_at IS NOT NULL), observed_at)"))
    op.execute(sa.text(
        "UPDATE observation SET reported_at = COALESCE("
        "(SELECT CASE WHEN evidence.reported_at > observation.observed_at THEN evidence.reported_at "
        "ELSE observation.observed_at END FROM evidence WHERE evidence.id = observation.evidence_id), observed_at)"))
    if op.get_bind().dialect.name != 'sqlite':
        op.alter_column('evidence', 'reported_at', nullable=False)
        op.alter_column('observation', 'reported_at', nullable=False)


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place, triggers kept
    op.drop_column('observation', 'reported_at')
    op.drop_column('evidence', 'reported_at')

"""A judgement's stated date, apart from when it was entered

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-26

`judgement.stated_on` is the day the analyst states a round for (it may be back-dated; charts
place the round there); `made_at` stays the moment it was entered, which staleness and scoring
use. Existing rounds are stated on the day (UTC) they were entered.
"""
from alembic import op
import sqlalchemy as sa

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('judgement', sa.Column('stated_on', sa.Date(), nullable=True))
    entered_day = "date(made_at)" if op.get_bind().dialect.name == "sqlite" else "CAST(made_at AS DATE)"
    op.execute(f"UPDATE judgement SET stated_on = {entered_day}")
    # NOT NULL from now on; on SQLite this rebuilds the table (it has no FTS triggers to keep).
    with op.batch_alter_table('judgement', schema=None) as batch_op:
        batch_op.alter_column('stated_on', existing_type=sa.Date(), nullable=False)


def downgrade() -> None:
    with op.batch_alter_table('judgement', schema=None) as batch_op:
        batch_op.drop_column('stated_on')

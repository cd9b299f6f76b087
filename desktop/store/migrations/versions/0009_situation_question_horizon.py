"""A situation's question, opened date and horizon; archived scenarios

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02

Issue 13 §1: the analyst defines the question a situation answers and the window it is asked
over (`opened_at` .. `horizon`, the days scoring will use), and can retire a scenario without
losing its ratings (`scenario.archived_at`: left out of the model, kept in the database).
Existing situations get an empty question and no dates, which the window reads as "not set".
Columns are added in place (no table rebuild), so large evidence tables are not touched.
"""
from alembic import op
import sqlalchemy as sa

from desktop.store.types import UTCDateTime

revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('situation', sa.Column('question', sa.String(), nullable=False, server_default=''))
    op.add_column('situation', sa.Column('opened_at', sa.Date(), nullable=True))
    op.add_column('situation', sa.Column('horizon', sa.Date(), nullable=True))
    op.add_column('scenario', sa.Column('archived_at', UTCDateTime(), nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('scenario', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
    with op.batch_alter_table('situation', schema=None) as batch_op:
        batch_op.drop_column('horizon')
        batch_op.drop_column('opened_at')
        batch_op.drop_column('question')

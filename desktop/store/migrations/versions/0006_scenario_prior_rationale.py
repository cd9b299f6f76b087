"""A scenario's prior rationale

Revision ID: 0006
Revises: 0005
Create Date: 2026-12-02

A prior is a judgement too: the base rate or reference class it comes from is kept with the
scenario (issue 12 §3) and shown where the prior is shown. Existing scenarios get an empty
rationale, which the window reads as "not written yet".
"""
from alembic import op
import sqlalchemy as sa

revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.add_column('scenario', sa.Column('prior_rationale', sa.String(), nullable=False, server_default=''))


def downgrade() -> None:
    with op.batch_alter_table('scenario', schema=None) as batch_op:
        batch_op.drop_column('prior_rationale')

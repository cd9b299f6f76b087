"""Full-text search (SQLite FTS5), soft-deleted sources, and the evidence a judgement rests on

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa
import desktop.store.types

revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None

# External-content FTS5 indexes kept in step by triggers, so every write path
# (ORM, bulk import, raw SQL) is indexed without the services having to remember.
_FTS = {
    "evidence": ("quote", "summary", "tags"),
    "source": ("title", "outlet", "text"),
}


def _fts_statements(table: str, columns: tuple[str, ...]) -> list[str]:
    fts = f"{table}_fts"
    cols = ", ".join(columns)
    new = ", ".join(f"new.{c}" for c in columns)
    old = ", ".join(f"old.{c}" for c in columns)
    return [
        f"CREATE VIRTUAL TABLE {fts} USING fts5({cols}, content='{table}', content_rowid='id', "
        f"tokenize='unicode61 remove_diacritics 2')",
        f"CREATE TRIGGER {fts}_ai AFTER INSERT ON {table} BEGIN "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"CREATE TRIGGER {fts}_ad AFTER DELETE ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); END",
        f"CREATE TRIGGER {fts}_au AFTER UPDATE OF {cols} ON {table} BEGIN "
        f"INSERT INTO {fts}({fts}, rowid, {cols}) VALUES ('delete', old.id, {old}); "
        f"INSERT INTO {fts}(rowid, {cols}) VALUES (new.id, {new}); END",
        f"INSERT INTO {fts}({fts}) VALUES ('rebuild')",
    ]


def upgrade() -> None:
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.add_column(sa.Column('deleted_at', desktop.store.types.UTCDateTime(), nullable=True))
    op.create_table('judgement_evidence',
    sa.Column('judgement_id', sa.Integer(), nullable=False),
    sa.Column('evidence_id', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['evidence_id'], ['evidence.id'], ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['judgement_id'], ['judgement.id'], ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('judgement_id', 'evidence_id')
    )
    with op.batch_alter_table('judgement_evidence', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_judgement_evidence_evidence_id'), ['evidence_id'], unique=False)
    if op.get_bind().dialect.name == "sqlite":
        for table, columns in _FTS.items():
            for statement in _fts_statements(table, columns):
                op.execute(statement)


def downgrade() -> None:
    if op.get_bind().dialect.name == "sqlite":
        for table in _FTS:
            for suffix in ("ai", "ad", "au"):
                op.execute(f"DROP TRIGGER IF EXISTS {table}_fts_{suffix}")
            op.execute(f"DROP TABLE IF EXISTS {table}_fts")
    with op.batch_alter_table('judgement_evidence', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_judgement_evidence_evidence_id'))
    op.drop_table('judgement_evidence')
    with op.batch_alter_table('source', schema=None) as batch_op:
        batch_op.drop_column('deleted_at')

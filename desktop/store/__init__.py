"""Persistence: SQLModel tables, engine and pragmas, Alembic migrations, bulk paths.

Only this package talks to the database; services call it and hand plain
dataclasses upward.
"""

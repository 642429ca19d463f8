"""Bulk loading: insert many rows fast, then rebuild the full-text index once.

Keeping the FTS5 triggers active while inserting 100k messages is several times slower than inserting first
and rebuilding the index after; the triggers' own SQL is read back from the schema, so this module never
repeats it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from typing import Any

from sqlalchemy import Table
from sqlmodel import Session

FTS_TABLES = ("message_fts", "note_fts")


@contextmanager
def fts_deferred(session: Session) -> Iterator[None]:
    """Inside this block inserts skip the FTS triggers; on the way out the index is rebuilt in full."""
    conn = session.connection()
    triggers = conn.exec_driver_sql(
        "SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND (name LIKE 'message_fts_%' "
        "OR name LIKE 'note_fts_%')"
    ).all()
    for name, _ in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    try:
        yield
    finally:
        for table in FTS_TABLES:
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
        for _, sql in triggers:
            conn.exec_driver_sql(sql)


def insert_rows(session: Session, table: Table, rows: Sequence[Mapping[str, Any]]) -> None:
    if rows:
        session.connection().execute(table.insert(), list(rows))


def max_id(session: Session, table: Table) -> int:
    return int(session.connection().exec_driver_sql(f'SELECT coalesce(max(id), 0) FROM "{table.name}"').scalar_one())

"""Single-row statements that run for every imported message, on the DB-API cursor of the write transaction.

Through SQLAlchemy each of these small statements costs more to prepare than SQLite needs to run it, and mail
import is judged against a floor of one insert per message (``mail_rows`` holds the importer's own).
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from lumetra_desk.core.store.bulk import dbapi_connection

_NEXT_CASE_NUMBER = (
    "INSERT INTO case_counter (year, last_number) VALUES (?, 1) "
    "ON CONFLICT (year) DO UPDATE SET last_number = last_number + 1 RETURNING last_number"
)
_REQUESTER_ID = "SELECT id FROM requester WHERE email = ?"
_AUDIT_HEAD = "SELECT id, hash FROM audit_event ORDER BY id DESC LIMIT 1"


def _first_row(session: Session, sql: str, params: Sequence[Any]) -> tuple[Any, ...] | None:
    cursor = dbapi_connection(session).cursor()
    try:
        row = cursor.execute(sql, params).fetchone()
        return None if row is None else tuple(row)
    finally:
        cursor.close()


def next_case_number(session: Session, year: int) -> int:
    """The year's next gap-free case number, counted up in one statement (the caller holds the write lock)."""
    row = _first_row(session, _NEXT_CASE_NUMBER, (year,))
    assert row is not None
    return int(row[0])


def requester_id(session: Session, email: str) -> int | None:
    row = _first_row(session, _REQUESTER_ID, (email,))
    return None if row is None else int(row[0])


def audit_head(session: Session) -> tuple[int, str] | None:
    """The (id, hash) of the newest audit event, if there is one."""
    row = _first_row(session, _AUDIT_HEAD, ())
    return None if row is None else (int(row[0]), str(row[1]))

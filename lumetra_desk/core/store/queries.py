"""Read queries behind the case list, the CLI and reports, on a session.

The case list works on ids: ``case_ids`` filters and sorts on indexed columns and returns ids only, and
``case_rows`` fetches the few rows a view shows. That keeps 100k cases cheap for the lazy Qt model and lets
the CLI stream rows without holding them all. Their SQL is in ``case_list``, on the session's DB-API cursor.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any, cast

from lumetra_desk.core.store import case_list
from lumetra_desk.core.store.case_list import (
    OPEN_STATUSES_EXCLUDED,
    SORT_KEYS,
    CaseFilter,
    CaseRow,
    SortKey,
    fts_query,
)

if TYPE_CHECKING:  # sessions are only passed in: the first rows of the window are read without SQLAlchemy
    from sqlmodel import Session

EVERY_CASE = CaseFilter()

__all__ = [
    "OPEN_STATUSES_EXCLUDED",
    "SORT_KEYS",
    "CaseFilter",
    "CaseRow",
    "SortKey",
    "case_ids",
    "case_page",
    "case_rows",
    "count_cases",
    "fts_query",
    "iter_case_rows",
    "session_cursor",
]


@contextmanager
def session_cursor(session: Session) -> Iterator[Any]:
    """A DB-API cursor in the session's transaction: rows straight from SQLite, without SQLAlchemy's rows."""
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        yield cursor
    finally:
        cursor.close()


def case_ids(
    session: Session, flt: CaseFilter = EVERY_CASE, sort: SortKey = "due_date", descending: bool = False
) -> list[int]:
    """Every matching id in list order."""
    with session_cursor(session) as cursor:
        return case_list.list_ids(cursor, flt, sort, descending)


def case_page(session: Session, flt: CaseFilter, sort: SortKey, descending: bool, offset: int, limit: int) -> list[int]:
    """The ids of rows ``offset`` to ``offset + limit`` of the list."""
    with session_cursor(session) as cursor:
        return case_list.page_ids(cursor, flt, sort, descending, offset, limit)


def count_cases(session: Session, flt: CaseFilter = EVERY_CASE) -> int:
    with session_cursor(session) as cursor:
        return case_list.count(cursor, flt)


def case_rows(session: Session, ids: Sequence[int], with_message_ids: bool = False) -> list[CaseRow]:
    """The rows for these ids, in the order given."""
    with session_cursor(session) as cursor:
        return case_list.read_rows(cursor, ids, with_message_ids)


def iter_case_rows(
    session: Session, flt: CaseFilter = EVERY_CASE, batch: int = 500, with_message_ids: bool = False
) -> Iterator[CaseRow]:
    """Stream every matching case in due-date order: the ids are read from one open cursor a batch at a time,
    so only one batch of ids and rows is ever held, however many cases match."""
    sql, params = case_list.sorted_list_sql(flt)
    ids = session.connection().exec_driver_sql(sql, tuple(params)).scalars()
    for chunk in ids.partitions(batch):
        yield from case_rows(session, [cast(int, i) for i in chunk], with_message_ids=with_message_ids)

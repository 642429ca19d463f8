"""Bulk loading: insert many rows fast, then rebuild the full-text index once.

Keeping the FTS5 triggers active while inserting 100k messages is several times slower than inserting first
and rebuilding the index after; the triggers' own SQL is read back from the schema, so this module never
repeats it.
"""

from __future__ import annotations

import functools
import operator
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

from sqlalchemy import Date, DateTime, Table
from sqlalchemy.exc import IntegrityError
from sqlalchemy.types import TypeEngine
from sqlmodel import Session, SQLModel

FTS_TABLES = ("message_fts", "note_fts", "requester_fts")


@contextmanager
def fts_deferred(session: Session) -> Iterator[None]:
    """Inside this block inserts skip the FTS triggers; on the way out the index is rebuilt in full.

    Must run inside a write transaction: when the block fails, that transaction's rollback brings the dropped
    triggers back, so nothing is rebuilt or recreated here (SQLite may already have rolled back by itself,
    as it does on a full disk, and recreating the triggers would then hide the real error).
    """
    conn = session.connection()
    named = " OR ".join("name LIKE ?" for _ in FTS_TABLES)
    triggers = conn.exec_driver_sql(
        f"SELECT name, sql FROM sqlite_master WHERE type = 'trigger' AND ({named})",
        tuple(f"{table}_%" for table in FTS_TABLES),
    ).all()
    for name, _ in triggers:
        conn.exec_driver_sql(f'DROP TRIGGER "{name}"')
    yield
    for table in FTS_TABLES:
        conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('rebuild')")
    for _, sql in triggers:
        conn.exec_driver_sql(sql)


def table_of(model: type[SQLModel]) -> Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


@dataclass(frozen=True)
class PreparedRows:
    """Rows already in the form SQLite stores them, ready for one ``executemany``."""

    sql: str
    values: list[tuple[Any, ...]]


def prepare_rows(model: type[SQLModel], rows: Sequence[Mapping[str, Any]]) -> PreparedRows | None:
    """Convert plain rows the way the SQLite column types store them; touches no connection (thread-safe).

    Bypassing SQLAlchemy's per-value bind processing is what lets 100k demo cases fit their time budget; the
    values are gathered and converted column by column, so the loops run in C (``map``, ``zip``).
    """
    if not rows:
        return None
    table = table_of(model)
    columns = [column for column in table.columns if column.name in rows[0]]
    names = [column.name for column in columns]
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    by_column: list[list[Any]] = []
    for column in columns:
        values = list(map(operator.itemgetter(column.name), rows))
        stored_as = getattr(column.type, "impl", column.type)
        convert = next((c for kind, c in _CONVERTERS.items() if isinstance(stored_as, kind)), None)
        by_column.append(values if convert is None else list(map(convert, values)))
    return PreparedRows(sql, list(zip(*by_column, strict=True)))


def insert_prepared(session: Session, prepared: PreparedRows | None) -> None:
    if prepared is None:
        return
    cursor = session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.executemany(prepared.sql, prepared.values)
    finally:
        cursor.close()


def insert_rows(session: Session, model: type[SQLModel], rows: Sequence[Mapping[str, Any]]) -> None:
    """Insert plain rows with one ``executemany`` (see ``prepare_rows``)."""
    insert_prepared(session, prepare_rows(model, rows))


def insert_one(session: Session, model: type[SQLModel], row: Mapping[str, Any]) -> int:
    """Insert one plain row on the DB-API cursor and return its id (mail import writes a few per message).

    A UNIQUE violation is raised as SQLAlchemy's IntegrityError, as the same INSERT through SQLAlchemy would.
    """
    prepared = prepare_rows(model, [row])
    assert prepared is not None
    connection = session.connection()
    cursor = connection.connection.dbapi_connection.cursor()  # type: ignore[union-attr]
    try:
        cursor.execute(prepared.sql, prepared.values[0])
        return int(cursor.lastrowid)
    except connection.dialect.loaded_dbapi.IntegrityError as exc:
        raise IntegrityError(prepared.sql, prepared.values[0], exc) from exc
    finally:
        cursor.close()


def datetime_text(value: datetime | None) -> str | None:
    """A datetime as SQLAlchemy's SQLite DateTime stores it: naive UTC text with microseconds."""
    if value is None:
        return None
    if value.tzinfo is UTC:
        text = value.isoformat(" ")[:-6]  # without its "+00:00"
    else:
        text = (value if value.tzinfo is None else value.astimezone(UTC).replace(tzinfo=None)).isoformat(" ")
    return text if value.microsecond else text + ".000000"


def _date_text(value: date | None) -> str | None:
    return None if value is None else value.isoformat()


# Rows of one batch and their tables share moments (a case is created when it is received, its first message
# and audit event carry the same time), and converting one costs more than finding it again; the caches are
# small, as the moments that repeat come close together.
_CONVERTERS: dict[type[TypeEngine[Any]], Callable[[Any], Any]] = {
    DateTime: functools.lru_cache(maxsize=8192)(datetime_text),
    Date: functools.lru_cache(maxsize=4096)(_date_text),
}


def max_id(session: Session, model: type[SQLModel]) -> int:
    name = table_of(model).name
    return int(session.connection().exec_driver_sql(f'SELECT coalesce(max(id), 0) FROM "{name}"').scalar_one())

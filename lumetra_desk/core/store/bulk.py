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

from lumetra_desk.core.store.case_list import CASE_BITS

# Each full-text table, and how it is filled again in full from the rows it indexes (after migration 0008,
# the message and note tables are contentless: their rows are named by case and id, see case_list.CASE_BITS).
FTS_REBUILDS = {
    "message_fts": (
        "INSERT INTO message_fts(message_fts) VALUES ('delete-all')",
        f"INSERT INTO message_fts(rowid, subject, body_text, from_name, from_addr) SELECT (case_id << {CASE_BITS})"
        " | id, subject, body_text, from_name, from_addr FROM message WHERE case_id IS NOT NULL",
    ),
    "note_fts": (
        "INSERT INTO note_fts(note_fts) VALUES ('delete-all')",
        f"INSERT INTO note_fts(rowid, body) SELECT (case_id << {CASE_BITS}) | id, body FROM note",
    ),
    "requester_fts": ("INSERT INTO requester_fts(requester_fts) VALUES ('rebuild')",),
}
FTS_TABLES = tuple(FTS_REBUILDS)


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
    for statements in FTS_REBUILDS.values():
        for statement in statements:
            conn.exec_driver_sql(statement)
    for _, sql in triggers:
        conn.exec_driver_sql(sql)


def table_of(model: type[SQLModel]) -> Table:
    return SQLModel.metadata.tables[str(model.__tablename__)]


@dataclass(frozen=True)
class PreparedRows:
    """Rows already in the form SQLite stores them, ready for one ``executemany``."""

    sql: str
    values: list[tuple[Any, ...]]


@dataclass(frozen=True)
class _InsertPlan:
    """The INSERT of one table for one set of columns, and how each column's values are stored."""

    sql: str
    names: tuple[str, ...]
    converters: tuple[Callable[[Any], Any] | None, ...]


@functools.lru_cache(maxsize=256)
def _insert_plan(model: type[SQLModel], given: tuple[str, ...]) -> _InsertPlan:
    """Made once per table and set of columns: mail import inserts a few single rows per message, and reading
    the table's columns and types again for each of them cost more than converting the values."""
    table = table_of(model)
    columns = [column for column in table.columns if column.name in given]
    names = tuple(column.name for column in columns)
    quoted = ", ".join(f'"{name}"' for name in names)
    sql = f'INSERT INTO "{table.name}" ({quoted}) VALUES ({", ".join("?" * len(names))})'
    converters = tuple(_converter(getattr(column.type, "impl", column.type)) for column in columns)
    return _InsertPlan(sql, names, converters)


def _converter(stored_as: TypeEngine[Any]) -> Callable[[Any], Any] | None:
    return next((convert for kind, convert in _CONVERTERS.items() if isinstance(stored_as, kind)), None)


def prepare_rows(model: type[SQLModel], rows: Sequence[Mapping[str, Any]]) -> PreparedRows | None:
    """Convert plain rows the way the SQLite column types store them; touches no connection (thread-safe).

    Bypassing SQLAlchemy's per-value bind processing is what lets 100k demo cases fit their time budget; the
    values are gathered and converted column by column, so the loops run in C (``map``, ``zip``).
    """
    if not rows:
        return None
    plan = _insert_plan(model, tuple(rows[0]))
    if len(rows) == 1:
        return PreparedRows(plan.sql, [_converted_row(plan, rows[0])])
    by_column: list[list[Any]] = []
    for name, convert in zip(plan.names, plan.converters, strict=True):
        values = list(map(operator.itemgetter(name), rows))
        by_column.append(values if convert is None else list(map(convert, values)))
    return PreparedRows(plan.sql, list(zip(*by_column, strict=True)))


def _converted_row(plan: _InsertPlan, row: Mapping[str, Any]) -> tuple[Any, ...]:
    return tuple(
        row[name] if convert is None else convert(row[name])
        for name, convert in zip(plan.names, plan.converters, strict=True)
    )


_CONNECTION_KEY = "lumetra_desk.store.dbapi_connection"


def dbapi_connection(session: Session) -> Any:
    """The DB-API connection of the session's transaction (begun if need be), looked up once per transaction.

    Mail import runs a dozen small statements per message on it, and asking the session for its connection
    each time cost more than most of those statements. The connection is kept with the innermost transaction
    that asked for it and reused only while that same transaction is active: a new savepoint asks the session
    again, as SQLAlchemy emits the SAVEPOINT itself only then; a transaction that must roll back makes the
    session raise its own error.
    """
    current = session.get_nested_transaction() or session.get_transaction()
    known = session.info.get(_CONNECTION_KEY)
    if current is not None and known is not None and known[0] is current and current.is_active:
        return known[1]
    connection = session.connection().connection.dbapi_connection
    session.info[_CONNECTION_KEY] = (session.get_nested_transaction() or session.get_transaction(), connection)
    return connection


def insert_prepared(session: Session, prepared: PreparedRows | None) -> None:
    if prepared is None:
        return
    cursor = dbapi_connection(session).cursor()
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
    plan = _insert_plan(model, tuple(row))
    values = _converted_row(plan, row)
    connection = dbapi_connection(session)
    cursor = connection.cursor()
    try:
        cursor.execute(plan.sql, values)
        return int(cursor.lastrowid)
    except connection.IntegrityError as exc:  # the DB-API module's class, as on every sqlite3-style connection
        raise IntegrityError(plan.sql, values, exc) from exc
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

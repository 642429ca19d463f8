"""Read queries behind the case list, the CLI and reports; the only place that writes SQL for them.

The case list works on ids: ``case_ids`` filters and sorts on indexed columns and returns ids only, and
``case_rows`` fetches the few rows a view shows. That keeps 100k cases cheap for the lazy Qt model and lets
the CLI stream rows without holding them all.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any, Literal, cast

from sqlalchemy import select
from sqlmodel import Session, col

from lumetra_desk.core.store.models import Case, CaseRequestType, Message, Requester, case_list_index

SortKey = Literal["due_date", "received_at", "key", "status", "jurisdiction", "requester", "tier"]
SORT_KEYS: tuple[SortKey, ...] = ("due_date", "received_at", "key", "status", "jurisdiction", "requester", "tier")
OPEN_STATUSES_EXCLUDED = ("closed",)


@dataclass(frozen=True)
class CaseFilter:
    """What the officer narrowed the case list to; empty fields do not filter."""

    statuses: tuple[str, ...] = ()
    jurisdiction: str = ""
    request_type: str = ""
    tier: str = ""
    due_from: date | None = None
    due_to: date | None = None
    open_only: bool = False
    text: str = ""


@dataclass(frozen=True)
class CaseRow:
    id: int
    key: str
    requester_email: str
    requester_name: str
    status: str
    jurisdiction: str
    tier: str
    received_at: datetime
    due_date: date | None
    due_event: str
    subject: str
    request_types: list[str] = field(default_factory=list)
    message_ids: list[str] = field(default_factory=list)


def fts_query(user_text: str) -> str:
    """Turn what the officer typed into a safe FTS5 query: every word must match, as a prefix."""
    words = re.findall(r"\w[\w@.+-]*", user_text, flags=re.UNICODE)
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _filter_sql(flt: CaseFilter) -> tuple[list[str], list[Any]]:
    """The filter as SQL terms over "case" with their parameters.

    The cases of a request type (a third of all) are tested as ``+"case".id IN (...)``: the unary plus keeps
    SQLite from looking each one up in the table rows, so they are checked inside a covering index. Full-text
    hits are few, and are looked up by id.
    """
    terms: list[str] = []
    params: list[Any] = []
    if flt.statuses:
        terms.append(f'"case".status IN ({", ".join("?" * len(flt.statuses))})')
        params += flt.statuses
    if flt.open_only:
        terms.append(f'"case".status NOT IN ({", ".join("?" * len(OPEN_STATUSES_EXCLUDED))})')
        params += OPEN_STATUSES_EXCLUDED
    for column, value in (("jurisdiction", flt.jurisdiction), ("tier", flt.tier)):
        if value:
            terms.append(f'"case".{column} = ?')
            params.append(value)
    if flt.due_from:
        terms.append('"case".due_date >= ?')
        params.append(flt.due_from.isoformat())
    if flt.due_to:
        terms.append('"case".due_date <= ?')
        params.append(flt.due_to.isoformat())
    if flt.request_type:
        terms.append('+"case".id IN (SELECT case_id FROM case_request_type WHERE request_type = ?)')
        params.append(flt.request_type)
    if flt.text.strip():
        term, text_params = _text_sql(flt.text.strip())
        terms.append(term)
        params += text_params
    return terms, params


def _text_sql(user_text: str) -> tuple[str, list[Any]]:
    """A case key finds that case; other words match messages and notes (full text) and requester addresses."""
    if re.fullmatch(r"(?i)LD-\d{4}-\d{1,6}", user_text):
        return '"case"."key" = ?', [user_text.upper()]
    query = fts_query(user_text)
    if not query:
        return "0", []
    like = "%" + re.sub(r"([\\%_])", r"\\\1", user_text.lower()) + "%"
    return (
        '"case".id IN ('
        "SELECT case_id FROM message INDEXED BY ix_message_id_case"
        " WHERE id IN (SELECT rowid FROM message_fts WHERE message_fts MATCH ?)"
        " UNION SELECT case_id FROM note WHERE id IN (SELECT rowid FROM note_fts WHERE note_fts MATCH ?)"
        ' UNION SELECT id FROM "case" WHERE requester_id IN'
        " (SELECT id FROM requester WHERE email LIKE ? ESCAPE '\\'))",
        [query, query, like],
    )


_ORDER_COLUMNS: dict[SortKey, str] = {
    "due_date": '"case".due_date',
    "received_at": '"case".received_at',
    "key": '"case"."key"',
    "status": '"case".status',
    "jurisdiction": '"case".jurisdiction',
    "tier": '"case".tier',
    "requester": "requester.email",
}


@dataclass(frozen=True)
class _Part:
    """One run of the ordered list: its extra condition and its ORDER BY."""

    condition: str
    order_by: str


def _parts(sort: SortKey, descending: bool, follow_index: bool) -> list[_Part]:
    """The list's order as runs that each follow the sort order's index, or else as one sorted run.

    Cases with nothing due go last either way. Descending, SQLite's NULLs already come last; ascending they
    would come first, so that order is read as two runs of the index: the dated cases, then the rest.
    """
    direction = " DESC" if descending else ""
    column = _ORDER_COLUMNS[sort]
    if sort == "due_date" and not descending:
        if follow_index:
            return [_Part(f"{column} IS NOT NULL", f'{column}, "case".id'), _Part(f"{column} IS NULL", '"case".id')]
        return [_Part("", f'{column} IS NULL, {column}, "case".id')]
    return [_Part("", f'{column}{direction}, "case".id{direction}')]


def _list_sql(flt: CaseFilter, sort: SortKey, part: _Part, indexed: bool) -> tuple[str, list[Any]]:
    """SELECT the ids of one run; ``indexed`` reads them from the sort order's covering index."""
    hint = f" INDEXED BY {case_list_index(sort)}" if indexed else ""
    if sort == "requester":  # CROSS JOIN keeps requester outside: its email index gives the order
        source = f'requester CROSS JOIN "case"{hint} ON "case".requester_id = requester.id'
    else:
        source = f'"case"{hint}'
    terms, params = _filter_sql(flt)
    if part.condition:
        terms.append(part.condition)
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    return f'SELECT "case".id FROM {source}{where} ORDER BY {part.order_by}', params


def _cursor(session: Session) -> Any:
    """A DB-API cursor on the session's connection: ids straight from SQLite, without SQLAlchemy's rows."""
    return session.connection().connection.dbapi_connection.cursor()  # type: ignore[union-attr]


def case_ids(
    session: Session, flt: CaseFilter = CaseFilter(), sort: SortKey = "due_date", descending: bool = False
) -> list[int]:
    """Every matching id in list order, read from the sort order's index (a text search sorts its few hits)."""
    searching = bool(flt.text.strip())
    cursor = _cursor(session)
    try:
        ids: list[int] = []
        for part in _parts(sort, descending, follow_index=not searching):
            sql, params = _list_sql(flt, sort, part, indexed=not searching)
            ids += [case_id for (case_id,) in cursor.execute(sql, params)]
        return ids
    finally:
        cursor.close()


def case_page(session: Session, flt: CaseFilter, sort: SortKey, descending: bool, offset: int, limit: int) -> list[int]:
    """The ids of rows ``offset`` to ``offset + limit`` of the list: the index is read only that far."""
    cursor = _cursor(session)
    try:
        ids: list[int] = []
        for part in _parts(sort, descending, follow_index=True):
            if len(ids) == limit:
                break
            sql, params = _list_sql(flt, sort, part, indexed=True)
            found = [i for (i,) in cursor.execute(f"{sql} LIMIT ? OFFSET ?", [*params, limit - len(ids), offset])]
            if not found and offset:  # the page starts after this run: skip the run's length
                count_sql, count_params = _count_sql(flt, part.condition)
                offset = max(offset - int(cursor.execute(count_sql, count_params).fetchone()[0]), 0)
            else:
                offset = 0
            ids += found
        return ids
    finally:
        cursor.close()


def _count_sql(flt: CaseFilter, condition: str = "") -> tuple[str, list[Any]]:
    terms, params = _filter_sql(flt)
    if condition:
        terms.append(condition)
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    return f'SELECT count(*) FROM "case"{where}', params


def count_cases(session: Session, flt: CaseFilter = CaseFilter()) -> int:
    sql, params = _count_sql(flt)
    return int(session.connection().exec_driver_sql(sql, tuple(params)).scalar_one())


def case_rows(session: Session, ids: Sequence[int], with_message_ids: bool = False) -> list[CaseRow]:
    """The rows for these ids, in the order given."""
    if not ids:
        return []
    conn = session.connection()
    found = conn.execute(
        select(
            col(Case.id),
            col(Case.key),
            col(Requester.email),
            col(Requester.name),
            col(Case.status),
            col(Case.jurisdiction),
            col(Case.tier),
            col(Case.received_at),
            col(Case.due_date),
            col(Case.due_event),
            col(Case.subject),
        )
        .join(Requester, col(Requester.id) == col(Case.requester_id))
        .where(col(Case.id).in_(ids))
    ).all()
    types: dict[int, list[str]] = {}
    for type_case_id, request_type in conn.execute(
        select(col(CaseRequestType.case_id), col(CaseRequestType.request_type))
        .where(col(CaseRequestType.case_id).in_(ids))
        .order_by(col(CaseRequestType.case_id), col(CaseRequestType.is_primary).desc(), col(CaseRequestType.id))
    ):
        types.setdefault(type_case_id, []).append(request_type)
    message_ids: dict[int, list[str]] = {}
    if with_message_ids:
        for message_case_id, header in conn.execute(
            select(col(Message.case_id), col(Message.message_id_header))
            .where(col(Message.case_id).in_(ids))
            .order_by(col(Message.received_at))
        ):
            if header and message_case_id is not None:
                message_ids.setdefault(message_case_id, []).append(header)
    by_id: dict[int, CaseRow] = {}
    for found_id, key, email, name, status, jurisdiction, tier, received_at, due_date, due_event, subject in found:
        case_id = cast(int, found_id)
        by_id[case_id] = CaseRow(
            id=case_id,
            key=key,
            requester_email=email,
            requester_name=name,
            status=status,
            jurisdiction=jurisdiction,
            tier=tier,
            received_at=received_at,
            due_date=due_date,
            due_event=due_event,
            subject=subject,
            request_types=types.get(case_id, []),
            message_ids=message_ids.get(case_id, []),
        )
    return [by_id[i] for i in ids if i in by_id]


def iter_case_rows(
    session: Session, flt: CaseFilter = CaseFilter(), batch: int = 500, with_message_ids: bool = False
) -> Iterator[CaseRow]:
    """Stream every matching case in due-date order: the ids are read from one open cursor a batch at a time,
    so only one batch of ids and rows is ever held, however many cases match."""
    (part,) = _parts("due_date", False, follow_index=False)
    sql, params = _list_sql(flt, "due_date", part, indexed=False)
    ids = session.connection().exec_driver_sql(sql, tuple(params)).scalars()
    for chunk in ids.partitions(batch):
        yield from case_rows(session, [cast(int, i) for i in chunk], with_message_ids=with_message_ids)

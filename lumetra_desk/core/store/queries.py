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

from sqlalchemy import ColumnElement, Select, and_, func, literal_column, or_, select, text
from sqlmodel import Session, col

from lumetra_desk.core.store.models import Case, CaseRequestType, Message, Note, Requester

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


def _conditions(flt: CaseFilter) -> list[ColumnElement[bool]]:
    conditions: list[ColumnElement[bool]] = []
    if flt.statuses:
        conditions.append(col(Case.status).in_(flt.statuses))
    if flt.open_only:
        conditions.append(col(Case.status).not_in(OPEN_STATUSES_EXCLUDED))
    if flt.jurisdiction:
        conditions.append(col(Case.jurisdiction) == flt.jurisdiction)
    if flt.tier:
        conditions.append(col(Case.tier) == flt.tier)
    if flt.due_from:
        conditions.append(col(Case.due_date) >= flt.due_from)
    if flt.due_to:
        conditions.append(col(Case.due_date) <= flt.due_to)
    if flt.request_type:
        conditions.append(
            col(Case.id).in_(
                select(col(CaseRequestType.case_id)).where(col(CaseRequestType.request_type) == flt.request_type)
            )
        )
    if flt.text.strip():
        conditions.append(_text_condition(flt.text.strip()))
    return conditions


def _text_condition(user_text: str) -> ColumnElement[bool]:
    key_match = re.fullmatch(r"(?i)LD-\d{4}-\d{1,6}", user_text)
    if key_match:
        return col(Case.key) == user_text.upper()
    query = fts_query(user_text)
    if not query:
        return literal_column("0") == 1
    message_hits = select(col(Message.case_id)).where(
        col(Message.id).in_(text("SELECT rowid FROM message_fts WHERE message_fts MATCH :q"))
    )
    note_hits = select(col(Note.case_id)).where(
        col(Note.id).in_(text("SELECT rowid FROM note_fts WHERE note_fts MATCH :q"))
    )
    requester_hits = select(col(Requester.id)).where(col(Requester.email).like(f"%{user_text.lower()}%"))
    return or_(col(Case.id).in_(message_hits.union(note_hits)), col(Case.requester_id).in_(requester_hits))


def _sort_columns(sort: SortKey, descending: bool) -> list[Any]:
    column: Any = {
        "due_date": col(Case.due_date),
        "received_at": col(Case.received_at),
        "key": col(Case.key),
        "status": col(Case.status),
        "jurisdiction": col(Case.jurisdiction),
        "tier": col(Case.tier),
        "requester": col(Requester.email),
    }[sort]
    primary = column.desc() if descending else column.asc()
    if sort == "due_date":  # cases with nothing due go last either way
        return [col(Case.due_date).is_(None), primary, col(Case.id)]
    return [primary, col(Case.id)]


def _filtered(statement: Select[Any], flt: CaseFilter) -> Select[Any]:
    conditions = _conditions(flt)
    return statement.where(and_(*conditions)) if conditions else statement


def _ids_statement(flt: CaseFilter, sort: SortKey, descending: bool) -> Select[Any]:
    statement = select(col(Case.id))
    if sort == "requester":
        statement = statement.join(Requester, col(Requester.id) == col(Case.requester_id))
    return _filtered(statement, flt).order_by(*_sort_columns(sort, descending))


def case_ids(
    session: Session, flt: CaseFilter = CaseFilter(), sort: SortKey = "due_date", descending: bool = False
) -> list[int]:
    statement = _ids_statement(flt, sort, descending)
    return [cast(int, i) for i in session.connection().execute(statement, _params(flt)).scalars()]


def count_cases(session: Session, flt: CaseFilter = CaseFilter()) -> int:
    statement = _filtered(select(func.count()).select_from(Case), flt)
    return int(session.connection().execute(statement, _params(flt)).scalar_one())


def _params(flt: CaseFilter) -> dict[str, str]:
    return {"q": fts_query(flt.text)} if flt.text.strip() else {}


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
    ids = session.connection().execute(_ids_statement(flt, "due_date", False), _params(flt)).scalars()
    for chunk in ids.partitions(batch):
        yield from case_rows(session, [cast(int, i) for i in chunk], with_message_ids=with_message_ids)

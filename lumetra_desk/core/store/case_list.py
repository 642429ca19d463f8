"""The case list's SQL on a plain DB-API cursor: filters, sort orders, pages, counts and rows.

No SQLAlchemy here: the window reads its first rows through these functions before the rest of the app is
loaded (``first_look``), and the session-level functions of ``queries`` call the same ones, so there is one
implementation. Each sort order reads a covering index (see ``CASE_LIST_ORDERS``), so a page or the whole
ordered id list of a 100k-case store comes from an index, never from the table rows. A text search finds its
cases first and then puts them in order (``search_ids``), reading as few pages as it can: every page SQLCipher
reads is decrypted, and a write on another connection empties a connection's page cache.
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime
from typing import Any, Literal

Cursor = Any  # a DB-API cursor of sqlcipher3

# One index per sort order: the sort column, then the id (the tie-break, so no sort step is needed), then
# every column the list filters on. Keyed by the sort keys; models.Case declares them.
CASE_LIST_ORDERS = {
    "due_date": "due_date",
    "received_at": "received_at",
    "key": "key",
    "status": "status",
    "jurisdiction": "jurisdiction",
    "tier": "tier",
    "requester": "requester_id",  # joined to requester.email, which orders it
}
CASE_LIST_FILTERED = ("status", "jurisdiction", "tier", "due_date")


def case_list_index(sort: str) -> str:
    return f"ix_case_list_{sort}"


SortKey = Literal["due_date", "received_at", "key", "status", "jurisdiction", "requester", "tier"]
SORT_KEYS: tuple[SortKey, ...] = ("due_date", "received_at", "key", "status", "jurisdiction", "requester", "tier")
# The statuses the "Open cases" filter leaves out: finished cases, including duplicates merged into another case.
OPEN_STATUSES_EXCLUDED = ("closed", "merged")
# When a text search finds up to this many messages, notes and addresses, its cases are put in order by looking
# each one up; more are put in order by reading the sort order's covering index once. About 100 cases share a
# page of that index and about 20 a page of the case table, so at 100k cases the index is ~1,000 pages, and
# looking up a thousand cases touches as many table pages (13k hits touched all 5,300 of them, at about 14 µs
# a page to read and decrypt).
SEARCH_LOOKUPS_MAX = 1000
# A full-text row of a message or a note has the case id in the bits above these and its own id in these
# (migration 0008), so ``rowid >> CASE_BITS`` is the case a hit belongs to, read from the index alone.
CASE_BITS = 32


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


@dataclass(frozen=True)
class DeadlineBasis:
    """How one deadline was computed: the citation and the engine's note, with its confidence."""

    event: str
    due: date
    basis: str
    note: str
    confirmed: bool
    assumed: bool
    request_type: str


def fts_query(user_text: str) -> str:
    """Turn what the officer typed into a safe FTS5 query: every word must match, as a prefix."""
    words = re.findall(r"\w[\w@.+-]*", user_text, flags=re.UNICODE)
    return " ".join('"' + word.replace('"', '""') + '"*' for word in words)


def _filter_sql(flt: CaseFilter) -> tuple[list[str], list[Any]]:
    """The filter as SQL terms over "case" with their parameters.

    The cases of a request type (a third of all) are tested as ``+"case".id IN (...)``: the unary plus keeps
    SQLite from looking each one up in the table rows, so they are checked inside a covering index. A text
    search is one term here only for a count or a streamed list; the case list orders its hits by ``search_ids``.
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
    """The text search as one term over "case" (for counts and the command line's streamed list)."""
    hits_sql, params = _hits_sql(user_text)
    return (f'"case".id IN ({hits_sql})', params) if hits_sql else ("0", [])


def _hits_sql(user_text: str) -> tuple[str, list[Any]]:
    """SELECT the ids of the cases the text finds, an id once per message, note or address that holds the text
    ("" when it has no word to look for): each reader keeps each case once (an IN, a set), which costs less
    than a UNION's sorting.

    A case key finds that case; other words match messages and notes (full text: each row's rowid carries its
    case, see ``CASE_BITS``) and requester addresses.
    """
    if re.fullmatch(r"(?i)LD-\d{4}-\d{1,6}", user_text):
        return 'SELECT id FROM "case" WHERE "key" = ?', [user_text.upper()]
    query = fts_query(user_text)
    if not query:
        return "", []
    addresses, like = _address_sql(user_text.lower())
    return (
        f"SELECT rowid >> {CASE_BITS} FROM message_fts WHERE message_fts MATCH ?"
        f" UNION ALL SELECT rowid >> {CASE_BITS} FROM note_fts WHERE note_fts MATCH ?"
        f' UNION ALL SELECT id FROM "case" WHERE requester_id IN ({addresses})',
        [query, query, like],
    )


def _address_sql(text: str) -> tuple[str, str]:
    """SELECT the requesters whose address holds ``text``, and its LIKE pattern.

    The trigram index of addresses answers a LIKE of three characters or more without wildcards or an ESCAPE
    (which it cannot use); anything else reads every address, escaping what would be a wildcard.
    """
    if len(text) >= 3 and not re.search(r"[\\%_]", text):
        return "SELECT rowid FROM requester_fts WHERE email LIKE ?", f"%{text}%"
    return "SELECT id FROM requester WHERE email LIKE ? ESCAPE '\\'", "%" + re.sub(r"([\\%_])", r"\\\1", text) + "%"


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


def _list_sql(
    flt: CaseFilter,
    sort: SortKey,
    part: _Part,
    indexed: bool,
    among: Sequence[int] | tuple[str, list[Any]] | None = None,
    undated_negated: bool = False,
) -> tuple[str, list[Any]]:
    """SELECT the ids of one run; ``indexed`` reads them from the sort order's covering index.

    ``among`` keeps only those ids, given as a list or as a SELECT and its parameters: looked up one by one,
    or, ``indexed``, tested as the index is read (the unary plus keeps SQLite from looking them up in the index
    for every requester of the requester order). ``undated_negated`` gives the ids of cases with nothing due
    as negative numbers (ids are positive).
    """
    hint = f" INDEXED BY {case_list_index(sort)}" if indexed else ""
    if sort == "requester":  # CROSS JOIN keeps requester outside: its email index gives the order
        join = "CROSS JOIN" if indexed else "JOIN"
        source = f'requester {join} "case"{hint} ON "case".requester_id = requester.id'
    else:
        source = f'"case"{hint}'
    terms, params = _filter_sql(flt)
    if among is not None:
        plus = "+" if indexed else ""
        if isinstance(among, tuple):
            among_sql, among_params = among
            terms.append(f'{plus}"case".id IN ({among_sql})')
            params += among_params
        else:
            terms.append(f'{plus}"case".id IN (SELECT value FROM json_each(?))')
            params.append(json.dumps(list(among)))
    if part.condition:
        terms.append(part.condition)
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    column = 'iif("case".due_date IS NULL, -"case".id, "case".id)' if undated_negated else '"case".id'
    return f"SELECT {column} FROM {source}{where} ORDER BY {part.order_by}", params


def sorted_list_sql(flt: CaseFilter, sort: SortKey = "due_date", descending: bool = False) -> tuple[str, list[Any]]:
    """The whole list as one sorted SELECT of ids, for a cursor that streams it (the planner picks the plan)."""
    (part,) = _parts(sort, descending, follow_index=False)
    return _list_sql(flt, sort, part, indexed=False)


def list_ids(cursor: Cursor, flt: CaseFilter, sort: SortKey, descending: bool) -> list[int]:
    """Every matching id in list order, read from the sort order's index (a text search: ``search_ids``)."""
    if flt.text.strip():
        return search_ids(cursor, flt, sort, descending)
    ids: list[int] = []
    for part in _parts(sort, descending, follow_index=True):
        sql, params = _list_sql(flt, sort, part, indexed=True)
        ids += [case_id for (case_id,) in cursor.execute(sql, params)]
    return ids


def search_ids(cursor: Cursor, flt: CaseFilter, sort: SortKey, descending: bool) -> list[int]:
    """The cases a text search finds, with the other filters, in list order.

    Ordering the hits inside one query would read every hit's table row, so they are put in order where that
    reads the fewest pages (see ``SEARCH_LOOKUPS_MAX``): a few are found and looked up in the case table; many
    are picked out in one statement that reads the sort order's covering index once, against the hits that
    SQLite gathers into a temporary index itself (no list of them passes through Python). Which it is, the
    first ``SEARCH_LOOKUPS_MAX + 1`` hits tell: reading them costs less than counting every hit.
    """
    text = flt.text.strip()
    hits_sql, hits_params = _hits_sql(text)
    if not hits_sql:
        return []
    rest = replace(flt, text="")
    first_hits = cursor.execute(f"{hits_sql} LIMIT ?", [*hits_params, SEARCH_LOOKUPS_MAX + 1]).fetchall()
    if len(first_hits) <= SEARCH_LOOKUPS_MAX:  # that was all of them
        hits = sorted({case_id for (case_id,) in first_hits})
        if not hits:
            return []
        ids: list[int] = []
        for part in _parts(sort, descending, follow_index=False):
            sql, params = _list_sql(rest, sort, part, indexed=False, among=hits)
            ids += [case_id for (case_id,) in cursor.execute(sql, params)]
        return ids
    return _picked_from_the_index(cursor, rest, sort, descending, (hits_sql, hits_params))


def _picked_from_the_index(
    cursor: Cursor, flt: CaseFilter, sort: SortKey, descending: bool, hits: tuple[str, list[Any]]
) -> list[int]:
    """The hits in list order, read in one pass of the sort order's index. Ascending by due date, the index
    gives the cases with nothing due first; they come with their ids negated and are moved to the end here
    (two runs would gather the hits twice, a second column would cost a third more to fetch)."""
    if sort == "due_date" and not descending:
        in_index_order = _Part("", '"case".due_date, "case".id')
        sql, params = _list_sql(flt, sort, in_index_order, indexed=True, among=hits, undated_negated=True)
        signed = [case_id for (case_id,) in cursor.execute(sql, params)]
        return [case_id for case_id in signed if case_id > 0] + [-case_id for case_id in signed if case_id < 0]
    (part,) = _parts(sort, descending, follow_index=True)
    sql, params = _list_sql(flt, sort, part, indexed=True, among=hits)
    return [case_id for (case_id,) in cursor.execute(sql, params)]


def page_ids(cursor: Cursor, flt: CaseFilter, sort: SortKey, descending: bool, offset: int, limit: int) -> list[int]:
    """The ids of rows ``offset`` to ``offset + limit`` of the list: the index is read only that far."""
    if flt.text.strip():
        return search_ids(cursor, flt, sort, descending)[offset : offset + limit]
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


def _count_sql(flt: CaseFilter, condition: str = "") -> tuple[str, list[Any]]:
    terms, params = _filter_sql(flt)
    if condition:
        terms.append(condition)
    where = f" WHERE {' AND '.join(terms)}" if terms else ""
    return f'SELECT count(*) FROM "case"{where}', params


def count(cursor: Cursor, flt: CaseFilter) -> int:
    sql, params = _count_sql(flt)
    return int(cursor.execute(sql, params).fetchone()[0])


def _marks(ids: Sequence[int]) -> str:
    return ", ".join("?" * len(ids))


def _utc(text: str) -> datetime:
    """A time as the store keeps it (naive UTC text), as the aware datetime the models give."""
    return datetime.fromisoformat(text).replace(tzinfo=UTC)


def read_rows(cursor: Cursor, ids: Sequence[int], with_message_ids: bool = False) -> list[CaseRow]:
    """The rows for these ids, in the order given."""
    if not ids:
        return []
    ids = list(ids)
    types: dict[int, list[str]] = {}
    for case_id, request_type in cursor.execute(
        f"SELECT case_id, request_type FROM case_request_type WHERE case_id IN ({_marks(ids)})"
        " ORDER BY case_id, is_primary DESC, id",
        ids,
    ):
        types.setdefault(case_id, []).append(request_type)
    message_ids: dict[int, list[str]] = {}
    if with_message_ids:
        for case_id, header in cursor.execute(
            f"SELECT case_id, message_id_header FROM message WHERE case_id IN ({_marks(ids)}) ORDER BY received_at",
            ids,
        ):
            if header:
                message_ids.setdefault(case_id, []).append(header)
    by_id: dict[int, CaseRow] = {}
    for (
        case_id,
        key,
        email,
        name,
        status,
        jurisdiction,
        tier,
        received_at,
        due_date,
        due_event,
        subject,
    ) in cursor.execute(
        'SELECT "case".id, "case"."key", requester.email, requester.name, "case".status, "case".jurisdiction,'
        ' "case".tier, "case".received_at, "case".due_date, "case".due_event, "case".subject'
        ' FROM "case" JOIN requester ON requester.id = "case".requester_id'
        f' WHERE "case".id IN ({_marks(ids)})',
        ids,
    ):
        by_id[case_id] = CaseRow(
            id=case_id,
            key=key,
            requester_email=email,
            requester_name=name,
            status=status,
            jurisdiction=jurisdiction,
            tier=tier,
            received_at=_utc(received_at),
            due_date=date.fromisoformat(due_date) if due_date else None,
            due_event=due_event,
            subject=subject,
            request_types=types.get(case_id, []),
            message_ids=message_ids.get(case_id, []),
        )
    return [by_id[i] for i in ids if i in by_id]


def read_bases(cursor: Cursor, ids: Sequence[int]) -> dict[int, DeadlineBasis]:
    """For each case, the current deadline row behind its governing ``due_date``/``due_event``.

    The deadline's date is compared through ``date()``, which hides it from the planner: the rows must be
    found through the deadline's case index, never its date index (thousands of deadlines share a date).
    """
    if not ids:
        return {}
    ids = list(ids)
    found: dict[int, DeadlineBasis] = {}
    for case_id, event, due, basis, note, confirmed, assumed, request_type in cursor.execute(
        "SELECT deadline.case_id, deadline.event, deadline.due, deadline.basis, deadline.note, deadline.confirmed,"
        " deadline.assumed, deadline.request_type FROM deadline"
        ' JOIN "case" ON "case".id = deadline.case_id AND "case".due_event = deadline.event'
        ' AND "case".due_date = date(deadline.due)'
        f" WHERE deadline.case_id IN ({_marks(ids)}) AND deadline.superseded_at IS NULL ORDER BY deadline.id",
        ids,
    ):
        found.setdefault(
            case_id,
            DeadlineBasis(event, date.fromisoformat(due), basis, note, bool(confirmed), bool(assumed), request_type),
        )
    return found


def first_deadlines(cursor: Cursor, limit: int) -> list[tuple[CaseRow, DeadlineBasis | None]]:
    """The open cases that must be answered soonest (overdue first), with the rule behind each date."""
    ids = page_ids(cursor, CaseFilter(open_only=True), "due_date", False, 0, limit)
    rows = [row for row in read_rows(cursor, ids) if row.due_date is not None]
    bases = read_bases(cursor, [row.id for row in rows])
    return [(row, bases.get(row.id)) for row in rows]

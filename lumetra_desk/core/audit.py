"""The audit trail: every change to a case, append-only and hash-chained.

Each event's hash covers its own fields and the previous event's hash, and ids run without gaps, so
``verify`` can name a row that was edited, inserted or deleted behind the application's back. Events are
written inside the same write transaction as the change they describe (``Store.write`` takes SQLite's write
lock up front), so the chain never forks.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event as sa_event
from sqlmodel import Session, col, select

from lumetra_desk.core.store import bulk, single_rows
from lumetra_desk.core.store.models import AuditEvent, utcnow

log = logging.getLogger("lumetra_desk.audit")

GENESIS = "0" * 64
_HEAD_KEY = "lumetra_desk.audit.head"


def current_actor() -> str:
    """Who is at the keyboard: the operating-system account running the app."""
    try:
        return getpass.getuser()
    except OSError:
        return "unknown"


def _json(value: Any) -> str:
    return json.dumps(value if value is not None else {}, sort_keys=True, ensure_ascii=False, default=_default)


def _default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


_CHAINED_FIELDS = ("id", "case_id", "at", "actor", "action", "entity", "entity_id", "before", "after", "prev_hash")


def _digest(fields: dict[str, Any]) -> str:
    values = [fields[name] for name in _CHAINED_FIELDS]
    values[2] = values[2].isoformat()
    return hashlib.sha256(json.dumps(values, ensure_ascii=False).encode()).hexdigest()


def seal_row(row: dict[str, Any], previous: tuple[int, str] | None) -> tuple[int, str]:
    """Bulk loading's ``seal``: chain a plain row after ``previous`` (id, hash); returns its own (id, hash)."""
    row["id"] = previous[0] + 1 if previous else 1
    row["prev_hash"] = previous[1] if previous else GENESIS
    row["hash"] = _digest(row)
    return row["id"], row["hash"]


def chain_head(session: Session) -> tuple[int, str] | None:
    """The (id, hash) of the newest event, remembered for the rest of the transaction."""
    if _HEAD_KEY not in session.info:
        session.info[_HEAD_KEY] = single_rows.audit_head(session)
    head: tuple[int, str] | None = session.info[_HEAD_KEY]
    return head


def remember_head(session: Session, head: tuple[int, str]) -> None:
    session.info[_HEAD_KEY] = head


def forget_head(session: Session) -> None:
    """Drop the remembered head (after a rollback, or when rows were written outside ``record``)."""
    session.info.pop(_HEAD_KEY, None)


def encode(value: dict[str, Any] | None) -> str:
    """The canonical JSON used for before/after snapshots."""
    return _json(value)


def record(
    session: Session,
    *,
    action: str,
    case_id: int | None = None,
    entity: str = "",
    entity_id: int | None = None,
    before: dict[str, Any] | None = None,
    after: dict[str, Any] | None = None,
    actor: str | None = None,
) -> AuditEvent:
    """Append one event to the chain, inside the caller's transaction (written immediately)."""
    row: dict[str, Any] = {
        "case_id": case_id,
        "at": utcnow(),
        "actor": actor or current_actor(),
        "action": action,
        "entity": entity,
        "entity_id": entity_id,
        "before": _json(before),
        "after": _json(after),
    }
    remember_head(session, seal_row(row, chain_head(session)))
    # Written at once with one plain INSERT on the DB-API cursor: the ORM's unit of work (or even a Core
    # statement) costs more than the event itself, and nothing reads the row back through the session (the
    # returned event is a detached copy).
    bulk.insert_rows(session, AuditEvent, [row])
    return AuditEvent.model_construct(**row)  # the row is sealed already; validating it again only costs time


def verify(session: Session) -> list[str]:
    """Walk the chain and describe every break in plain words; an empty list means intact.

    Rows cut from the end of the chain leave no gap inside it, and rows appended after the end can carry valid
    hashes, so the chain is also checked against the anchor file that every commit updates outside the
    database (see ``_update_anchor``).
    """
    problems: list[str] = []
    expected_id, prev_hash = 1, GENESIS
    anchor_file = _anchor_file(session)
    anchor = _read_anchor(session)
    for event in _events(session):
        if anchor and event.id == anchor[0] and event.hash != anchor[1]:
            problems.append(f"audit event {event.id} is not the event recorded when it was written (replaced)")
        if event.id != expected_id:
            if event.id is not None and event.id > expected_id:
                missing = f"{expected_id}" if event.id == expected_id + 1 else f"{expected_id}–{event.id - 1}"
                problems.append(f"audit event {missing} was deleted (the chain jumps to {event.id})")
            else:
                problems.append(f"audit event {event.id} is out of order or duplicated")
        if event.prev_hash != prev_hash:
            problems.append(f"audit event {event.id} does not follow the event before it (inserted or reordered)")
        if _digest(event.model_dump()) != event.hash:
            problems.append(f"audit event {event.id} ({event.action}) was edited after it was written")
        expected_id, prev_hash = (event.id or 0) + 1, event.hash
    last_id = expected_id - 1
    if anchor and anchor[0] > last_id:
        missing = f"{expected_id}" if anchor[0] == expected_id else f"{expected_id}–{anchor[0]}"
        problems.append(f"audit event {missing} was deleted from the end of the trail (the last one kept is {last_id})")
    # Read again after the walk: a writer that committed just before it may only now have moved the anchor.
    anchor_now = _read_anchor(session)
    if anchor_now and anchor_now[0] < last_id:
        added = f"{last_id}" if last_id == anchor_now[0] + 1 else f"{anchor_now[0] + 1}–{last_id}"
        problems.append(
            f"audit event {added} was inserted after the last event the app recorded (event {anchor_now[0]}), "
            "unless the app was stopped while writing it"
        )
    if anchor_file is not None and anchor_now is None and last_id > 0:
        problems.append(
            f"the anchor file {anchor_file} is missing or unreadable, so events cut from or added to the end of "
            "the trail cannot be detected"
        )
    return problems


# ------------------------------------------------------------------- anchor
ANCHOR_FILE = "audit-anchor.json"
_ANCHOR_RECORD_BYTES = 256  # the JSON padded with spaces: always the same length, so no old bytes remain
DATA_DIR_KEY = "lumetra_desk.data_dir"  # set by Store on every session it opens


def _anchor_file(session: Session) -> Path | None:
    data_dir = session.info.get(DATA_DIR_KEY)
    return Path(data_dir) / ANCHOR_FILE if data_dir else None


def _read_anchor(session: Session) -> tuple[int, str] | None:
    file = _anchor_file(session)
    if file is None:
        return None
    try:  # a missing file is an OSError too
        raw = json.loads(file.read_text())
        return int(raw["id"]), str(raw["hash"])
    except (OSError, ValueError, KeyError):
        return None


@sa_event.listens_for(Session, "after_commit")
def _update_anchor(session: Session) -> None:
    """After a commit that wrote audit events, remember the newest (id, hash) outside the database.

    The anchor only moves forward: with two writers, the later-committed head wins even if the other writer
    updates the file last. Releasing a savepoint also fires ``after_commit``; nothing is committed yet then, so
    the head stays remembered for the real commit.
    """
    if session.in_nested_transaction():
        return
    head = session.info.pop(_HEAD_KEY, None)
    file = _anchor_file(session)
    if head is None or file is None:
        return
    current = _read_anchor(session)
    if current and current[0] >= head[0]:
        return
    try:
        _write_anchor(file, head)
    except OSError as exc:
        log.warning("could not update the audit anchor %s: %s", file, exc)


def _write_anchor(file: Path, head: tuple[int, str]) -> None:
    """Overwrite the anchor in place with one write of a fixed-size record.

    The record fits one disk sector, so it is replaced whole or not at all, also on power loss. Writing a
    temporary file and renaming it over the anchor does the same at about thirty times the cost on ext4, which
    flushes a file renamed over another; the anchor moves on every commit, so that cost was paid per message.
    """
    record = json.dumps({"id": head[0], "hash": head[1]}).encode().ljust(_ANCHOR_RECORD_BYTES)
    descriptor = os.open(file, os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0), 0o666)
    try:
        os.write(descriptor, record)
    finally:
        os.close(descriptor)


def _events(session: Session) -> Iterator[AuditEvent]:
    last_id = 0
    while True:
        batch = session.exec(
            select(AuditEvent).where(col(AuditEvent.id) > last_id).order_by(col(AuditEvent.id)).limit(2000)
        ).all()
        if not batch:
            return
        yield from batch
        last_id = batch[-1].id or last_id

"""The audit trail: every change to a case, append-only and hash-chained.

Each event's hash covers its own fields, a digest of its payload (the before/after snapshots) and the previous
event's hash, and ids run without gaps, so ``verify`` can name a row that was edited, inserted or deleted
behind the application's back. The payload digest is salted with a random value kept beside it: when a
retention purge erases the payloads of a purged case's events (the names, addresses and notes they hold), it
erases the salt too and leaves the digest, so the chain still verifies while nothing left can be matched
against a guess of what was erased. Such an erasure is an event of its own (the redaction record) naming the
events it emptied; an emptied payload without one is reported as tampering.

Events written before payload digests existed (scheme 1, ``payload_digest`` empty) keep their original hash
over all their fields, payload included, and are verified as they always were; when one is erased, the
redaction record keeps a seal over its remaining fields, so an edit made after the erasure is still found.

Events are written inside the same write transaction as the change they describe (``Store.write`` takes
SQLite's write lock up front), so the chain never forks.
"""

from __future__ import annotations

import getpass
import hashlib
import json
import logging
import os
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

from sqlalchemy import event as sa_event
from sqlalchemy import update
from sqlmodel import Session, col, select

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.store import bulk, single_rows
from lumetra_desk.core.store.models import AuditEvent, utcnow

log = logging.getLogger("lumetra_desk.audit")

GENESIS = "0" * 64
_HEAD_KEY = "lumetra_desk.audit.head"
SCHEME = "lumetra-audit/2"  # the first element of every hashed list: a scheme-1 hash can never pass for one
REDACTED_BY = "redacted_by_event"  # the one key of an erased payload: the id of its redaction record
REDACTED_EVENTS = "redacted_events"  # the key of a redaction record's payload listing the events it emptied
SCHEME_1_SEALS = "scheme_1_seals"  # ... and the seals of the scheme-1 events among them


def current_actor() -> str:
    """Who is at the keyboard: the operating-system account running the app."""
    try:
        return getpass.getuser()
    except OSError:
        return "unknown"


def _default(value: Any) -> str:
    if isinstance(value, datetime | date):
        return value.isoformat()
    return str(value)


# The encoders are made once: ``json.dumps`` with these options would build a new one for every call, and a
# 100k-case demo load seals several hundred thousand events. Their output is exactly ``json.dumps``'s.
_PAYLOAD_JSON = json.JSONEncoder(sort_keys=True, ensure_ascii=False, default=_default)
_HASHED_JSON = json.JSONEncoder(ensure_ascii=False)


def _json(value: Any) -> str:
    return _PAYLOAD_JSON.encode(value if value is not None else {})


_METADATA_FIELDS = ("id", "case_id", "at", "actor", "action", "entity", "entity_id")
_SCHEME_1_FIELDS = (*_METADATA_FIELDS, "before", "after", "prev_hash")


def _metadata(fields: Mapping[str, Any]) -> list[Any]:
    values = [fields[name] for name in _METADATA_FIELDS]
    values[2] = values[2].isoformat()
    return values


def _sha256(values: list[Any]) -> str:
    return hashlib.sha256(_HASHED_JSON.encode(values).encode()).hexdigest()


def _digest(fields: Mapping[str, Any]) -> str:
    """The chained hash: the event's metadata, its payload digest and the previous event's hash."""
    return _sha256([SCHEME, *_metadata(fields), fields["payload_digest"], fields["prev_hash"]])


def _payload_digest(salt: str, before: str, after: str) -> str:
    return _sha256([salt, before, after])


def _scheme_1_digest(fields: Mapping[str, Any]) -> str:
    """The hash of an event written before payload digests: every field, the payload itself included."""
    values = [fields[name] for name in _SCHEME_1_FIELDS]
    values[2] = values[2].isoformat()
    return _sha256(values)


def _scheme_1_seal(fields: Mapping[str, Any]) -> str:
    """What the redaction record keeps of an erased scheme-1 event: everything but the erased payload."""
    return _sha256([f"{SCHEME}/erased-scheme-1", *_metadata(fields), fields["prev_hash"], fields["hash"]])


def seal_row(row: dict[str, Any], previous: tuple[int, str] | None) -> tuple[int, str]:
    """Bulk loading's ``seal``: chain a plain row (``before``/``after`` already encoded) after ``previous``
    (id, hash), salting and digesting its payload; returns its own (id, hash)."""
    row["id"] = previous[0] + 1 if previous else 1
    row["prev_hash"] = previous[1] if previous else GENESIS
    row["payload_salt"] = salt = os.urandom(16).hex()
    row["payload_digest"] = _payload_digest(salt, row["before"], row["after"])
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


# ---------------------------------------------------------------- erasure
_ERASED_PREFIX = '{"' + REDACTED_BY + '": '
_BATCH = 500


def redact(
    session: Session,
    event_ids: Sequence[int],
    *,
    action: str,
    case_id: int | None,
    entity: str,
    entity_id: int | None,
    before: dict[str, Any] | None,
    after: dict[str, Any],
    actor: str | None,
) -> AuditEvent:
    """Erase the payloads of these events and append the redaction record that names them and says why.

    Each emptied payload becomes ``{"redacted_by_event": N}``, N being the record; its salt goes with it, its
    digest and metadata stay. Events already emptied and other redaction records are left alone. An event that
    was edited behind the app's back is evidence: the erasure is refused, and the caller's transaction with it.
    """
    events: list[AuditEvent] = []
    wanted = sorted(set(event_ids))
    for start in range(0, len(wanted), _BATCH):
        chunk = wanted[start : start + _BATCH]
        events += session.exec(select(AuditEvent).where(col(AuditEvent.id).in_(chunk))).all()
    erased: list[int] = []
    seals: dict[str, str] = {}
    for event in sorted(events, key=lambda e: e.id or 0):
        if _erased_by(event) is not None or _redaction_record(event) is not None:
            continue
        fields = event.model_dump()
        if not _content_intact(event, fields):
            raise InvalidInputError(
                f"Audit event {event.id} ({event.action}) was changed after it was written, so its content is kept "
                "as evidence and nothing was erased; find out what happened first (lumetra-desk audit verify)."
            )
        if not event.payload_digest:
            seals[str(event.id)] = _scheme_1_seal(fields)
        erased.append(event.id or 0)
    listing: dict[str, Any] = {REDACTED_EVENTS: erased}
    if seals:
        listing[SCHEME_1_SEALS] = seals
    redaction = record(
        session,
        action=action,
        case_id=case_id,
        entity=entity,
        entity_id=entity_id,
        before=before,
        after=after | listing,
        actor=actor,
    )
    marker = _json({REDACTED_BY: redaction.id})
    for start in range(0, len(erased), _BATCH):
        session.execute(
            update(AuditEvent)
            .where(col(AuditEvent.id).in_(erased[start : start + _BATCH]))
            .values(before=marker, after=marker, payload_salt="")
            .execution_options(synchronize_session=False)
        )
    return redaction


def _erased_by(event: AuditEvent) -> int | None:
    """The id of the redaction record that emptied this event's payload, if it says it was emptied."""
    if event.before != event.after or not event.after.startswith(_ERASED_PREFIX):
        return None
    try:
        payload = json.loads(event.after)
    except ValueError:
        return None
    record_id = payload.get(REDACTED_BY) if isinstance(payload, dict) and len(payload) == 1 else None
    return record_id if isinstance(record_id, int) and not isinstance(record_id, bool) else None


def _redaction_record(event: AuditEvent) -> tuple[frozenset[int], dict[str, Any]] | None:
    """The events a redaction record emptied and the seals of its scheme-1 ones; None for any other event."""
    if f'"{REDACTED_EVENTS}"' not in event.after:
        return None
    try:
        payload = json.loads(event.after)
    except ValueError:
        return None
    listed = payload.get(REDACTED_EVENTS) if isinstance(payload, dict) else None
    if not isinstance(listed, list) or not all(isinstance(i, int) for i in listed):
        return None
    seals = payload.get(SCHEME_1_SEALS, {})
    return frozenset(listed), seals if isinstance(seals, dict) else {}


def _content_intact(event: AuditEvent, fields: Mapping[str, Any]) -> bool:
    if not event.payload_digest:
        return _scheme_1_digest(fields) == event.hash
    payload = _payload_digest(event.payload_salt, event.before, event.after)
    return payload == event.payload_digest and _digest(fields) == event.hash


# ------------------------------------------------------------------ verify
@dataclass
class TrailCheck:
    """What ``check`` found: the problems in plain words (none: intact), and what it walked."""

    problems: list[str] = field(default_factory=list)
    events: int = 0
    erased: int = 0


@dataclass
class _Erasures:
    """Emptied events waiting for their redaction record, and the records seen so far."""

    pending: dict[int, tuple[str, int, str]] = field(default_factory=dict)  # id -> (action, record id, seal)
    records: dict[int, tuple[frozenset[int], dict[str, Any]]] = field(default_factory=dict)

    def unaccounted(self) -> list[str]:
        problems = []
        for event_id, (action, record_id, seal) in self.pending.items():
            listed = self.records.get(record_id)
            if listed is None or record_id <= event_id or event_id not in listed[0]:
                problems.append(f"audit event {event_id} ({action}) was emptied without a redaction record naming it")
            elif seal and listed[1].get(str(event_id)) != seal:
                problems.append(f"audit event {event_id} ({action}) was edited after its content was erased")
        return problems


def _content_problem(event: AuditEvent, erasures: _Erasures) -> str | None:
    fields = event.model_dump()
    record_id = _erased_by(event)
    if record_id is not None:
        if event.payload_digest and _digest(fields) != event.hash:
            return f"audit event {event.id} ({event.action}) was edited after it was written"
        seal = "" if event.payload_digest else _scheme_1_seal(fields)
        erasures.pending[event.id or 0] = (event.action, record_id, seal)
        return None
    if not _content_intact(event, fields):
        return f"audit event {event.id} ({event.action}) was edited after it was written"
    listed = _redaction_record(event)
    if listed is not None:
        erasures.records[event.id or 0] = listed
    return None


def verify(session: Session) -> list[str]:
    """Walk the chain and describe every break in plain words; an empty list means intact."""
    return check(session).problems


def check(session: Session) -> TrailCheck:
    """Walk the chain: every event's hash, its link to the one before, its payload or its redaction record.

    Rows cut from the end of the chain leave no gap inside it, and rows appended after the end can carry valid
    hashes, so the chain is also checked against the anchor file that every commit updates outside the
    database (see ``_update_anchor``).
    """
    result = TrailCheck()
    problems = result.problems
    expected_id, prev_hash = 1, GENESIS
    anchor_file = _anchor_file(session)
    anchor = _read_anchor(session)
    erasures = _Erasures()
    for event in _events(session):
        result.events += 1
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
        problem = _content_problem(event, erasures)
        if problem:
            problems.append(problem)
        expected_id, prev_hash = (event.id or 0) + 1, event.hash
    result.erased = len(erasures.pending)
    problems += erasures.unaccounted()
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
    return result


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

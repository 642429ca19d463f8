"""Read queries behind the dashboard, reminders and intake review (the SQL for them lives here only).

They read on indexed columns (``Case.due_date``, ``Deadline.due``, ``Message.review_state``) so the dashboard of a
100k-case store counts in milliseconds.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, datetime
from operator import attrgetter
from typing import Any, cast

from sqlalchemy import and_, func, select
from sqlmodel import Session, col
from sqlmodel import select as select_rows

from lumetra_desk.core.store import case_list
from lumetra_desk.core.store.case_list import DeadlineBasis
from lumetra_desk.core.store.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseRequestType,
    ClockEvent,
    Deadline,
    Letter,
    Message,
    Note,
    Requester,
    VerificationStep,
)
from lumetra_desk.core.store.queries import session_cursor

PENDING = "pending"
# Statuses in which no extension is left to decide: answered (the original of an appeal too), merged into another
# case, or already extended.
NO_EXTENSION_DECISION = ("responded", "appealed", "closed", "merged", "extended")


@dataclass(frozen=True)
class DeadlineHistoryRow:
    id: int
    request_type: str
    event: str
    due: date
    basis: str
    note: str
    confirmed: bool
    assumed: bool
    computed_at: datetime
    superseded_at: datetime | None


@dataclass(frozen=True)
class DueItem:
    """One date an open case must meet, with enough to name it in a reminder."""

    case_id: int
    case_key: str
    status: str
    requester_email: str
    event: str
    due: date
    basis: str


@dataclass(frozen=True)
class PendingMessage:
    id: int
    received_at: datetime
    from_addr: str
    from_name: str
    subject: str
    kind: str
    case_id: int | None
    case_key: str


def _not_by_due_index(column: Any) -> Any:
    """The same date, hidden from the planner: matching a case's deadline rows must go through the case index,
    never the date index (thousands of deadlines share a date, so that plan is 1000x slower at 100k cases)."""
    return func.date(column)


def pending_message_count(session: Session) -> int:
    statement = select(func.count()).select_from(Message).where(col(Message.review_state) == PENDING)
    return int(session.connection().execute(statement).scalar_one())


def pending_messages(session: Session, limit: int = 2000) -> list[PendingMessage]:
    """Mail waiting for the officer's review, oldest first (the oldest waited longest)."""
    statement = (
        select(
            col(Message.id),
            col(Message.received_at),
            col(Message.from_addr),
            col(Message.from_name),
            col(Message.subject),
            col(Message.kind),
            col(Message.case_id),
            col(Case.key),
        )
        .outerjoin(Case, col(Case.id) == col(Message.case_id))
        .where(col(Message.review_state) == PENDING)
        .order_by(col(Message.received_at), col(Message.id))
        .limit(limit)
    )
    return [
        PendingMessage(cast(int, m_id), received, addr, name, subject, kind, case_id, key or "")
        for m_id, received, addr, name, subject, kind, case_id, key in session.connection().execute(statement)
    ]


def governing_bases(session: Session, case_ids: Sequence[int]) -> dict[int, DeadlineBasis]:
    """For each case, the current deadline row behind its governing ``due_date``/``due_event``."""
    with session_cursor(session) as cursor:
        return case_list.read_bases(cursor, case_ids)


def deadline_history(session: Session, case_id: int) -> list[DeadlineHistoryRow]:
    """Every deadline ever computed for a case: current rows first, then the superseded ones, newest first."""
    rows = session.exec(
        select_rows(Deadline)
        .where(col(Deadline.case_id) == case_id)
        .order_by(col(Deadline.superseded_at).is_not(None), col(Deadline.computed_at).desc(), col(Deadline.due))
    ).all()
    return [
        DeadlineHistoryRow(
            row.id or 0,
            row.request_type,
            row.event,
            row.due,
            row.basis,
            row.note,
            row.confirmed,
            row.assumed,
            row.computed_at,
            row.superseded_at,
        )
        for row in rows
    ]


def governing_due_until(session: Session, until: date) -> list[DueItem]:
    """Open cases whose governing deadline falls on or before ``until`` (overdue ones included), with its rule.

    The rule comes from an outer join on the current deadline row behind ``due_date``/``due_event``, read from
    the index of current deadlines (``ix_deadline_governing``), so even tens of thousands of due cases take one
    pass. That pass goes through the cases in the order of their ids, and they are sorted by date here: in date
    order the case rows, requesters and deadline rows lie scattered over more pages than a page cache holds, so
    at 100k cases it read and decrypted 117k pages (2.6 s) where the id order reads each of its 16.5k pages once.
    """
    current = and_(
        col(Deadline.case_id) == col(Case.id),
        col(Deadline.event) == col(Case.due_event),
        _not_by_due_index(col(Deadline.due)) == col(Case.due_date),
        col(Deadline.superseded_at).is_(None),
    )
    statement = (
        select(
            col(Case.id),
            col(Case.key),
            col(Case.status),
            col(Requester.email),
            col(Case.due_event),
            col(Case.due_date),
            col(Deadline.basis),
        )
        .join(Requester, col(Requester.id) == col(Case.requester_id))
        .outerjoin(Deadline, current)
        .where(
            func.date(col(Case.due_date)) <= until,  # hidden from the due-date index: the cases come in id order
            col(Case.status) != "closed",
            col(Case.merged_into_id).is_(None),
        )
    )
    found: dict[int, DueItem] = {}
    for found_id, key, status, email, event, due, basis in session.connection().execute(statement):
        case_id = cast(int, found_id)
        if case_id not in found:
            found[case_id] = DueItem(
                case_id=case_id,
                case_key=key,
                status=status,
                requester_email=email,
                event=event or "respond",
                due=cast(date, due),
                basis=basis or "",
            )
    return sorted(found.values(), key=attrgetter("due", "case_id"))


def extension_windows_until(session: Session, start: date, until: date) -> list[DueItem]:
    """Extension decisions still open: the notice must go out by a date between ``start`` and ``until``."""
    taken = select(col(ClockEvent.case_id)).where(col(ClockEvent.kind) == "extension_taken")
    statement = (
        select(
            col(Case.id),
            col(Case.key),
            col(Case.status),
            col(Requester.email),
            col(Deadline.event),
            func.min(col(Deadline.due)),
            col(Deadline.basis),
        )
        .join(Case, col(Case.id) == col(Deadline.case_id))
        .join(Requester, col(Requester.id) == col(Case.requester_id))
        .where(
            col(Deadline.event) == "extension_notice_by",
            col(Deadline.superseded_at).is_(None),
            col(Deadline.due) >= start,
            col(Deadline.due) <= until,
            col(Case.status).not_in(NO_EXTENSION_DECISION),
            col(Case.merged_into_id).is_(None),
            col(Case.id).not_in(taken),
        )
        .group_by(col(Case.id))
        .order_by(func.min(col(Deadline.due)), col(Case.id))
    )
    return [
        DueItem(cast(int, case_id), key, status, email, event, due, basis or "")
        for case_id, key, status, email, event, due, basis in session.connection().execute(statement)
    ]


@dataclass(frozen=True)
class MessageSummary:
    id: int
    direction: str
    received_at: datetime
    from_addr: str
    from_name: str
    subject: str
    kind: str
    review_state: str


@dataclass(frozen=True)
class AttachmentSummary:
    id: int
    message_id: int | None
    filename: str
    media_type: str
    size: int
    kept: bool
    note: str


@dataclass(frozen=True)
class LetterSummary:
    id: int
    kind: str
    version: int
    filename: str
    issued_at: datetime
    sent_at: datetime | None


@dataclass(frozen=True)
class NoteSummary:
    body: str
    author: str
    created_at: datetime


@dataclass(frozen=True)
class AuditSummary:
    at: datetime
    actor: str
    action: str
    before: str
    after: str


@dataclass(frozen=True)
class StepSummary:
    code: str
    description: str
    required: bool
    status: str
    evidence_note: str
    decided_by: str
    decided_at: datetime | None


@dataclass(frozen=True)
class ClockEventSummary:
    kind: str
    on: date
    reason: str


@dataclass(frozen=True)
class CaseDetail:
    """Everything the case view shows, read in one short transaction (raw mail and file bytes left out)."""

    case: Case
    requester: Requester
    request_types: list[str]
    deadlines: list[DeadlineHistoryRow]
    messages: list[MessageSummary]
    attachments: list[AttachmentSummary]
    letters: list[LetterSummary]
    notes: list[NoteSummary]
    audit: list[AuditSummary]
    steps: list[StepSummary]
    extension_taken: bool = False  # without one, an "extended" deadline is only what an extension would give
    clock_events: list[ClockEventSummary] = field(default_factory=list)
    outcomes: dict[str, str] = field(default_factory=dict)  # request type -> its own outcome ("" until answered)
    acknowledged_on: date | None = None


def case_detail(session: Session, case_id: int) -> CaseDetail | None:
    case = session.get(Case, case_id)
    if case is None:
        return None
    requester = session.get(Requester, case.requester_id)
    assert requester is not None, "every case has a requester"
    conn = session.connection()
    outcomes = right_outcomes(session, case_id)
    types = list(outcomes)
    messages = [
        MessageSummary(cast(int, m_id), direction, received, addr, name, subject, kind, state)
        for m_id, direction, received, addr, name, subject, kind, state in conn.execute(
            select(
                col(Message.id),
                col(Message.direction),
                col(Message.received_at),
                col(Message.from_addr),
                col(Message.from_name),
                col(Message.subject),
                col(Message.kind),
                col(Message.review_state),
            )
            .where(col(Message.case_id) == case_id)
            .order_by(col(Message.received_at), col(Message.id))
        )
    ]
    attachments = [
        AttachmentSummary(cast(int, a_id), message_id, name, sniffed or declared, size, bool(kept), note)
        for a_id, message_id, name, sniffed, declared, size, kept, note in conn.execute(
            select(
                col(Attachment.id),
                col(Attachment.message_id),
                col(Attachment.filename),
                col(Attachment.sniffed_type),
                col(Attachment.declared_type),
                col(Attachment.size),
                col(Attachment.data).is_not(None),
                col(Attachment.note),
            )
            .where(col(Attachment.case_id) == case_id)
            .order_by(col(Attachment.id))
        )
    ]
    letters = [
        LetterSummary(cast(int, l_id), kind, version, filename, issued, sent)
        for l_id, kind, version, filename, issued, sent in conn.execute(
            select(
                col(Letter.id),
                col(Letter.kind),
                col(Letter.version),
                col(Letter.filename),
                col(Letter.issued_at),
                col(Letter.sent_at),
            )
            .where(col(Letter.case_id) == case_id)
            .order_by(col(Letter.issued_at).desc(), col(Letter.id).desc())
        )
    ]
    notes = [
        NoteSummary(body, author, created)
        for body, author, created in conn.execute(
            select(col(Note.body), col(Note.author), col(Note.created_at))
            .where(col(Note.case_id) == case_id)
            .order_by(col(Note.created_at), col(Note.id))
        )
    ]
    audit_rows = [
        AuditSummary(at, actor, action, before, after)
        for at, actor, action, before, after in conn.execute(
            select(
                col(AuditEvent.at),
                col(AuditEvent.actor),
                col(AuditEvent.action),
                col(AuditEvent.before),
                col(AuditEvent.after),
            )
            .where(col(AuditEvent.case_id) == case_id)
            .order_by(col(AuditEvent.id))
        )
    ]
    steps = [
        StepSummary(code, description, bool(required), status, note, by, at)
        for code, description, required, status, note, by, at in conn.execute(
            select(
                col(VerificationStep.code),
                col(VerificationStep.description),
                col(VerificationStep.required),
                col(VerificationStep.status),
                col(VerificationStep.evidence_note),
                col(VerificationStep.decided_by),
                col(VerificationStep.decided_at),
            )
            .where(col(VerificationStep.case_id) == case_id)
            .order_by(col(VerificationStep.position), col(VerificationStep.id))
        )
    ]
    clock_events = [
        ClockEventSummary(kind, on, reason)
        for kind, on, reason in conn.execute(
            select(col(ClockEvent.kind), col(ClockEvent.occurred_on), col(ClockEvent.reason))
            .where(col(ClockEvent.case_id) == case_id)
            .order_by(col(ClockEvent.id))
        )
    ]
    return CaseDetail(  # plain copies: the session's rows expire when the read transaction ends
        case=Case.model_validate(case.model_dump()),
        requester=Requester.model_validate(requester.model_dump()),
        request_types=types,
        deadlines=deadline_history(session, case_id),
        messages=messages,
        attachments=attachments,
        letters=letters,
        notes=notes,
        audit=audit_rows,
        steps=steps,
        extension_taken=any(event.kind == "extension_taken" for event in clock_events),
        clock_events=clock_events,
        outcomes=outcomes,
        acknowledged_on=acknowledged_on(session, case_id),
    )


def right_outcomes(session: Session, case_id: int) -> dict[str, str]:
    """Each right of the case (the primary one first) with its own outcome, "" until it is answered."""
    return dict(
        session.connection()
        .execute(
            select(col(CaseRequestType.request_type), col(CaseRequestType.outcome))
            .where(col(CaseRequestType.case_id) == case_id)
            .order_by(col(CaseRequestType.is_primary).desc(), col(CaseRequestType.id))
        )
        .all()
    )


def acknowledged_on(session: Session, case_id: int) -> date | None:
    """The day receipt was confirmed: the case was moved to acknowledged, or an acknowledgement letter was sent
    from the app (a letter only issued may never have gone out)."""
    conn = session.connection()
    days = [
        at.date()
        for at, after in conn.execute(
            select(col(AuditEvent.at), col(AuditEvent.after)).where(
                col(AuditEvent.case_id) == case_id, col(AuditEvent.action) == "case.status_changed"
            )
        )
        if _status_after(after) == "acknowledged"
    ]
    days.extend(
        cast(datetime, sent).date()
        for (sent,) in conn.execute(
            select(col(Letter.sent_at)).where(
                col(Letter.case_id) == case_id,
                col(Letter.kind) == "acknowledgement",
                col(Letter.sent_at).is_not(None),
            )
        )
    )
    return min(days, default=None)


def _status_after(after: str) -> object:
    """The status an audited status change moved to; nothing once a retention purge emptied the event."""
    try:
        payload = json.loads(after or "{}")
    except ValueError:
        return None
    return payload.get("status") if isinstance(payload, dict) else None


def message_text(session: Session, message_id: int) -> str:
    """The plain text read out of a message (HTML was already turned into text, remote content dropped)."""
    found = session.connection().execute(select(col(Message.body_text)).where(col(Message.id) == message_id)).first()
    return str(found[0]) if found else ""


def attachment_bytes(session: Session, attachment_id: int) -> tuple[str, bytes | None]:
    found = (
        session.connection()
        .execute(select(col(Attachment.filename), col(Attachment.data)).where(col(Attachment.id) == attachment_id))
        .first()
    )
    return (str(found[0]), found[1]) if found else ("", None)


def letter_pdf(session: Session, letter_id: int) -> tuple[str, bytes]:
    found = (
        session.connection()
        .execute(select(col(Letter.filename), col(Letter.pdf)).where(col(Letter.id) == letter_id))
        .first()
    )
    return (str(found[0]), bytes(found[1])) if found else ("", b"")


@dataclass(frozen=True)
class MessageReview:
    """One pending message with what the classifier read from it and any correction the officer made."""

    summary: PendingMessage
    body_text: str
    to_addrs: str
    classification: str
    override: str
    parse_problems: str


def message_review(session: Session, message_id: int) -> MessageReview | None:
    message = session.get(Message, message_id)
    if message is None:
        return None
    case = session.get(Case, message.case_id) if message.case_id else None
    summary = PendingMessage(
        message_id,
        message.received_at,
        message.from_addr,
        message.from_name,
        message.subject,
        message.kind,
        message.case_id,
        case.key if case else "",
    )
    return MessageReview(
        summary, message.body_text, message.to_addrs, message.classification, message.override, message.parse_problems
    )

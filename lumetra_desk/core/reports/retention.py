"""Retention of request records: keep each closed case for its law's period (24 months at least), then purge.

The period comes from the statute engine (``record_retention``) with a 24-month floor everywhere
(statutes.md §25.5). A case is due for purging only when it and every case linked to it (its appeals, its
merged duplicates) are past their periods, so no record loses the request it refers to. The purge erases the
personal data the case's audit events carry (their before/after snapshots: addresses, names, note text) and
keeps what the chain needs (see ``audit.redact``); the purge itself is the audit event that names the events it
emptied, the retention rule and its citation.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases import service
from lumetra_desk.core.rules.calendars import add_months
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

FLOOR_MONTHS = 24


@dataclass(frozen=True)
class PurgeCandidate:
    case_id: int
    key: str
    ended_on: date
    keep_until: date
    months: int
    basis: str  # the citation of the retention rule
    why: str


def retention_months(jurisdiction: str) -> tuple[int, str]:
    """The months to keep a case of this jurisdiction, and the rule it rests on."""
    book = rules.load_rulebook()
    law = book.find(jurisdiction)
    if law is None:
        longest = max(book.all(), key=lambda j: j.record_retention.months)
        return max(FLOOR_MONTHS, longest.record_retention.months), "jurisdiction unknown: longest period of any law"
    rule = law.record_retention
    return max(FLOOR_MONTHS, rule.months), rule.citation


def _ended(case: Case) -> datetime:
    return case.closed_at or case.updated_at


def purge_candidates(session: Session, today: date) -> list[PurgeCandidate]:
    """Cases past their retention period, linked cases first (they point at the ones after them)."""
    finished = session.exec(select(Case).where(col(Case.status).in_(service.CLOSED_STATUSES))).all()
    due: dict[int, PurgeCandidate] = {}
    for case in finished:
        months, basis = retention_months(case.jurisdiction)
        ended = _ended(case).date()
        keep_until = add_months(ended, months)
        if keep_until <= today:
            why = f"{case.status} on {ended.isoformat()}; kept {months} months ({basis}) until {keep_until.isoformat()}"
            due[case.id or 0] = PurgeCandidate(case.id or 0, case.key, ended, keep_until, months, basis, why)
    linked = session.exec(
        select(Case.id, Case.parent_case_id, Case.merged_into_id).where(
            col(Case.parent_case_id).is_not(None) | col(Case.merged_into_id).is_not(None)
        )
    ).all()
    changed = True
    while changed:  # a case stays while anything linked to it stays
        changed = False
        for child, parent, merged_into in linked:
            for target in (parent, merged_into):
                if target is None:
                    continue
                if (target in due) != (child in due):
                    due.pop(target, None)
                    due.pop(child or 0, None)
                    changed = True
    children = {child for child, _, _ in linked}
    return sorted(due.values(), key=lambda c: (c.case_id not in children, c.ended_on, c.case_id))


def purge(session: Session, candidates: list[PurgeCandidate], *, actor: str | None) -> int:
    """Delete every row of these cases (messages, files, letters...) and erase what their audit events say.

    Each case ends with one ``retention.purged`` event: the retention rule and its citation, and the events
    whose payloads it emptied (the case's own, those of its deleted messages, files, notes, letters, steps and
    clock events, and the requester's when no other case keeps the requester).
    """
    unowned = _unowned_events(session) if candidates else {}
    for candidate in candidates:
        case = session.get(Case, candidate.case_id)
        if case is None:
            continue
        case_id = candidate.case_id
        requester_id = case.requester_id
        message_ids = select(Message.id).where(Message.case_id == case_id)
        rows: dict[str, list[int]] = {
            "message": _ids(session, message_ids),
            "attachment": _ids(
                session,
                select(Attachment.id).where(
                    (col(Attachment.case_id) == case_id) | col(Attachment.message_id).in_(message_ids)
                ),
            ),
            "letter": _ids(session, select(Letter.id).where(Letter.case_id == case_id)),
            "note": _ids(session, select(Note.id).where(Note.case_id == case_id)),
            "verification_step": _ids(session, select(VerificationStep.id).where(VerificationStep.case_id == case_id)),
            "clock_event": _ids(session, select(ClockEvent.id).where(ClockEvent.case_id == case_id)),
        }
        session.execute(delete(VerificationStep).where(col(VerificationStep.case_id) == case_id))
        session.execute(delete(Attachment).where(col(Attachment.id).in_(rows["attachment"])))
        session.execute(delete(Letter).where(col(Letter.case_id) == case_id))
        session.execute(delete(Message).where(col(Message.case_id) == case_id))
        session.execute(delete(Note).where(col(Note.case_id) == case_id))
        session.execute(delete(Deadline).where(col(Deadline.case_id) == case_id))
        session.execute(delete(ClockEvent).where(col(ClockEvent.case_id) == case_id))
        session.execute(delete(CaseRequestType).where(col(CaseRequestType.case_id) == case_id))
        session.delete(case)
        session.flush()
        remaining = session.exec(select(Case.id).where(Case.requester_id == requester_id).limit(1)).first()
        if remaining is None:
            requester = session.get(Requester, requester_id)
            if requester is not None:
                session.delete(requester)
                rows["requester"] = [requester_id]
        session.flush()
        audit.redact(
            session,
            _events_about(session, case_id, rows, unowned),
            action="retention.purged",
            case_id=case_id,
            entity="case",
            entity_id=case_id,
            before={"key": candidate.key, "ended_on": candidate.ended_on},
            after={
                "why": candidate.why,
                "rule": "record_retention",
                "months": candidate.months,
                "citation": candidate.basis,
                "kept_until": candidate.keep_until,
            },
            actor=actor,
        )
    return len(candidates)


def _ids(session: Session, statement: Any) -> list[int]:
    return [int(i) for i in session.exec(statement).all()]


def _unowned_events(session: Session) -> dict[tuple[str, int], list[int]]:
    """The events of no case (a requester created, a mail imported before it had a case), by the row they
    are about: read once per purge, with the case-id index."""
    found: dict[tuple[str, int], list[int]] = {}
    statement = select(AuditEvent.id, AuditEvent.entity, AuditEvent.entity_id).where(
        col(AuditEvent.case_id).is_(None), col(AuditEvent.entity_id).is_not(None)
    )
    for event_id, entity, entity_id in session.exec(statement).all():
        found.setdefault((entity, entity_id or 0), []).append(event_id or 0)
    return found


def _events_about(
    session: Session, case_id: int, rows: dict[str, list[int]], unowned: dict[tuple[str, int], list[int]]
) -> list[int]:
    """The audit events of a case and those of no case about the rows deleted with it."""
    found = set(_ids(session, select(AuditEvent.id).where(AuditEvent.case_id == case_id)))
    for entity, ids in rows.items():
        for row_id in ids:
            found.update(unowned.get((entity, row_id), ()))
    return sorted(found)

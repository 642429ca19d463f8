"""Opening cases and keeping their deadlines in step with the statute engine.

Everything here runs inside a caller's write transaction (``Store.write()``), so a case, its requester, its
deadlines and its audit event land together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime

from sqlmodel import Session, col, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.store.models import Case, CaseCounter, CaseRequestType, ClockEvent, Deadline, Requester, utcnow

KEY_PREFIX = "LD"
CLOSED_STATUSES = frozenset({"closed"})
# Statuses in which the response is out and only an appeal can start a clock again.
ANSWERED_STATUSES = frozenset({"responded", "closed"})


def next_case_key(session: Session, year: int) -> str:
    """The next gap-free key of the year, like ``LD-2026-000123``."""
    counter = session.get(CaseCounter, year)
    if counter is None:
        counter = CaseCounter(year=year, last_number=0)
    counter.last_number += 1
    session.add(counter)
    session.flush()
    return format_case_key(year, counter.last_number)


def format_case_key(year: int, number: int) -> str:
    return f"{KEY_PREFIX}-{year}-{number:06d}"


def find_or_create_requester(session: Session, email: str, name: str = "", tier: str = "unknown") -> Requester:
    address = email.strip().lower()
    requester = session.exec(select(Requester).where(Requester.email == address)).first()
    if requester is None:
        requester = Requester(email=address, name=name, tier=tier)
        session.add(requester)
        session.flush()
        audit.record(
            session,
            action="requester.created",
            entity="requester",
            entity_id=requester.id,
            after={"email": address, "name": name, "tier": tier},
        )
    elif name and not requester.name:
        requester.name = name
        session.add(requester)
    return requester


def open_case(
    session: Session,
    *,
    requester: Requester,
    request_types: Sequence[str],
    received_at: datetime,
    jurisdiction: str = "unknown",
    tier: str | None = None,
    subject: str = "",
    channel: str = "email",
    language: str = "en",
    agent_name: str = "",
    agent_email: str = "",
    parent_case_id: int | None = None,
    actor: str | None = None,
) -> Case:
    """Open a case for a new request, with its deadlines computed from the day it was received."""
    types = list(dict.fromkeys(request_types)) or ["access"]
    case = Case(
        key=next_case_key(session, received_at.year),
        requester_id=requester.id or 0,
        jurisdiction=jurisdiction,
        jurisdiction_assumed=jurisdiction not in rules.load_rulebook().jurisdictions(),
        tier=tier or requester.tier,
        subject=subject,
        channel=channel,
        language=language,
        received_at=received_at,
        agent_name=agent_name,
        agent_email=agent_email,
        parent_case_id=parent_case_id,
        status="new",
    )
    session.add(case)
    session.flush()
    for position, request_type in enumerate(types):
        session.add(CaseRequestType(case_id=case.id or 0, request_type=request_type, is_primary=position == 0))
    session.flush()
    recompute_deadlines(session, case, actor=actor, reason="case opened", record=False)
    audit.record(
        session,
        action="case.opened",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        after={
            "key": case.key,
            "requester": requester.email,
            "jurisdiction": jurisdiction,
            "request_types": types,
            "received_at": received_at,
            "due_date": case.due_date,
        },
        actor=actor,
    )
    return case


def request_types_of(session: Session, case_id: int) -> list[str]:
    rows = session.exec(
        select(CaseRequestType)
        .where(CaseRequestType.case_id == case_id)
        .order_by(col(CaseRequestType.is_primary).desc(), col(CaseRequestType.id))
    ).all()
    return [row.request_type for row in rows]


def clock_events_of(session: Session, case_id: int) -> list[rules.ClockEvent]:
    rows = session.exec(select(ClockEvent).where(ClockEvent.case_id == case_id).order_by(col(ClockEvent.id))).all()
    return [rules.ClockEvent(kind=row.kind, on=row.occurred_on) for row in rows]


def compute_case_deadlines(
    jurisdiction: str, request_types: Iterable[str], received: date, events: Sequence[rules.ClockEvent]
) -> list[tuple[str, rules.Deadline]]:
    """Every deadline of every right the case exercises, as (request type, deadline) pairs."""
    pairs: list[tuple[str, rules.Deadline]] = []
    for request_type in request_types:
        result = rules.compute_deadlines(jurisdiction, request_type, received, events)
        pairs.extend((request_type, deadline) for deadline in result.deadlines)
    return pairs


def governing_deadline(
    pairs: Sequence[tuple[str, rules.Deadline]], events: Sequence[rules.ClockEvent], status: str
) -> rules.Deadline | None:
    """The one date the officer must beat now: the earliest response (or appeal) deadline that applies.

    An extension, once taken, moves the response deadline to its extended date; a case already answered
    or closed has nothing due.
    """
    if status in ANSWERED_STATUSES:
        return None
    extended = any(event.kind == "extension_taken" for event in events)
    wanted = ("appeal_decision_extended", "respond_extended") if extended else ("appeal_decision", "respond")
    candidates = [deadline for _, deadline in pairs if deadline.event in wanted]
    if not candidates and extended:
        candidates = [deadline for _, deadline in pairs if deadline.event in ("appeal_decision", "respond")]
    return min(candidates, key=lambda d: d.due) if candidates else None


def recompute_deadlines(
    session: Session, case: Case, *, actor: str | None = None, reason: str = "", record: bool = True
) -> list[Deadline]:
    """Ask the statute engine again and keep the old rows as history (superseded, never deleted)."""
    case_id = case.id or 0
    events = clock_events_of(session, case_id)
    pairs = compute_case_deadlines(
        case.jurisdiction, request_types_of(session, case_id), case.received_at.date(), events
    )
    now = utcnow()
    current = session.exec(
        select(Deadline).where(Deadline.case_id == case_id, col(Deadline.superseded_at).is_(None))
    ).all()
    before = {f"{d.request_type}:{d.event}": d.due for d in current}
    for old in current:
        old.superseded_at = now
        session.add(old)
    rows = [
        Deadline(
            case_id=case_id,
            request_type=request_type,
            event=deadline.event,
            due=deadline.due,
            basis=deadline.basis,
            confirmed=deadline.confirmed,
            assumed=deadline.assumed,
            note=deadline.note,
            computed_at=now,
        )
        for request_type, deadline in pairs
    ]
    session.add_all(rows)
    governing = governing_deadline(pairs, events, case.status)
    case.due_date = governing.due if governing else None
    case.due_event = governing.event if governing else ""
    case.updated_at = now
    session.add(case)
    session.flush()
    if record:
        audit.record(
            session,
            action="case.deadlines_recomputed",
            case_id=case_id,
            entity="case",
            entity_id=case_id,
            before=before,
            after={f"{r.request_type}:{r.event}": r.due for r in rows} | {"reason": reason},
            actor=actor,
        )
    return rows

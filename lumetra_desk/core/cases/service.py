"""Opening cases and keeping their deadlines in step with the statute engine.

Everything here runs inside a caller's write transaction (``Store.write()``), so a case, its requester, its
deadlines and its audit event land together or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta

from sqlalchemy.orm import make_transient_to_detached
from sqlmodel import Session, col, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases.wording import status_words
from lumetra_desk.core.errors import InvalidInputError, NotFoundError
from lumetra_desk.core.intake.classify import default_vocabulary
from lumetra_desk.core.store import bulk, single_rows
from lumetra_desk.core.store.case_list import OPEN_STATUSES_EXCLUDED
from lumetra_desk.core.store.models import (
    Attachment,
    Case,
    CaseRequestType,
    ClockEvent,
    Deadline,
    Letter,
    Message,
    Note,
    Requester,
    utcnow,
)

KEY_PREFIX = "LD"
CLOSED_STATUSES = frozenset(OPEN_STATUSES_EXCLUDED)  # finished: closed, or merged into another case
# Statuses in which the response is out and only an appeal can start a clock again.
ANSWERED_STATUSES = frozenset({"responded", "closed", "appealed", "merged"})
# Statuses from which an extension may still be taken (the response is not out yet).
EXTENDABLE_STATUSES = frozenset({"new", "acknowledged", "awaiting_requester", "verifying", "in_progress"})
# Statuses of a request still being worked on: not answered, closed or merged.
OPEN_STATUSES = EXTENDABLE_STATUSES | {"extended"}
# Statuses in which a decision exists that the requester may appeal.
APPEALABLE_STATUSES = frozenset({"responded", "closed"})


def next_case_key(session: Session, year: int) -> str:
    """The next gap-free key of the year, like ``LD-2026-000123``.

    Plain statements, not the ORM: every new case asks, and the caller's write transaction (``BEGIN IMMEDIATE``)
    already keeps other writers out until it commits.
    """
    return format_case_key(year, single_rows.next_case_number(session, year))


def _insert_persistent(session: Session, row: Requester | Case) -> None:
    """Write a new row with one INSERT and make it persistent in the session, as a flush would.

    Mail import writes one requester and one case at a time, and for a single object the ORM's unit of work
    costs more than the INSERT itself. Afterwards the object behaves exactly like a flushed one: later changes
    are written on the next flush.
    """
    table = bulk.table_of(type(row))
    values = {column.name: getattr(row, column.name) for column in table.columns if column.name != "id"}
    row.id = bulk.insert_one(session, type(row), values)
    make_transient_to_detached(row)
    session.add(row)


def format_case_key(year: int, number: int) -> str:
    return f"{KEY_PREFIX}-{year}-{number:06d}"


def find_or_create_requester(
    session: Session, email: str, name: str = "", tier: str = "unknown", postal_address: str = ""
) -> Requester:
    address = email.strip().lower()
    known = single_rows.requester_id(session, address)
    requester = session.get(Requester, known) if known is not None else None
    if requester is None:
        requester = Requester(email=address, name=name, tier=tier, postal_address=postal_address)
        _insert_persistent(session, requester)
        audit.record(
            session,
            action="requester.created",
            entity="requester",
            entity_id=requester.id,
            after={"email": address, "name": name, "tier": tier, "postal_address": postal_address},
        )
    elif (name and not requester.name) or (postal_address and not requester.postal_address):
        requester.name = requester.name or name
        requester.postal_address = requester.postal_address or postal_address
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
    """Open a case for a new request, with its deadlines computed from the day it was received.

    A new case has no clock events and no earlier deadlines, so its deadlines are computed before the case row
    is written and everything lands in a few plain INSERTs (importing mail opens thousands of cases).
    """
    types = list(dict.fromkeys(request_types)) or ["access"]
    pairs = compute_case_deadlines(jurisdiction, types, received_at.date(), [])
    governing = governing_deadline(pairs, [], "new")
    now = utcnow()
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
        due_date=governing.due if governing else None,
        due_event=governing.event if governing else "",
        created_at=now,
        updated_at=now,
    )
    _insert_persistent(session, case)
    case_id = case.id or 0
    bulk.insert_rows(
        session,
        CaseRequestType,
        [
            {"case_id": case_id, "request_type": request_type, "is_primary": position == 0, "outcome": "",
             "outcome_reason": ""}
            for position, request_type in enumerate(types)
        ],
    )  # fmt: skip
    _insert_deadlines(session, case_id, pairs, now)
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


def _insert_deadlines(
    session: Session, case_id: int, pairs: Sequence[tuple[str, rules.Deadline]], computed_at: datetime
) -> None:
    """The statute engine's deadlines of a case as current rows, in one plain INSERT."""
    bulk.insert_rows(
        session,
        Deadline,
        [
            {
                "case_id": case_id,
                "request_type": request_type,
                "event": deadline.event,
                "due": deadline.due,
                "basis": deadline.basis,
                "confirmed": deadline.confirmed,
                "assumed": deadline.assumed,
                "note": deadline.note,
                "computed_at": computed_at,
                "superseded_at": None,
            }
            for request_type, deadline in pairs
        ],
    )


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

    An extension, once taken, moves each right's deadline to its extended date where that right's law allows
    one; a right that cannot be extended (e.g. a California opt-out) keeps its own date. A case already
    answered or closed has nothing due.
    """
    if status in ANSWERED_STATUSES:
        return None
    extended = any(event.kind == "extension_taken" for event in events)
    by_type: dict[str, dict[str, rules.Deadline]] = {}
    for request_type, deadline in pairs:
        events_of_type = by_type.setdefault(request_type, {})
        known = events_of_type.get(deadline.event)
        if known is None or deadline.due < known.due:
            events_of_type[deadline.event] = deadline
    candidates = []
    for deadlines in by_type.values():
        for event in ("respond", "appeal_decision"):
            if event in deadlines:
                longer = deadlines.get(f"{event}_extended") if extended else None
                candidates.append(longer or deadlines[event])
    return min(candidates, key=lambda d: d.due) if candidates else None


def recompute_deadlines(
    session: Session, case: Case, *, actor: str | None = None, reason: str = "", record: bool = True
) -> list[Deadline]:
    """Ask the statute engine again and keep the old rows as history (superseded, never deleted).

    Only a deadline the engine now gives differently (its date, basis or confirmation) is superseded by a new
    row; one it gives as before stays current, its explanatory note brought up to date (an extension taken
    turns "only if extended" into "the deadline now"), so the history holds the dates that moved, not a copy
    of every deadline at each recomputation.
    """
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
    unchanged = {_deadline_content(d.request_type, d): d for d in current}
    kept: list[Deadline] = []
    added: list[Deadline] = []
    for request_type, deadline in pairs:
        same = unchanged.pop(_deadline_content(request_type, deadline), None)
        if same is not None:
            if same.note != deadline.note:
                same.note = deadline.note
                session.add(same)
            kept.append(same)
            continue
        added.append(
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
        )
    for old in unchanged.values():
        old.superseded_at = now
        session.add(old)
    session.add_all(added)
    rows = kept + added
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


def _deadline_content(request_type: str, deadline: Deadline | rules.Deadline) -> tuple[object, ...]:
    """What makes two computations of a deadline the same: its right, event, date, basis and caveats."""
    return (request_type, deadline.event, deadline.due, deadline.basis, deadline.confirmed, deadline.assumed)


def find_case(session: Session, ref: str) -> Case:
    """A case by its key (LD-2026-000123) or its number."""
    text = ref.strip()
    case = session.exec(select(Case).where(Case.key == text.upper())).first()
    if case is None and text.isdigit():
        case = session.get(Case, int(text))
    if case is None:
        raise NotFoundError(f"There is no case {text!r}.")
    return case


def current_deadlines(session: Session, case_id: int) -> list[Deadline]:
    return list(
        session.exec(
            select(Deadline)
            .where(Deadline.case_id == case_id, col(Deadline.superseded_at).is_(None))
            .order_by(col(Deadline.due), col(Deadline.id))
        ).all()
    )


def extension_notice_by(session: Session, case: Case) -> date | None:
    """The last day an extension may be decided (the earliest notice date across the case's rights)."""
    dates = [d.due for d in current_deadlines(session, case.id or 0) if d.event == "extension_notice_by"]
    return min(dates) if dates else None


def extension_refusal(session: Session, case: Case, on: date) -> str | None:
    """Why ``case`` cannot be extended on ``on`` (None when it can): the law allows one extension, decided and
    notified within the initial period. An appeal is extended by the law's appeal rule, not by its requests'."""
    taken = session.exec(
        select(ClockEvent).where(ClockEvent.case_id == case.id, ClockEvent.kind == "extension_taken")
    ).first()
    if taken is not None:
        return f"Case {case.key} was already extended on {taken.occurred_on.isoformat()}; the law allows one extension."
    appeal = "appeal" in request_types_of(session, case.id or 0)
    notice_by = extension_notice_by(session, case)
    if notice_by is None:
        if appeal:
            return _no_appeal_extension(session, case)
        return f"The law of case {case.key} ({case.jurisdiction}) allows no extension for it."
    if on > notice_by:
        period = "the initial period for deciding the appeal" if appeal else "the initial response period"
        return (
            f"Too late to extend case {case.key}: the extension had to be decided and notified by "
            f"{notice_by.isoformat()}, within {period}."
        )
    return None


def _no_appeal_extension(session: Session, case: Case) -> str:
    """The plain refusal for an appeal whose law gives no extension of the decision, with the date that stays;
    where the rules data is not confirmed, it says that the earlier date holds until counsel confirms it."""
    law = rules.load_rulebook().find(case.jurisdiction)
    due = [d.due for d in current_deadlines(session, case.id or 0) if d.event == "appeal_decision"]
    decide_by = f" by {min(due).isoformat()}" if due else ""
    if law is None:
        return f"The rules give no extension of the time to decide appeal {case.key}: it must be decided{decide_by}."
    decision = law.appeal.decision
    text = (
        f"{law.short_name} gives no extension of the time to decide an appeal "
        f"({decision.citation if decision else law.appeal.citation}): appeal {case.key} must be decided{decide_by}."
    )
    if not (law.appeal.confirmed and decision is not None and decision.confirmed):
        text += " The appeal rule is not confirmed in primary text; the earlier date holds until counsel confirms it."
    return text


def check_day(case: Case, day: date, what: str) -> None:
    """A step of the case happened between the request's arrival and today; anything else is a typing error."""
    if day > date.today():
        raise InvalidInputError(f"The date of {what} ({day.isoformat()}) is in the future.")
    if day < case.received_at.date():
        raise InvalidInputError(
            f"The date of {what} ({day.isoformat()}) is before case {case.key} was received "
            f"({case.received_at.date().isoformat()})."
        )


def set_status(session: Session, case: Case, status: str, *, reason: str, actor: str | None, **extra: object) -> None:
    """Change the status and record why, with the before/after the audit trail needs."""
    before = {"status": case.status}
    case.status = status
    case.updated_at = utcnow()
    session.add(case)
    session.flush()
    audit.record(
        session,
        action="case.status_changed",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before=before,
        after={"status": status, "reason": reason, **extra},
        actor=actor,
    )


def take_extension(session: Session, case: Case, on: date, reason: str, actor: str | None = None) -> None:
    """Record the one extension the law allows, after its notice letter, and move the deadlines.

    The notice must be decided within the initial period (``extension_notice_by``) and give reasons; the
    letter is the proof the requester was told, so no extension is recorded without one.
    """
    if not reason.strip():
        raise InvalidInputError(f"An extension of case {case.key} needs a reason the requester is told.")
    problem = extension_refusal(session, case, on)
    if problem:
        raise InvalidInputError(problem)
    if case.status not in EXTENDABLE_STATUSES:
        raise InvalidInputError(
            f"Case {case.key} is {status_words(case.status)}; only a case not yet answered can be extended."
        )
    check_day(case, on, "the extension")
    letter = session.exec(select(Letter).where(Letter.case_id == case.id, Letter.kind == "extension_notice")).first()
    if letter is None:
        raise InvalidInputError(
            f"Issue the extension notice for case {case.key} first "
            f"(lumetra-desk letter {case.key} --kind extension_notice --reason ...); the requester must be told."
        )
    session.add(
        ClockEvent(
            case_id=case.id or 0,
            kind="extension_taken",
            occurred_on=on,
            reason=reason.strip(),
            recorded_by=actor or audit.current_actor(),
        )
    )
    session.flush()
    before_due = case.due_date
    set_status(session, case, "extended", reason=reason.strip(), actor=actor, notice_letter=letter.filename)
    recompute_deadlines(session, case, actor=actor, reason=f"extension taken on {on.isoformat()}")
    audit.record(
        session,
        action="case.extended",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before={"due_date": before_due},
        after={"due_date": case.due_date, "on": on, "reason": reason.strip(), "notice_letter": letter.filename},
        actor=actor,
    )


def dates_after_extension(session: Session, case: Case) -> str:
    """The response dates an extension leaves, for a one-line summary: each extended date with its rights,
    then the rights whose law allows no extension with the date they keep.

    The case's due date is the earliest right's, on a mixed case often an opt-out's that no extension moves,
    so it alone would misstate what the extension notice announced.
    """
    by_type: dict[str, dict[str, date]] = {}
    for deadline in current_deadlines(session, case.id or 0):
        events = by_type.setdefault(deadline.request_type, {})
        events[deadline.event] = min(deadline.due, events.get(deadline.event, deadline.due))
    extended: dict[date, list[str]] = {}
    kept: dict[date, list[str]] = {}
    for request_type, events in sorted(by_type.items()):
        for event in ("respond", "appeal_decision"):
            if event in events:
                longer = events.get(f"{event}_extended")
                (extended if longer else kept).setdefault(longer or events[event], []).append(request_type)
    if not kept and len(extended) == 1:
        return f"due {next(iter(extended)).isoformat()}"
    parts = [f"{', '.join(types)} due {day.isoformat()} (extended)" for day, types in sorted(extended.items())]
    parts += [f"{', '.join(types)} due {day.isoformat()} (not extended)" for day, types in sorted(kept.items())]
    return "; ".join(parts) or "nothing due"


def add_request_types(
    session: Session,
    case: Case,
    types: Sequence[str],
    *,
    actor: str | None,
    reason: str,
    received_at: datetime | None = None,
) -> Case:
    """Add rights to a case (a follow-up mail or the officer's correction); returns the case they landed on.

    An appeal is not a new right of the same case: it becomes its own case linked to the original (see
    ``open_appeal``). Where the law grants no appeal, the original case gets a note saying so.
    """
    unknown = [t for t in types if t not in rules.REQUEST_TYPES]
    if unknown:
        raise InvalidInputError(
            f"Unknown request type {unknown[0]!r}; valid types are {', '.join(rules.REQUEST_TYPES)}."
        )
    case_id = case.id or 0
    existing = request_types_of(session, case_id)
    if "appeal" in types and "appeal" not in existing:
        law = rules.load_rulebook().find(case.jurisdiction)
        if law is not None and not law.appeal.exists:
            note = f"The requester asked to appeal, but {law.short_name} gives no appeal: {law.appeal.citation}."
            add_note(session, case, note, actor=actor)
        elif case.status in APPEALABLE_STATUSES:
            return open_appeal(session, case, received_at or utcnow(), actor=actor, reason=reason)
    added = [t for t in dict.fromkeys(types) if t not in existing and t != "appeal"]
    if not added:
        return case
    if case.status not in OPEN_STATUSES:
        return _open_later_request(session, case, added, received_at or utcnow(), actor=actor, reason=reason)
    combined = [*existing, *added]
    priority = default_vocabulary().primary_priority
    primary = min(combined, key=lambda t: priority.index(t) if t in priority else len(priority))
    for request_type in added:
        session.add(CaseRequestType(case_id=case_id, request_type=request_type))
    session.flush()
    for row in session.exec(select(CaseRequestType).where(CaseRequestType.case_id == case_id)).all():
        row.is_primary = row.request_type == primary
        session.add(row)
    session.flush()
    audit.record(
        session,
        action="case.request_types_added",
        case_id=case_id,
        entity="case",
        entity_id=case_id,
        before={"request_types": existing},
        after={"request_types": combined, "primary": primary, "reason": reason},
        actor=actor,
    )
    recompute_deadlines(session, case, actor=actor, reason=reason)
    return case


def _open_from(
    session: Session,
    earlier: Case,
    types: Sequence[str],
    received_at: datetime,
    *,
    subject: str,
    parent: Case | None = None,
    actor: str | None,
) -> Case:
    """A new case of ``earlier``'s requester, under its law, tier, channel, language and agent."""
    requester = session.get(Requester, earlier.requester_id)
    assert requester is not None, "every case has a requester"
    return open_case(
        session,
        requester=requester,
        request_types=types,
        received_at=received_at,
        jurisdiction=earlier.jurisdiction,
        tier=earlier.tier,
        subject=subject,
        channel=earlier.channel,
        language=earlier.language,
        agent_name=earlier.agent_name,
        agent_email=earlier.agent_email,
        parent_case_id=parent.id if parent else None,
        actor=actor,
    )


def _open_later_request(
    session: Session, answered: Case, types: Sequence[str], received_at: datetime, *, actor: str | None, reason: str
) -> Case:
    """New rights asked after ``answered`` was answered (or merged) are a new request with its own deadlines: an
    answered case has nothing left due and cannot be answered again, so the rights would wait unseen. Both cases
    get a note naming the other."""
    later = _open_from(session, answered, types, received_at, subject=answered.subject, actor=actor)
    rights = ", ".join(t.replace("_", " ") for t in types)
    add_note(
        session,
        answered,
        f"New rights ({rights}) asked after this case was {status_words(answered.status)}: opened as {later.key} "
        f"({reason}).",
        actor=actor,
    )
    add_note(session, later, f"Asked after case {answered.key} was {status_words(answered.status)}.", actor=actor)
    return later


def add_note(session: Session, case: Case, body: str, *, actor: str | None) -> Note:
    note = Note(case_id=case.id or 0, body=body, author=actor or audit.current_actor())
    session.add(note)
    session.flush()
    audit.record(
        session,
        action="note.added",
        case_id=case.id,
        entity="note",
        entity_id=note.id,
        after={"body": body},
        actor=actor,
    )
    return note


def open_appeal(
    session: Session, original: Case, received_at: datetime, *, actor: str | None, reason: str = ""
) -> Case:
    """Open the appeal of an answered case as its own case, linked to it, with the appeal's own deadline."""
    law = rules.load_rulebook().find(original.jurisdiction)
    if law is not None and not law.appeal.exists:
        raise InvalidInputError(
            f"{law.short_name} gives no appeal, so case {original.key} cannot be appealed: {law.appeal.citation}."
        )
    if original.status not in APPEALABLE_STATUSES:
        raise InvalidInputError(
            f"Case {original.key} is {status_words(original.status)}; only an answered case can be appealed."
        )
    if "appeal" in request_types_of(session, original.id or 0):
        raise InvalidInputError(f"Case {original.key} is itself an appeal; its decision is final.")
    check_day(original, received_at.date(), "the appeal")
    if original.responded_at is not None and received_at.date() < original.responded_at.date():
        raise InvalidInputError(
            f"The appeal cannot be received before case {original.key} was answered "
            f"({original.responded_at.date().isoformat()})."
        )
    appeal = _open_from(
        session, original, ["appeal"], received_at, subject=f"Appeal of {original.key}", parent=original, actor=actor
    )
    set_status(session, original, "appealed", reason=reason or f"appeal {appeal.key} received", actor=actor)
    return appeal


def merge(session: Session, keep: Case, duplicate: Case, *, actor: str | None, reason: str = "") -> Case:
    """Fold a duplicate into ``keep``: every message, attachment and note moves, the rights are united.

    The duplicate stays as a record (status ``merged``, pointing at ``keep``) with its letters, verification
    steps, clock events, deadline history and audit events; ``keep``'s evidence bundle carries it. The kept
    case's clock starts at the earlier receipt, the choice that protects the requester. Only open cases merge:
    an answered case would take on rights nobody is due to answer.
    """
    if keep.id == duplicate.id:
        raise InvalidInputError(f"Case {keep.key} cannot be merged into itself.")
    for case in (keep, duplicate):
        if case.status not in OPEN_STATUSES:
            raise InvalidInputError(
                f"Case {case.key} is {status_words(case.status)}; only cases still being worked on can be merged "
                "(a request that arrives after the answer is a new request)."
            )
    if keep.requester_id != duplicate.requester_id:
        raise InvalidInputError(
            f"Cases {keep.key} and {duplicate.key} belong to different requesters; only duplicates are merged."
        )
    if keep.jurisdiction != duplicate.jurisdiction and "unknown" not in (keep.jurisdiction, duplicate.jurisdiction):
        raise InvalidInputError(
            f"Cases {keep.key} ({keep.jurisdiction}) and {duplicate.key} ({duplicate.jurisdiction}) fall under "
            "different laws; correct the jurisdiction first."
        )
    messages = session.exec(select(Message).where(Message.case_id == duplicate.id)).all()
    attachments = session.exec(select(Attachment).where(Attachment.case_id == duplicate.id)).all()
    notes = session.exec(select(Note).where(Note.case_id == duplicate.id)).all()
    moved = {
        "message": _move(session, messages, keep),
        "attachment": _move(session, attachments, keep),
        "note": _move(session, notes, keep),
    }
    before = {"received_at": keep.received_at, "jurisdiction": keep.jurisdiction}
    if duplicate.received_at < keep.received_at:
        keep.received_at = duplicate.received_at
    if keep.jurisdiction == "unknown":
        keep.jurisdiction = duplicate.jurisdiction
        keep.jurisdiction_assumed = duplicate.jurisdiction_assumed
    session.add(keep)
    duplicate.merged_into_id = keep.id
    session.add(duplicate)
    session.flush()
    audit.record(
        session,
        action="case.merged",
        case_id=keep.id,
        entity="case",
        entity_id=duplicate.id,
        before=before | {"duplicate": duplicate.key},
        after={"received_at": keep.received_at, "jurisdiction": keep.jurisdiction, "moved": moved, "reason": reason},
        actor=actor,
    )
    set_status(session, duplicate, "merged", reason=reason or f"duplicate of {keep.key}", actor=actor, into=keep.key)
    recompute_deadlines(session, duplicate, actor=actor, reason=f"merged into {keep.key}")
    add_request_types(
        session, keep, request_types_of(session, duplicate.id or 0), actor=actor, reason=f"merged {duplicate.key}"
    )
    recompute_deadlines(session, keep, actor=actor, reason=f"merged {duplicate.key}")
    return keep


def _move(session: Session, rows: Sequence[Message | Attachment | Note], target: Case) -> list[int]:
    for row in rows:
        row.case_id = target.id or 0
        session.add(row)
    return [row.id or 0 for row in rows]


def free_request_notices(session: Session, case: Case) -> list[str]:
    """Where this request goes beyond the law's free requests per 12 months, say so and name the earlier cases."""
    law = rules.load_rulebook().find(case.jurisdiction)
    if law is None:
        return []
    since = case.received_at - timedelta(days=365)
    notices = []
    for request_type in request_types_of(session, case.id or 0):
        limit = law.free_request_limit(request_type)
        if limit is None or limit.per_12_months is None:
            continue
        earlier = session.exec(
            select(Case.key)
            .join(CaseRequestType, col(CaseRequestType.case_id) == col(Case.id))
            .where(
                Case.requester_id == case.requester_id,
                CaseRequestType.request_type == request_type,
                col(Case.id) != case.id,
                col(Case.merged_into_id).is_(None),
                col(Case.received_at) >= since,
                col(Case.received_at) <= case.received_at,
            )
            .order_by(col(Case.received_at))
        ).all()
        if len(earlier) >= limit.per_12_months:
            notices.append(
                f"{request_type}: request {len(earlier) + 1} in 12 months; {law.short_name} requires "
                f"{limit.per_12_months} free ({limit.citation}); earlier: {', '.join(earlier)}"
            )
    return notices


def set_jurisdiction(session: Session, case: Case, code: str, *, reason: str, actor: str | None = None) -> None:
    """The officer's correction of the law that governs a case: audited, then every deadline recomputed."""
    before = {"jurisdiction": case.jurisdiction, "jurisdiction_assumed": case.jurisdiction_assumed}
    case.jurisdiction = code
    case.jurisdiction_assumed = code not in rules.load_rulebook().jurisdictions()
    session.add(case)
    session.flush()
    audit.record(
        session,
        action="case.jurisdiction_changed",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before=before,
        after={"jurisdiction": code, "jurisdiction_assumed": case.jurisdiction_assumed, "reason": reason},
        actor=actor,
    )
    recompute_deadlines(session, case, actor=actor, reason=f"jurisdiction changed to {code}: {reason}")

"""The case state machine: which status may follow which, on what conditions, and whose turn it is.

Every change goes through here (or the service functions it calls) inside one write transaction, is
refused with a plain sentence when the law or good practice forbids it, and lands in the audit trail with
its reason. "Whose turn" is derived from the status, never stored. See docs/case-workflow.md.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal

from sqlmodel import Session, col, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases import service, verification
from lumetra_desk.core.cases.reasons import check_reason_code
from lumetra_desk.core.cases.wording import STATUS_WORDS, status_words, statuses_in_words
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.store.models import Attachment, Case, CaseRequestType, ClockEvent, utcnow

STATUSES: tuple[str, ...] = tuple(STATUS_WORDS)
# Which statuses each status may be reached from by a plain transition.
SOURCES: dict[str, frozenset[str]] = {
    "acknowledged": frozenset({"new"}),
    "awaiting_requester": service.OPEN_STATUSES - {"awaiting_requester"},
    "verifying": frozenset({"new", "acknowledged", "awaiting_requester", "extended"}),
    "in_progress": frozenset({"new", "acknowledged", "awaiting_requester", "verifying", "extended"}),
    "extended": service.EXTENDABLE_STATUSES,
    "responded": service.OPEN_STATUSES,
    "closed": frozenset({"responded"}),
}
# Reached only through their own operation, which needs more than a reason.
SPECIAL_TARGETS = {
    "appealed": "record the appeal with `cases appeal` (it opens a linked appeal case)",
    "merged": "merge duplicates with `cases merge`",
}
OUTCOMES: tuple[str, ...] = ("complied", "partly", "denied", "unable_to_verify", "we_do_not_sell", "redirected")
APPEAL_OUTCOMES: tuple[str, ...] = ("upheld", "reversed", "partly_reversed")
NEEDS_REASON_CODE = frozenset({"partly", "denied", "unable_to_verify", "redirected"})
SUBSTANTIVE = frozenset({"complied", "partly"})
WAITING_FOR = {
    "id": ("id_requested", "id_received"),
    "clarification": ("clarification_requested", "clarification_received"),
}
Turn = Literal["ours", "requester", "nobody"]


@dataclass(frozen=True)
class Action:
    """A button of the case view: enabled only when allowed, with the reason when not."""

    name: str
    target: str
    enabled: bool
    reason: str


def whose_turn(case: Case) -> Turn:
    """Derived from the status: the requester's while we wait on them, nobody's once answered."""
    if case.status == "awaiting_requester":
        return "requester"
    if case.status in ("responded", "closed", "merged"):
        return "nobody"
    return "ours"


def is_appeal(session: Session, case: Case) -> bool:
    return case.parent_case_id is not None or "appeal" in service.request_types_of(session, case.id or 0)


def refusal(session: Session, case: Case, target: str) -> str | None:
    """Why ``case`` cannot move to ``target`` now (None when it can), in one plain sentence."""
    if target not in STATUSES:
        return f"Unknown status {target!r}; the statuses are {', '.join(STATUSES)}."
    if target in SPECIAL_TARGETS:
        return f"A case becomes {status_words(target)} only through its own step: {SPECIAL_TARGETS[target]}."
    if case.status == target:
        return f"Case {case.key} is already {status_words(target)}."
    if target not in SOURCES:  # "new": a status a case has only until its first step
        return f"Case {case.key} cannot become {status_words(target)} again; a case is new only until its first step."
    if case.status not in SOURCES[target]:
        return (
            f"Case {case.key} is {status_words(case.status)}; it can become {status_words(target)} only "
            f"from {statuses_in_words(SOURCES[target])}."
        )
    if target == "extended":
        return service.extension_refusal(session, case, date.today())
    if target == "in_progress" and case.status == "verifying":
        state = verification.verification_state(session, case)
        if state == "pending":
            return f"Identity verification of case {case.key} is not finished; record the remaining steps first."
    return None


def transition(
    session: Session,
    case: Case,
    target: str,
    *,
    reason: str,
    actor: str | None = None,
    on: date | None = None,
    waiting_for: str = "",
    purge_id_documents: bool,
) -> None:
    """Move a case to ``target`` (not ``responded``: see ``respond``) with the reason recorded.

    Waiting on the requester records the clock event that stops (ID) or pauses (clarification) a UK clock;
    leaving that wait records the matching arrival, and the deadlines are recomputed. ``purge_id_documents``
    (the setting ``purge_id_documents_on_close``) has no default, so no caller closes a case without saying it.
    """
    if target == "responded":
        raise InvalidInputError(f"A response needs an outcome: cases transition {case.key} responded --outcome ...")
    if not reason.strip():
        raise InvalidInputError(f"Say why case {case.key} becomes {status_words(target)} (a reason is required).")
    problem = refusal(session, case, target)
    if problem:
        raise InvalidInputError(problem)
    day = on or date.today()
    service.check_day(case, day, f"the move to {status_words(target)}")
    if target == "extended":
        service.take_extension(session, case, day, reason, actor)
        return
    if target == "closed":
        close(session, case, reason=reason, actor=actor, purge_id_documents=purge_id_documents)
        return
    clock_changed = False
    if target == "awaiting_requester":
        if waiting_for not in WAITING_FOR and waiting_for != "other":
            raise InvalidInputError("Say what the requester must send: id (their ID), clarification or other.")
        if waiting_for in WAITING_FOR:
            _clock_event(session, case, WAITING_FOR[waiting_for][0], day, reason, actor)
            clock_changed = True
    elif case.status == "awaiting_requester":
        for requested, received in WAITING_FOR.values():
            if _open_request(session, case, requested, received):
                _clock_event(session, case, received, day, reason, actor)
                clock_changed = True
    service.set_status(session, case, target, reason=reason.strip(), actor=actor, waiting_for=waiting_for or None)
    if target == "verifying" and not verification.steps_of(session, case.id or 0):
        verification.create_plan(session, case, actor=actor)
    if clock_changed:
        service.recompute_deadlines(session, case, actor=actor, reason=reason.strip())


def _open_request(session: Session, case: Case, requested: str, received: str) -> bool:
    kinds = session.exec(
        select(ClockEvent.kind)
        .where(ClockEvent.case_id == case.id, col(ClockEvent.kind).in_((requested, received)))
        .order_by(col(ClockEvent.occurred_on), col(ClockEvent.id))
    ).all()
    return bool(kinds) and kinds[-1] == requested


def _clock_event(session: Session, case: Case, kind: str, on: date, reason: str, actor: str | None) -> None:
    event = ClockEvent(
        case_id=case.id or 0,
        kind=kind,
        occurred_on=on,
        reason=reason.strip(),
        recorded_by=actor or audit.current_actor(),
    )
    session.add(event)
    session.flush()
    audit.record(
        session,
        action="clock.event_recorded",
        case_id=case.id,
        entity="clock_event",
        entity_id=event.id,
        after={"kind": kind, "on": on, "reason": reason.strip()},
        actor=actor,
    )


def respond(
    session: Session,
    case: Case,
    outcome: str,
    *,
    reason: str,
    reason_code: str = "",
    type_outcomes: Mapping[str, tuple[str, str]] | None = None,
    ag_contact_given: bool | None = None,
    actor: str | None = None,
    at: datetime | None = None,
    purge_id_documents: bool,
) -> None:
    """Record the answer: the outcome per right with its reason code, then the status ``responded``.

    An appeal's outcome is upheld / reversed / partly_reversed and records whether the Attorney General
    contact was given; the original case then closes (upheld) or goes back to work (reversed).
    """
    if not reason.strip():
        raise InvalidInputError(f"Say why case {case.key} is answered this way (a reason is required).")
    problem = refusal_to_respond(session, case)
    if problem:
        raise InvalidInputError(problem)
    if at is not None:
        service.check_day(case, at.date(), "the response")
    if is_appeal(session, case):
        _decide_appeal(
            session,
            case,
            outcome,
            reason=reason,
            ag_contact_given=ag_contact_given,
            actor=actor,
            at=at,
            purge_id_documents=purge_id_documents,
        )
        return
    if outcome not in OUTCOMES:
        raise InvalidInputError(f"Unknown outcome {outcome!r}; the outcomes are {', '.join(OUTCOMES)}.")
    per_type = dict(type_outcomes or {})
    types = service.request_types_of(session, case.id or 0)
    stray = [t for t in per_type if t not in types]
    if stray:
        raise InvalidInputError(f"Case {case.key} has no request type {stray[0]!r}; it has {', '.join(types)}.")
    code = reason_code or {"unable_to_verify": "unable_to_verify", "redirected": "processor_for_customer"}.get(
        outcome, ""
    )
    decided = {t: per_type.get(t, (outcome, code)) for t in types}
    for request_type, (type_outcome, type_code) in decided.items():
        _check_outcome(session, case, request_type, type_outcome, type_code)
    before = {"status": case.status, "outcome": case.outcome, "outcome_reason": case.outcome_reason}
    for row in session.exec(select(CaseRequestType).where(CaseRequestType.case_id == case.id)).all():
        row.outcome, row.outcome_reason = decided[row.request_type]
        session.add(row)
    case.outcome = outcome
    case.outcome_reason = code
    case.responded_at = at or utcnow()
    session.add(case)
    session.flush()
    audit.record(
        session,
        action="case.responded",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before=before,
        after={"outcome": outcome, "outcome_reason": code, "per_type": decided, "reason": reason.strip()},
        actor=actor,
    )
    service.set_status(session, case, "responded", reason=reason.strip(), actor=actor)
    service.recompute_deadlines(session, case, actor=actor, reason="answered")


def refusal_to_respond(session: Session, case: Case) -> str | None:
    if case.status not in SOURCES["responded"]:
        return f"Case {case.key} is {status_words(case.status)}; only a case being worked on can be answered."
    return None


def _check_outcome(session: Session, case: Case, request_type: str, outcome: str, code: str) -> None:
    if outcome not in OUTCOMES:
        raise InvalidInputError(f"Unknown outcome {outcome!r}; the outcomes are {', '.join(OUTCOMES)}.")
    if outcome in NEEDS_REASON_CODE and not code:
        raise InvalidInputError(f"The outcome {outcome} of {request_type} in case {case.key} needs a reason code.")
    if code:
        check_reason_code(code, outcome, case.jurisdiction)
    law = rules.load_rulebook().find(case.jurisdiction)
    needs_identity = verification.plan_for(
        case.jurisdiction, [request_type], has_account=verification.has_account(case)
    ).needed
    verified = not needs_identity or verification.verified_for(session, case, request_type)
    fallback = verification.fallback_of(case, request_type)
    falls_back = fallback is not None and verification.verified_for(session, case, fallback.treat_as)
    if outcome in SUBSTANTIVE and not verified and not (code == "specific_pieces_fallback" and falls_back):
        state = verification.verification_state(session, case)
        raise InvalidInputError(
            f"Case {case.key}: no substantive answer to {request_type} before the requester's identity is "
            f"verified to its standard (verification is {state.replace('_', ' ')})."
        )
    if "unable_to_verify" in (outcome, code):
        if verified:
            raise InvalidInputError(
                f"Case {case.key}: the identity behind {request_type} is "
                f"{'verified' if needs_identity else 'not to be verified'}, so 'unable to verify' is wrong."
            )
        if falls_back and fallback is not None:
            treated_as = fallback.treat_as.replace("_", " ")
            raise InvalidInputError(
                f"Case {case.key}: the {treated_as} standard was met, so {request_type} is answered as a request "
                f"for {treated_as}: outcome partly with reason code specific_pieces_fallback ({fallback.citation})."
            )
    if outcome == "we_do_not_sell":
        tier = case.tier if case.tier in rules.TIERS else "free"
        answer = rules.rights_check(case.jurisdiction if law else rules.UNKNOWN_JURISDICTION, tier, request_type)
        if answer.answer != "we_do_not_sell":
            raise InvalidInputError(
                f"Case {case.key}: 'we do not sell' does not answer {request_type} for a {case.tier} account "
                f"({answer.explanation})"
            )
    if outcome == "redirected" and case.tier != "enterprise":
        raise InvalidInputError(
            f"Case {case.key}: only Enterprise data is processed for a customer, so the request cannot be redirected."
        )


def _decide_appeal(
    session: Session,
    case: Case,
    outcome: str,
    *,
    reason: str,
    ag_contact_given: bool | None,
    actor: str | None,
    at: datetime | None,
    purge_id_documents: bool,
) -> None:
    if outcome not in APPEAL_OUTCOMES:
        raise InvalidInputError(f"An appeal is decided {', '.join(APPEAL_OUTCOMES)}; not {outcome!r}.")
    if ag_contact_given is None:
        raise InvalidInputError(f"Say whether the Attorney General contact was given in the decision on {case.key}.")
    law = rules.load_rulebook().find(case.jurisdiction)
    required = law.appeal.ag_contact_required if law else "always"
    if not ag_contact_given and (required == "always" or (required == "on_denial" and outcome != "reversed")):
        raise InvalidInputError(
            f"The decision on appeal {case.key} must give the Attorney General contact "
            f"({'in every decision' if required == 'always' else 'when the appeal is not fully granted'})."
        )
    before = {"status": case.status, "outcome": case.outcome, "ag_contact_given": case.ag_contact_given}
    case.outcome = outcome
    case.outcome_reason = reason.strip()
    case.ag_contact_given = ag_contact_given
    case.responded_at = at or utcnow()
    session.add(case)
    for row in session.exec(select(CaseRequestType).where(CaseRequestType.case_id == case.id)).all():
        row.outcome, row.outcome_reason = outcome, reason.strip()
        session.add(row)
    session.flush()
    audit.record(
        session,
        action="appeal.decided",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before=before,
        after={"outcome": outcome, "ag_contact_given": ag_contact_given, "reason": reason.strip()},
        actor=actor,
    )
    service.set_status(session, case, "responded", reason=reason.strip(), actor=actor)
    service.recompute_deadlines(session, case, actor=actor, reason="appeal decided")
    original = session.get(Case, case.parent_case_id) if case.parent_case_id else None
    if original is not None and original.status == "appealed":
        if outcome == "upheld":
            close(
                session,
                original,
                reason=f"appeal {case.key} upheld the decision",
                actor=actor,
                purge_id_documents=purge_id_documents,
            )
        else:
            service.set_status(session, original, "in_progress", reason=f"appeal {case.key}: {outcome}", actor=actor)


def close(session: Session, case: Case, *, reason: str, actor: str | None, purge_id_documents: bool) -> None:
    """Close an answered case; identity documents are purged now when the settings say so (data minimisation)."""
    if case.status not in ("responded", "appealed"):
        raise InvalidInputError(f"Case {case.key} is {status_words(case.status)}; only an answered case closes.")
    case.closed_at = utcnow()
    service.set_status(session, case, "closed", reason=reason.strip(), actor=actor)
    if purge_id_documents:
        purge_identity_documents(session, case, actor=actor)


def purge_identity_documents(session: Session, case: Case, *, actor: str | None) -> list[int]:
    """Drop the bytes of ID images (the row, hash and size stay as the record that they existed)."""
    rows = session.exec(
        select(Attachment).where(
            Attachment.case_id == case.id, col(Attachment.is_identity_document), col(Attachment.purged_at).is_(None)
        )
    ).all()
    now = utcnow()
    for row in rows:
        before = {"filename": row.filename, "sha256": row.sha256, "size": row.size}
        row.data = None
        row.purged_at = now
        row.note = (row.note + "; " if row.note else "") + "identity document purged when the case closed"
        session.add(row)
        session.flush()
        audit.record(
            session,
            action="attachment.purged",
            case_id=case.id,
            entity="attachment",
            entity_id=row.id,
            before=before,
            after={"purged_at": now, "why": "identity document, case closed (data minimisation)"},
            actor=actor,
        )
    return [row.id or 0 for row in rows]


ACTION_TARGETS: tuple[tuple[str, str], ...] = (
    ("acknowledge", "acknowledged"),
    ("ask_requester", "awaiting_requester"),
    ("verify", "verifying"),
    ("start_work", "in_progress"),
    ("extend", "extended"),
    ("respond", "responded"),
    ("close", "closed"),
    ("appeal", "appealed"),
)


def allowed_actions(session: Session, case: Case) -> list[Action]:
    """Every action of the case view, enabled or not, with the reason it is not allowed."""
    checks: dict[str, Callable[[], str | None]] = {
        "responded": lambda: refusal_to_respond(session, case),
        "appealed": lambda: appeal_refusal(session, case),
    }
    actions = []
    for name, target in ACTION_TARGETS:
        check = checks.get(target, lambda target=target: refusal(session, case, target))
        problem = check()
        actions.append(Action(name, target, problem is None, problem or ""))
    return actions


def appeal_refusal(session: Session, case: Case) -> str | None:
    law = rules.load_rulebook().find(case.jurisdiction)
    if law is not None and not law.appeal.exists:
        return f"{law.short_name} gives no appeal: {law.appeal.citation}."
    if is_appeal(session, case):
        return f"Case {case.key} is itself an appeal; its decision is final."
    if case.status not in service.APPEALABLE_STATUSES:
        return f"Case {case.key} is {status_words(case.status)}; only an answered case can be appealed."
    return None

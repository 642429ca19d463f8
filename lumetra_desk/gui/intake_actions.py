"""The officer's intake-review decisions, composed from the case service and the audit trail.

Each function runs inside the caller's write transaction (``Store.write()``) and records what the officer
decided, so the review is as auditable as the case work. Opening cases, adding rights, recomputing deadlines
and merging are the case service's own functions; nothing here decides a legal question.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from sqlmodel import Session

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases import service
from lumetra_desk.core.errors import InvalidInputError, NotFoundError
from lumetra_desk.core.store.models import Case, Message

PENDING = "pending"


def _pending(session: Session, message_id: int) -> Message:
    message = session.get(Message, message_id)
    if message is None:
        raise NotFoundError(f"There is no message {message_id}.")
    if message.review_state != PENDING:
        raise InvalidInputError(f"This mail was already reviewed ({message.review_state}).")
    return message


def read_classification(classification: str, override_json: str) -> dict[str, Any]:
    """The classifier's reading (JSON) with the officer's corrections (JSON) laid over it."""
    try:
        found = json.loads(classification or "{}")
        override = json.loads(override_json or "{}")
    except ValueError:
        return {}
    return {**found, **override} if isinstance(found, dict) and isinstance(override, dict) else {}


def _set_state(session: Session, message: Message, state: str, case_id: int | None, action: str, **extra: Any) -> None:
    before = {"review_state": message.review_state, "case_id": message.case_id}
    message.review_state = state
    message.case_id = case_id
    session.add(message)
    session.flush()
    audit.record(
        session,
        action=action,
        case_id=case_id,
        entity="message",
        entity_id=message.id,
        before=before,
        after={"review_state": state, "case_id": case_id, **extra},
    )


def accept(session: Session, message_id: int) -> Case:
    """Accept the mail as a privacy request: keep the case intake opened, or open one from the reading."""
    message = _pending(session, message_id)
    case = session.get(Case, message.case_id) if message.case_id else None
    if case is None:
        reading = read_classification(message.classification, message.override)
        types = [t for t in reading.get("request_types", []) if t in rules.REQUEST_TYPES] or ["access"]
        requester = service.find_or_create_requester(session, message.from_addr, message.from_name)
        case = service.open_case(
            session,
            requester=requester,
            request_types=types,
            received_at=message.received_at,
            jurisdiction=str(reading.get("jurisdiction") or rules.UNKNOWN_JURISDICTION),
            subject=message.subject,
        )
    _set_state(session, message, "accepted", case.id, "message.accepted")
    return case


def correct(session: Session, message_id: int, request_types: Sequence[str], jurisdiction: str) -> Case:
    """Keep the officer's reading as the override, apply it to the case, and accept the mail."""
    if not request_types:
        raise InvalidInputError("Choose at least one request type for the correction.")
    message = _pending(session, message_id)
    before = message.override
    message.override = json.dumps({"request_types": list(request_types), "jurisdiction": jurisdiction})
    session.add(message)
    session.flush()
    audit.record(
        session,
        action="message.corrected",
        case_id=message.case_id,
        entity="message",
        entity_id=message.id,
        before={"override": before},
        after={"override": message.override},
    )
    case = session.get(Case, message.case_id) if message.case_id else None
    if case is not None:
        added = [t for t in request_types if t not in service.request_types_of(session, case.id or 0)]
        if added:
            service.add_request_types(session, case, added, actor=None, reason="officer's correction at intake")
        if case.jurisdiction != jurisdiction:
            service.set_jurisdiction(session, case, jurisdiction, reason="officer's correction at intake")
    return accept(session, message_id)


def merge_into(session: Session, message_id: int, target_ref: str) -> Case:
    """File the mail under an existing case; a case intake opened for it is merged into that case."""
    message = _pending(session, message_id)
    target = service.find_case(session, target_ref)
    own = session.get(Case, message.case_id) if message.case_id else None
    if own is not None and own.id != target.id:
        service.merge(session, target, own, actor=None, reason="the same request, merged at intake review")
    _set_state(session, message, "attached", target.id, "message.attached", into=target.key)
    return target


def dismiss(session: Session, message_id: int, reason: str) -> None:
    """Not a privacy request: kept in the store, out of the review list, with the reason."""
    message = _pending(session, message_id)
    if message.case_id is not None:
        case = session.get(Case, message.case_id)
        key = case.key if case else str(message.case_id)
        raise InvalidInputError(
            f"This mail opened case {key}; merge it into another case or answer that case instead of dismissing it."
        )
    _set_state(session, message, "dismissed", None, "message.dismissed", reason=reason)

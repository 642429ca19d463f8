"""Identity-verification plans derived from the statute engine, and the steps the officer records.

A plan is the strictest standard among the rights a case exercises (jurisdiction x request type), plus the
authorized-agent proof the law asks for. Steps are rows with evidence (a kept file or a note), who and when,
so the record shows why the request was, or was not, acted on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Literal

from sqlmodel import Session, col, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases.service import OPEN_STATUSES, request_types_of
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules.model import VERIFICATION_LEVELS
from lumetra_desk.core.store.models import Attachment, Case, VerificationStep, utcnow

_LEVEL_ORDER = {level: index for index, level in enumerate(VERIFICATION_LEVELS)}
VerificationState = Literal["not_needed", "pending", "passed", "failed"]
# Requests for specific pieces: when their standard fails they are answered as requests for categories.
SPECIFIC_PIECES_TYPES = ("access", "portability")
AGENT_STEP_CODES = frozenset(
    {"agent_permission", "consumer_confirmation", "power_of_attorney", "consumer_direct_request"}
)


@dataclass(frozen=True)
class PlannedStep:
    code: str
    description: str
    required: bool
    citation: str


@dataclass(frozen=True)
class VerificationPlan:
    level: str
    steps: tuple[PlannedStep, ...]
    citation: str
    confirmed: bool
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def needed(self) -> bool:
        return any(step.required for step in self.steps)


def _standards(jurisdiction: str, request_types: Sequence[str]) -> list[rules.VerificationStandard]:
    """The standard of each right; for an unknown jurisdiction the strictest among the laws granting it."""
    book = rules.load_rulebook()
    law = book.find(jurisdiction)
    if law is not None:
        return [law.verification_standard(t) for t in request_types]
    standards: list[rules.VerificationStandard] = []
    for request_type in request_types:
        candidates = [j.verification_standard(request_type) for j in book.all() if j.grants(request_type)]
        if candidates:
            standards.append(max(candidates, key=_strength))
    return standards


def _strength(standard: rules.VerificationStandard) -> tuple[int, int, bool]:
    return (_LEVEL_ORDER[standard.level], standard.data_points, standard.signed_declaration)


def plan_for(
    jurisdiction: str,
    request_types: Sequence[str],
    *,
    has_account: bool,
    agent: bool = False,
    power_of_attorney: bool = False,
) -> VerificationPlan:
    """What must be verified before acting on these rights, with the rule each step rests on."""
    types = [t for t in request_types if t != "appeal"]
    if not types:
        return VerificationPlan("none", (), "The appeal comes from the requester of the original case", True)
    standards = _standards(jurisdiction, types)
    if not standards:
        return VerificationPlan("none", (), "No law in the rulebook grants these rights", False)
    strongest = max(standards, key=_strength)
    points = max(s.data_points for s in standards)
    declaration = any(s.signed_declaration for s in standards)
    against = "the account's records" if has_account else "the records Lumetra holds"
    steps: list[PlannedStep] = []
    notes: list[str] = []
    if strongest.level == "none":
        notes.append(f"No identity verification may be demanded for this request ({strongest.citation}).")
    elif strongest.level == "reasonable_doubt_only":
        steps.append(
            PlannedStep(
                "identity_doubt",
                "Only if there are reasonable doubts about the requester's identity: ask for proportionate "
                "additional information and check it",
                False,
                strongest.citation,
            )
        )
    else:
        steps += [
            PlannedStep(
                f"data_point_{n}", f"Data point {n} given by the requester matches {against}", True, strongest.citation
            )
            for n in range(1, points + 1)
        ]
        if declaration:
            steps.append(
                PlannedStep(
                    "signed_declaration",
                    "Declaration signed under penalty of perjury that the requester is the consumer",
                    True,
                    strongest.citation,
                )
            )
    if any(s.request_type in SPECIFIC_PIECES_TYPES and s.signed_declaration for s in standards):
        notes.append("If the specific-pieces standard fails, answer as a request for categories (11 CCR §7024(a)).")
    if agent:
        steps += _agent_steps(standards, power_of_attorney, strongest.level == "none", notes)
    return VerificationPlan(
        strongest.level, tuple(steps), strongest.citation, all(s.confirmed for s in standards), tuple(notes)
    )


def _agent_steps(
    standards: Sequence[rules.VerificationStandard], power_of_attorney: bool, unverified_request: bool, notes: list[str]
) -> list[PlannedStep]:
    """The agent's proof; where no identity verification may be demanded (opt-outs), the signed permission only.

    Asking the consumer to confirm directly is itself verification, which an opt-out may not be made to pass
    (California: an agent's opt-out needs only the consumer's signed permission, 11 CCR §7026(j)).
    """
    rule = standards[0].agent
    if not all(s.agent_permitted for s in standards):
        notes.append(f"The law lets no authorized agent make this request ({rule.citation}).")
        return [
            PlannedStep(
                "consumer_direct_request",
                "The consumer makes or confirms the request themselves (no authorized agent allowed)",
                True,
                rule.citation,
            )
        ]
    if power_of_attorney and rule.power_of_attorney_accepted:
        return [PlannedStep("power_of_attorney", "The agent's power of attorney is checked", True, rule.citation)]
    steps: list[PlannedStep] = []
    if rule.signed_permission:
        steps.append(
            PlannedStep("agent_permission", "The consumer's signed permission for the agent", True, rule.citation)
        )
    if rule.direct_confirmation and not unverified_request:
        steps.append(
            PlannedStep(
                "consumer_confirmation",
                "The consumer confirms directly that the agent may act for them",
                True,
                rule.citation,
            )
        )
    return steps


def plan_for_case(session: Session, case: Case, *, power_of_attorney: bool = False) -> VerificationPlan:
    return plan_for(
        case.jurisdiction,
        request_types_of(session, case.id or 0),
        has_account=case.tier in rules.TIERS,
        agent=bool(case.agent_name or case.agent_email),
        power_of_attorney=power_of_attorney,
    )


def steps_of(session: Session, case_id: int) -> list[VerificationStep]:
    return list(
        session.exec(
            select(VerificationStep)
            .where(VerificationStep.case_id == case_id)
            .order_by(col(VerificationStep.position), col(VerificationStep.id))
        ).all()
    )


def create_plan(
    session: Session, case: Case, *, actor: str | None, power_of_attorney: bool = False
) -> list[VerificationStep]:
    """Write the plan's steps for the case; an undecided plan may be replaced (e.g. a power of attorney arrived)."""
    existing = steps_of(session, case.id or 0)
    if any(step.status != "pending" for step in existing):
        raise InvalidInputError(f"Verification of case {case.key} has started; its plan can no longer be replaced.")
    for step in existing:
        session.delete(step)
    plan = plan_for_case(session, case, power_of_attorney=power_of_attorney)
    rows = [
        VerificationStep(
            case_id=case.id or 0, code=s.code, description=s.description, required=s.required, position=position
        )
        for position, s in enumerate(plan.steps)
    ]
    session.add_all(rows)
    session.flush()
    audit.record(
        session,
        action="verification.planned",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before={"steps": [s.code for s in existing]},
        after={"level": plan.level, "steps": [s.code for s in plan.steps], "citation": plan.citation},
        actor=actor,
    )
    return rows


def record_step(
    session: Session,
    case: Case,
    code: str,
    passed: bool,
    *,
    actor: str | None,
    evidence_note: str = "",
    evidence_file: tuple[str, bytes] | None = None,
    evidence_attachment_id: int | None = None,
    identity_document: bool = False,
) -> VerificationStep:
    """Decide one step with its evidence; identity documents are marked for purging when the case closes.

    The evidence is a note, a new file, or a file already on the case (``evidence_attachment_id``: the ID scan
    that came with a mail); ``identity_document`` marks the file as an ID image, to be purged on closing.
    """
    if case.status not in OPEN_STATUSES:
        raise InvalidInputError(
            f"Case {case.key} is {case.status.replace('_', ' ')}; verification is recorded only while the request "
            "is being worked on."
        )
    steps = steps_of(session, case.id or 0)
    if not steps:
        steps = create_plan(session, case, actor=actor)
    step = next((s for s in steps if s.code == code), None)
    if step is None:
        names = ", ".join(s.code for s in steps) or "none (this request needs no verification)"
        raise InvalidInputError(f"Case {case.key} has no verification step {code!r}; its steps are {names}.")
    if step.status != "pending":
        raise InvalidInputError(f"Step {code} of case {case.key} was already decided ({step.status}).")
    if not evidence_note.strip() and evidence_file is None and evidence_attachment_id is None:
        raise InvalidInputError(f"Step {code} of case {case.key} needs evidence: a file or a note.")
    if evidence_file is not None and evidence_attachment_id is not None:
        raise InvalidInputError(f"Step {code} of case {case.key}: give a new file or a kept attachment, not both.")
    if identity_document and evidence_file is None and evidence_attachment_id is None:
        raise InvalidInputError(f"Step {code} of case {case.key}: an identity document needs its file.")
    attachment_id = evidence_attachment_id
    if evidence_attachment_id is not None:
        kept = session.get(Attachment, evidence_attachment_id)
        if kept is None or kept.case_id != case.id:
            raise InvalidInputError(f"Case {case.key} has no attachment {evidence_attachment_id}.")
        if kept.purged_at is not None:
            raise InvalidInputError(f"Attachment {evidence_attachment_id} of case {case.key} was purged.")
        if identity_document and not kept.is_identity_document:
            kept.is_identity_document = True
            session.add(kept)
    if evidence_file is not None:
        name, data = evidence_file
        attachment = Attachment(
            case_id=case.id,
            filename=name,
            size=len(data),
            sha256=hashlib.sha256(data).hexdigest(),
            data=data,
            note=f"evidence for verification step {code}",
            is_identity_document=identity_document,
        )
        session.add(attachment)
        session.flush()
        attachment_id = attachment.id
    step.status = "passed" if passed else "failed"
    step.evidence_attachment_id = attachment_id
    step.evidence_note = evidence_note.strip()
    step.decided_by = actor or audit.current_actor()
    step.decided_at = utcnow()
    session.add(step)
    session.flush()
    audit.record(
        session,
        action="verification.step_decided",
        case_id=case.id,
        entity="verification_step",
        entity_id=step.id,
        before={"code": code, "status": "pending"},
        after={
            "code": code,
            "status": step.status,
            "evidence_attachment_id": attachment_id,
            "identity_document": identity_document,
            "note": step.evidence_note,
        },
        actor=actor,
    )
    return step


def verification_state(session: Session, case: Case) -> VerificationState:
    """passed / failed / pending from the recorded steps; not_needed when the plan requires nothing."""
    steps = [s for s in steps_of(session, case.id or 0) if s.required]
    if not steps:
        return "pending" if plan_for_case(session, case).needed else "not_needed"
    if any(s.status == "failed" for s in steps):
        return "failed"
    return "passed" if all(s.status in ("passed", "waived") for s in steps) else "pending"


def verified_for(session: Session, case: Case, request_type: str) -> bool:
    """Whether the recorded steps meet this one right's own standard (and the agent's proof, when asked for).

    Each right is judged by its own standard: a failed third data point of a specific-pieces request does not
    undo the two that verify a request for categories in the same case.
    """
    own = plan_for(case.jurisdiction, [request_type], has_account=case.tier in rules.TIERS)
    recorded = steps_of(session, case.id or 0)
    decided = {s.code: s.status for s in recorded}
    needed = [s.code for s in own.steps if s.required]
    needed += [s.code for s in recorded if s.required and s.code in AGENT_STEP_CODES]
    return all(decided.get(code) in ("passed", "waived") for code in needed)


def categories_verified(session: Session, case: Case) -> bool:
    """Whether the lower (categories) standard was met, so a failed specific-pieces request falls back (§7024(a))."""
    law = rules.load_rulebook().find(case.jurisdiction)
    return law is not None and law.grants("access_categories") and verified_for(session, case, "access_categories")

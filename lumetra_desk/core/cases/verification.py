"""Identity-verification plans derived from the statute engine, and the steps the officer records.

A plan is the strictest standard among the rights a case exercises (jurisdiction x request type x account:
a California account holder signs in again instead of matching data points), plus the authorized-agent proof the
law asks for. What a right becomes when its standard is not met is the statute engine's ``if_unverified`` rule.
Steps are rows with evidence (a kept file or a note), who and when, so the record shows why the request was, or
was not, acted on.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass, field, replace
from typing import Literal

from sqlmodel import Session, col, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases.service import OPEN_STATUSES, request_types_of
from lumetra_desk.core.cases.wording import status_words
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules.model import VERIFICATION_LEVELS
from lumetra_desk.core.store.models import Attachment, Case, Requester, VerificationStep, utcnow

_LEVEL_ORDER = {level: index for index, level in enumerate(VERIFICATION_LEVELS)}
VerificationState = Literal["not_needed", "pending", "passed", "failed"]
AGENT_STEP_CODES = frozenset(
    {"agent_permission", "consumer_confirmation", "power_of_attorney", "consumer_direct_request"}
)
ACCOUNT_STEP = "account_reauthentication"
_NOT_VERIFIED = ("none", "reasonable_doubt_only")  # levels under which the business verifies nothing by itself


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


def has_account(case: Case) -> bool | None:
    """Whether the requester holds an Engram account: yes when the case knows its tier (Free, Paid, Enterprise,
    taken from the requester's record); otherwise not known, since nothing records that someone has none."""
    return True if case.tier in rules.TIERS else None


def _standards(jurisdiction: str, request_types: Sequence[str]) -> list[rules.VerificationStandard]:
    """The standard of each right; for an unknown jurisdiction the strictest among the laws granting it, without
    any law's easing for account holders (which law's account rule applies is not known)."""
    book = rules.load_rulebook()
    law = book.find(jurisdiction)
    if law is not None:
        return [law.verification_standard(t) for t in request_types]
    standards: list[rules.VerificationStandard] = []
    for request_type in request_types:
        candidates = [j.verification_standard(request_type) for j in book.all() if j.grants(request_type)]
        if candidates:
            standards.append(replace(max(candidates, key=_strength), account_holders=None))
    return standards


def _strength(standard: rules.VerificationStandard) -> tuple[int, int, bool]:
    return (_LEVEL_ORDER[standard.level], standard.data_points, standard.signed_declaration)


def _words(request_type: str) -> str:
    return request_type.replace("_", " ")


def plan_for(
    jurisdiction: str,
    request_types: Sequence[str],
    *,
    has_account: bool | None,
    agent: bool = False,
    power_of_attorney: bool = False,
    account_recordable: bool = True,
) -> VerificationPlan:
    """What must be verified before acting on these rights, with the rule each step rests on.

    ``has_account``: the requester holds an account (True), holds none (False) or nobody knows (None). Where the
    law lets an account's own authentication verify its holder (California, 11 CCR §7061(a)), a holder signs in
    again instead of matching data points; anyone else, including a requester whose account is not known, is
    verified by the law's standard for requesters without an account. Once the account can no longer be recorded
    on the case (``account_refusal`` says why), the plan stops suggesting it.
    """
    types = [t for t in request_types if t != "appeal"]
    if not types:
        return VerificationPlan("none", (), "The appeal comes from the requester of the original case", True)
    standards = _standards(jurisdiction, types)
    if not standards:
        return VerificationPlan("none", (), "No law in the rulebook grants these rights", False)
    strongest = max(standards, key=_strength)
    verified = [s for s in standards if s.level not in _NOT_VERIFIED]
    signed_in = [s for s in verified if has_account and s.account_holders and s.account_holders.covers(s.request_type)]
    matched = [s for s in verified if s not in signed_in]
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
    if matched:
        steps += _matching_steps(matched, "the account's records" if has_account else "the records Lumetra holds")
    if signed_in:
        steps.append(_sign_in_step(signed_in))
    notes += _account_notes(verified, signed_in, matched, has_account, account_recordable)
    notes += _fallback_notes(standards)
    if agent:
        steps += _agent_steps(standards, power_of_attorney, strongest.level == "none", notes)
    governing = max(matched, key=_strength).citation if matched else strongest.citation
    if signed_in and not matched:
        governing = signed_in[0].account_holders.citation if signed_in[0].account_holders else governing
    confirmed = all(s.confirmed for s in standards if s not in signed_in) and all(
        s.account_holders.confirmed for s in signed_in if s.account_holders
    )  # a right verified by signing in rests on the account rule alone
    return VerificationPlan(strongest.level, tuple(steps), governing, confirmed, tuple(notes))


def _matching_steps(standards: Sequence[rules.VerificationStandard], against: str) -> list[PlannedStep]:
    """The data points (and the declaration) of the strictest of these standards."""
    top = max(standards, key=_strength)
    steps = [
        PlannedStep(f"data_point_{n}", f"Data point {n} given by the requester matches {against}", True, top.citation)
        for n in range(1, max(s.data_points for s in standards) + 1)
    ]
    if any(s.signed_declaration for s in standards):
        steps.append(
            PlannedStep(
                "signed_declaration",
                "Declaration signed under penalty of perjury that the requester is the consumer",
                True,
                top.citation,
            )
        )
    return steps


def _sign_in_step(standards: Sequence[rules.VerificationStandard]) -> PlannedStep:
    rule = standards[0].account_holders
    assert rule is not None, "only rights an account rule covers are verified by signing in"
    rights = ", ".join(_words(s.request_type) for s in standards)
    return PlannedStep(
        ACCOUNT_STEP,
        "The requester signs in to their Engram account again (its existing password authentication) just before "
        f"their data is disclosed, deleted or corrected ({rights})",
        True,
        rule.citation,
    )


def _account_notes(
    verified: Sequence[rules.VerificationStandard],
    signed_in: Sequence[rules.VerificationStandard],
    matched: Sequence[rules.VerificationStandard],
    has_account: bool | None,
    account_recordable: bool,
) -> list[str]:
    """What the law says about account holders here, and what the plan did with it."""
    rules_here = {s.account_holders for s in verified if s.account_holders is not None}
    easing = next((r for r in rules_here if r.method == "reauthenticate"), None)
    notes: list[str] = []
    if signed_in and easing is not None:
        notes.append(
            "Account holder: the account's own sign-in verifies the requester instead of matching data points, "
            f"repeated just before acting ({easing.citation})."
        )
    if has_account is None and easing is not None and matched:
        standard = max(matched, key=_strength)
        unknown = (
            "Whether the requester holds an Engram account is not recorded (tier unknown), so they are verified as "
            f"a requester without one ({standard.citation})"
        )
        if account_recordable:
            notes.append(
                f"{unknown}; once the account is recorded (Record Engram account in the case view, or cases "
                f"account), its sign-in is used instead ({easing.citation})."
            )
        else:
            notes.append(f"{unknown}.")
    if has_account and easing is None:
        notes += [f"Account holder: {rule.citation}." for rule in rules_here if rule.method == "unstated"]
    return notes


def _fallback_notes(standards: Sequence[rules.VerificationStandard]) -> list[str]:
    """The law's answer to a right whose standard is not met (California: specific pieces become categories)."""
    notes = []
    for standard in standards:
        fallback = standard.if_unverified
        if fallback is None:
            continue
        caveat = "" if fallback.confirmed else "; not confirmed in primary text"
        notes.append(
            f"If {_words(standard.request_type)} is not verified to its standard, answer it as a request for "
            f"{_words(fallback.treat_as)} ({fallback.citation}{caveat})."
        )
    return notes


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
    account = has_account(case)
    return plan_for(
        case.jurisdiction,
        request_types_of(session, case.id or 0),
        has_account=account,
        agent=bool(case.agent_name or case.agent_email),
        power_of_attorney=power_of_attorney,
        account_recordable=account is not None or account_refusal(session, case) is None,
    )


def account_refusal(session: Session, case: Case) -> str | None:
    """Why the requester's account cannot be recorded on ``case`` now (None when it can), in the words
    ``record_account`` refuses with: only while the request is worked on, and before any step is decided."""
    if case.status not in OPEN_STATUSES:
        return (
            f"Case {case.key} is {status_words(case.status)}; the account is recorded only while the request is "
            "being worked on."
        )
    if any(step.status != "pending" for step in steps_of(session, case.id or 0)):
        return (
            f"Verification of case {case.key} has started under its current plan; the account can no longer change it."
        )
    return None


def record_account(
    session: Session, case: Case, tier: str, *, account_ref: str = "", reason: str, actor: str | None
) -> list[VerificationStep]:
    """Record that the requester holds an Engram account (its tier and reference), on the requester and the case.

    Mail does not say whether its sender has an account, so the officer records it once the account is found;
    the verification plan then uses the account's sign-in where the law allows it. Only before any step is
    decided: a plan half-followed under one standard is not switched to another. Returns the rewritten steps.
    """
    if tier not in rules.TIERS:
        raise InvalidInputError(f"Unknown account tier {tier!r}; valid tiers are {', '.join(rules.TIERS)}.")
    if not reason.strip():
        raise InvalidInputError(f"Say how the account of case {case.key}'s requester was found (a reason is required).")
    refusal = account_refusal(session, case)
    if refusal is not None:
        raise InvalidInputError(refusal)
    steps = steps_of(session, case.id or 0)
    requester = session.get(Requester, case.requester_id)
    assert requester is not None, "every case has a requester"
    before = {"tier": case.tier, "requester_tier": requester.tier, "account_ref": requester.account_ref}
    requester.tier = tier
    requester.account_ref = account_ref.strip() or requester.account_ref
    case.tier = tier
    case.updated_at = utcnow()
    session.add_all([requester, case])
    session.flush()
    audit.record(
        session,
        action="case.account_recorded",
        case_id=case.id,
        entity="case",
        entity_id=case.id,
        before=before,
        after={"tier": tier, "account_ref": requester.account_ref, "reason": reason.strip()},
        actor=actor,
    )
    return create_plan(session, case, actor=actor) if steps else []


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
            f"Case {case.key} is {status_words(case.status)}; verification is recorded only while the request "
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
    own = plan_for(case.jurisdiction, [request_type], has_account=has_account(case))
    recorded = steps_of(session, case.id or 0)
    decided = {s.code: s.status for s in recorded}
    needed = [s.code for s in own.steps if s.required]
    needed += [s.code for s in recorded if s.required and s.code in AGENT_STEP_CODES]
    return all(decided.get(code) in ("passed", "waived") for code in needed)


def fallback_of(case: Case, request_type: str) -> rules.UnverifiedFallback | None:
    """The request the law treats this right as when its identity standard is not met (11 CCR §7024(a))."""
    law = rules.load_rulebook().find(case.jurisdiction)
    return law.verification_standard(request_type).if_unverified if law is not None else None


def fallback_verified(session: Session, case: Case, request_type: str) -> bool:
    """Whether the request this right falls back to has its own standard met, so it can still be answered."""
    fallback = fallback_of(case, request_type)
    return fallback is not None and verified_for(session, case, fallback.treat_as)


def answerable_by_fallback(session: Session, case: Case) -> bool:
    """Whether some right of the case can be answered as its fallback request (categories for specific pieces)."""
    return any(fallback_verified(session, case, t) for t in request_types_of(session, case.id or 0))

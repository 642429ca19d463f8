"""Does a right apply to this requester, and what is the answer, given Lumetra's account tiers?

The tiers come from the Lumetra privacy policy (resources: shared seed policy, §6, §18, §20): Free-account
data may be sold or shared and Free accounts get advertising cookies; Paid (and Enterprise) data is never
sold and gets no advertising by default; for some Enterprise features Lumetra is only the customer's
processor, and the customer (the controller) must answer.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules.model import REQUEST_TYPES
from lumetra_desk.core.rules.rulebook import Rulebook, load_rulebook

TIERS: tuple[str, ...] = ("free", "paid", "enterprise")
ANSWERS: tuple[str, ...] = ("comply", "we_do_not_sell", "processor_redirect", "not_a_right_here")

_POLICY_NOT_SOLD = (
    "Lumetra Privacy Policy §6, §11 and §18: Paid Account personal information is never sold or shared; "
    "sale/share happens for Free Accounts only"
)
_POLICY_NO_ADS = (
    "Lumetra Privacy Policy §5 and §7: advertising/measurement partners and cookies for Free Accounts only; "
    "not used for Paid Account workspaces by default"
)
_POLICY_PROCESSOR = (
    "Lumetra Privacy Policy §20: for certain Enterprise features Lumetra acts as a processor under a DPA"
)


@dataclass(frozen=True)
class RightsAnswer:
    applies: bool
    answer: str
    explanation: str
    citation: str


def rights_check(
    jurisdiction: str,
    tier: str,
    request_type: str,
    *,
    lumetra_is_processor: bool = False,
    rulebook: Rulebook | None = None,
) -> RightsAnswer:
    """How to answer this request: comply, say we do not sell, redirect to the customer, or explain."""
    if tier not in TIERS:
        raise InvalidInputError(f"Unknown account tier {tier!r}; valid tiers are {', '.join(TIERS)}.")
    if request_type not in REQUEST_TYPES:
        raise InvalidInputError(f"Unknown request type {request_type!r}; valid types are {', '.join(REQUEST_TYPES)}.")
    if lumetra_is_processor and tier != "enterprise":
        raise InvalidInputError("Lumetra acts as a processor only for Enterprise accounts (policy §20).")
    book = rulebook if rulebook is not None else load_rulebook()
    if lumetra_is_processor:
        return RightsAnswer(
            applies=False,
            answer="processor_redirect",
            explanation=(
                "Lumetra only processes this data for the Enterprise customer, who is the controller: forward "
                "the request to the customer without delay, tell the requester who will answer, and assist "
                "the customer as the DPA requires."
            ),
            citation=_POLICY_PROCESSOR,
        )
    rules = book.find(jurisdiction)
    if rules is None:
        granting = [candidate.code for candidate in book.all() if candidate.grants(request_type)]
        if not granting:
            return RightsAnswer(
                False,
                "not_a_right_here",
                f"No law in the rulebook grants a '{request_type}' right.",
                "statutes.md §2",
            )
        citation = f"Jurisdiction unknown; granted in {', '.join(granting)}"
        explanation = (
            "The requester's jurisdiction is not known: the request is handled as if the right applied, "
            "with the earliest deadline among the laws that grant it."
        )
        return _tier_answer(tier, request_type, citation, explanation)
    if not rules.grants(request_type):
        if request_type == "appeal":
            explanation = f"{rules.short_name} gives no appeal: {rules.appeal.citation}."
            return RightsAnswer(False, "not_a_right_here", explanation, rules.appeal.citation)
        explanation = f"{rules.short_name} grants no '{request_type}' right."
        courtesy = _tier_answer(tier, request_type, rules.citation, explanation)
        if courtesy.answer == "we_do_not_sell":
            # Still true and still the answer to give, on the law's general (courtesy) deadline.
            return replace(courtesy, applies=False)
        explanation += (
            " Answer courteously within the law's general response period, saying what Lumetra will do anyway."
        )
        return RightsAnswer(False, "not_a_right_here", explanation, rules.citation)
    grant = rules.rights[request_type]
    explanation = f"{rules.short_name} grants this right" + (
        "" if grant.confirmed else " (citation unconfirmed, counsel to confirm)"
    )
    return _tier_answer(tier, request_type, grant.citation, explanation + ".")


def _tier_answer(tier: str, request_type: str, citation: str, explanation: str) -> RightsAnswer:
    if tier != "free" and request_type == "opt_out_sale_share":
        return RightsAnswer(
            True,
            "we_do_not_sell",
            f"{explanation} This account's data is never sold or shared: answer 'we do not sell or share your "
            "personal information', still within the deadline, and record the opt-out in case the account "
            "moves to the Free tier.",
            f"{citation}; {_POLICY_NOT_SOLD}",
        )
    if tier != "free" and request_type == "opt_out_targeted_ads":
        return RightsAnswer(
            True,
            "we_do_not_sell",
            f"{explanation} This account's data is not used for targeted advertising by default: confirm the "
            "workspace settings, answer that no targeted advertising takes place, still within the deadline, "
            "and record the opt-out.",
            f"{citation}; {_POLICY_NO_ADS}",
        )
    return RightsAnswer(True, "comply", f"{explanation} Act on the request within the deadline.", citation)

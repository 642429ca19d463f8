"""The typed shape of the statute rules, and of the deadlines computed from them.

The rules themselves live as data in ``resources/statutes`` (one YAML file per jurisdiction) so counsel can
review them; these classes are what the rest of the application codes against. Every rule carries the
citation it rests on and whether the reference confirmed it in primary text.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

REQUEST_TYPES: tuple[str, ...] = (
    "access",
    "access_categories",
    "delete",
    "correct",
    "portability",
    "opt_out_sale_share",
    "opt_out_targeted_ads",
    "opt_out_profiling",
    "limit_sensitive",
    "withdraw_consent",
    "object",
    "restrict",
    "appeal",
)

# Each clock event with the name messages give it: as the rules CLI options do, "ID" for the identity document.
CLOCK_EVENT_WORDS: dict[str, str] = {
    "id_requested": "ID-requested",
    "id_received": "ID-received",
    "clarification_requested": "clarification-requested",
    "clarification_received": "clarification-received",
    "extension_taken": "extension-taken",
    "appeal_received": "appeal-received",
}
CLOCK_EVENT_KINDS: tuple[str, ...] = tuple(CLOCK_EVENT_WORDS)

DEADLINE_EVENTS: tuple[str, ...] = (
    "acknowledge",
    "respond",
    "respond_extended",
    "extension_notice_by",
    "appeal_decision",
    "appeal_decision_extended",
)

UNITS: tuple[str, ...] = ("calendar_days", "business_days", "months")

# Where an extended period is counted from. "start": the whole extended length from the start of the
# initial period (ICO: three months from the original start date). "initial_end": the extra length added
# to the initial period's end before any roll to a working day (EU: one month, then two more). Both give
# the same date in days; in months "initial_end" is never later (statutes.md §1, EU extension).
EXTENSION_BASES: tuple[str, ...] = ("start", "initial_end")

# How clock events act on a jurisdiction's deadlines (statutes.md §1, §23, §24, §25.1):
# "receipt": the clock runs from receipt whatever happens (US); "eu": same, the ID request is only noted;
# "uk": requested ID restarts the month, a clarification request pauses it.
CLOCK_MODELS: tuple[str, ...] = ("receipt", "eu", "uk")

AG_CONTACT_MODES: tuple[str, ...] = ("never", "on_denial", "always")

# none: no identity check allowed/needed; reasonable_doubt_only: GDPR, ask only with reasonable doubts;
# authenticated: state laws' commercially reasonable authentication; reasonable / reasonably_high: the CCPA
# degrees of certainty for categories (2 data points) and specific pieces (3 + signed declaration).
VERIFICATION_LEVELS: tuple[str, ...] = (
    "none",
    "reasonable_doubt_only",
    "authenticated",
    "reasonable",
    "reasonably_high",
)

# How a law verifies a requester who holds an account with the business. reauthenticate: the account's own
# authentication replaces the matching of data points, and the requester signs in again before their data is
# disclosed, deleted or corrected (California, 11 CCR §7061(a)); unstated: the reference gives no separate rule,
# so account holders meet the same standard as everyone else.
ACCOUNT_HOLDER_METHODS: tuple[str, ...] = ("reauthenticate", "unstated")

# any: agents may make every request; opt_out_only; none: no agents for adults; unstated: the reference
# says nothing, so ask for signed permission until counsel confirms.
AGENT_MODES: tuple[str, ...] = ("any", "opt_out_only", "none", "unstated")

OPT_OUT_TYPES: frozenset[str] = frozenset(
    {"opt_out_sale_share", "opt_out_targeted_ads", "opt_out_profiling", "limit_sensitive"}
)


@dataclass(frozen=True)
class ClockEvent:
    """Something that happened on a case and may move its clock (ID asked for, extension taken...)."""

    kind: str
    on: dt.date


@dataclass(frozen=True)
class Deadline:
    """One date the officer must meet, with the rule it comes from."""

    event: str
    due: dt.date
    basis: str
    confirmed: bool
    assumed: bool
    note: str


@dataclass
class DeadlineResult:
    """Every deadline that applies to one request, in the order of DEADLINE_EVENTS."""

    jurisdiction: str
    law: str
    request_type: str
    deadlines: list[Deadline]
    assumed: bool
    notes: list[str] = field(default_factory=list)

    def get(self, event: str) -> Deadline | None:
        """The deadline for ``event``, or None when that event does not apply."""
        for deadline in self.deadlines:
            if deadline.event == event:
                return deadline
        return None


@dataclass(frozen=True)
class Period:
    amount: int
    unit: str

    def describe(self) -> str:
        if self.unit == "months":
            return f"{self.amount} month" + ("s" if self.amount != 1 else "")
        label = "business day" if self.unit == "business_days" else "day"
        return f"{self.amount} {label}" + ("s" if self.amount != 1 else "")


@dataclass(frozen=True)
class TimedRule:
    """A period counted from a trigger (receipt of the request or of the appeal)."""

    period: Period
    citation: str
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class ExtensionRule:
    """How far a period may be extended; the notice is always due within the initial period."""

    length: Period
    max_times: int
    reasons_required: bool
    length_in_notice: bool
    citation: str
    confirmed: bool
    note: str = ""
    counted_from: str = "start"


@dataclass(frozen=True)
class UnverifiedFallback:
    """What a request becomes when its identity standard is not met (California: a request for specific
    pieces is then treated as one for categories, 11 CCR §7024(a))."""

    treat_as: str  # the request type it is treated as
    citation: str
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class VerificationRule:
    level: str
    data_points: int
    signed_declaration: bool
    citation: str
    confirmed: bool
    note: str = ""
    if_unverified: UnverifiedFallback | None = None


@dataclass(frozen=True)
class AgentRule:
    allowed: str
    signed_permission: bool
    direct_confirmation: bool
    power_of_attorney_accepted: bool
    citation: str
    confirmed: bool
    note: str = ""

    def permits(self, request_type: str) -> bool:
        """Whether an authorized agent may make this request (unstated: allowed with proof, to be safe)."""
        if self.allowed in ("any", "unstated"):
            return True
        return self.allowed == "opt_out_only" and request_type in OPT_OUT_TYPES


@dataclass(frozen=True)
class AccountHolderRule:
    """How the law verifies a requester who holds an account: ``before`` lists the rights for which the
    account's sign-in, repeated just before acting, replaces the data-point matching."""

    method: str
    before: tuple[str, ...]
    citation: str
    confirmed: bool
    note: str = ""

    def covers(self, request_type: str) -> bool:
        return self.method == "reauthenticate" and request_type in self.before


@dataclass(frozen=True)
class FreeRequestLimit:
    """How many requests per 12 months must be free; None means every request is free."""

    per_12_months: int | None
    citation: str
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class VerificationStandard:
    """What the case-work plan must collect before acting on a request in one jurisdiction."""

    request_type: str
    level: str
    data_points: int
    signed_declaration: bool
    agent: AgentRule
    agent_permitted: bool
    citation: str
    confirmed: bool
    note: str
    if_unverified: UnverifiedFallback | None = None
    account_holders: AccountHolderRule | None = None


@dataclass(frozen=True)
class RequestRules:
    """The rules for one request type in one jurisdiction, including the grant of the right itself."""

    request_type: str
    citation: str
    confirmed: bool
    note: str
    respond: TimedRule
    acknowledge: TimedRule | None
    extension: ExtensionRule | None
    verification: VerificationRule
    free_requests: FreeRequestLimit | None


@dataclass(frozen=True)
class AppealRules:
    exists: bool
    decision: TimedRule | None
    extension: ExtensionRule | None
    ag_contact_required: str
    ag_contact: str
    citation: str
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class RetentionRule:
    """How long request records are kept; ``statutory`` is False where only the project floor applies."""

    months: int
    statutory: bool
    citation: str
    confirmed: bool
    note: str = ""


@dataclass(frozen=True)
class JurisdictionRules:
    """Everything one jurisdiction's law says about privacy requests, as loaded from its file."""

    code: str
    law_name: str
    short_name: str
    citation: str
    effective: dt.date
    effective_citation: str
    effective_confirmed: bool
    clock: str
    calendar: str
    rights: dict[str, RequestRules]
    general: RequestRules
    agents: AgentRule
    account_holders: AccountHolderRule
    appeal: AppealRules
    record_retention: RetentionRule
    notes: tuple[str, ...]
    source: str

    def grants(self, request_type: str) -> bool:
        return request_type in self.rights

    def rules_for(self, request_type: str) -> RequestRules:
        """The rules of a granted right, or the law's general rules for a request it does not grant."""
        return self.rights.get(request_type, self.general)

    def response_period(self, request_type: str) -> TimedRule:
        return self.rules_for(request_type).respond

    def acknowledgement(self, request_type: str) -> TimedRule | None:
        return self.rules_for(request_type).acknowledge

    def extension(self, request_type: str) -> ExtensionRule | None:
        return self.rules_for(request_type).extension

    def free_request_limit(self, request_type: str) -> FreeRequestLimit | None:
        return self.rules_for(request_type).free_requests

    def verification_standard(self, request_type: str) -> VerificationStandard:
        """The identity standard and agent rules the verification plan for this request must meet."""
        rule = self.rules_for(request_type).verification
        return VerificationStandard(
            request_type=request_type,
            level=rule.level,
            data_points=rule.data_points,
            signed_declaration=rule.signed_declaration,
            agent=self.agents,
            agent_permitted=self.agents.permits(request_type),
            citation=rule.citation,
            confirmed=rule.confirmed,
            note=rule.note,
            if_unverified=rule.if_unverified,
            account_holders=self.account_holders,
        )

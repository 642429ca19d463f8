"""The statute engine: privacy-request rules as cited data, deadlines, verification standards, rights.

Other parts of the application import from here only.
"""

from lumetra_desk.core.rules.engine import UNKNOWN_JURISDICTION, compute_deadlines
from lumetra_desk.core.rules.model import (
    CLOCK_EVENT_KINDS,
    DEADLINE_EVENTS,
    REQUEST_TYPES,
    AccountHolderRule,
    AgentRule,
    AppealRules,
    ClockEvent,
    Deadline,
    DeadlineResult,
    ExtensionRule,
    FreeRequestLimit,
    JurisdictionRules,
    Period,
    RequestRules,
    RetentionRule,
    TimedRule,
    UnverifiedFallback,
    VerificationRule,
    VerificationStandard,
)
from lumetra_desk.core.rules.rights import ANSWERS, TIERS, RightsAnswer, rights_check
from lumetra_desk.core.rules.rulebook import Rulebook, load_rulebook, read_rulebook

__all__ = [
    "ANSWERS",
    "CLOCK_EVENT_KINDS",
    "DEADLINE_EVENTS",
    "REQUEST_TYPES",
    "TIERS",
    "UNKNOWN_JURISDICTION",
    "AccountHolderRule",
    "AgentRule",
    "AppealRules",
    "ClockEvent",
    "Deadline",
    "DeadlineResult",
    "ExtensionRule",
    "FreeRequestLimit",
    "JurisdictionRules",
    "Period",
    "RequestRules",
    "RetentionRule",
    "RightsAnswer",
    "Rulebook",
    "TimedRule",
    "UnverifiedFallback",
    "VerificationRule",
    "VerificationStandard",
    "compute_deadlines",
    "load_rulebook",
    "read_rulebook",
    "rights_check",
]

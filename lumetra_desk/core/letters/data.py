"""What a letter is built from: a plain, frozen snapshot of the case, the settings and the statute facts.

The renderer never looks anything up itself; whatever the letter states is in this snapshot, and the snapshot
is kept with the issued PDF so anyone can later see exactly what the letter was built from.
"""

from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from datetime import date
from typing import Any


@dataclass(frozen=True)
class CompanyDetails:
    """The sender, from the officer's settings."""

    name: str
    email: str
    address_lines: tuple[str, ...] = ()
    website: str = ""
    product: str = ""
    signatory_name: str = ""
    signatory_title: str = ""

    @property
    def signature_lines(self) -> list[str]:
        return signature_lines(self.signatory_name, self.signatory_title, self.name)


def signature_lines(name: str, title: str, company: str) -> list[str]:
    """Who signs, each line once: a title that already names the company ("Privacy Officer, Lumetra LLC") is
    not followed by the company again, and a title that only repeats the name is left out."""
    lines = [name, title, "" if company and company in title else company]
    return [line for line in dict.fromkeys(line.strip() for line in lines) if line]


@dataclass(frozen=True)
class Recipient:
    name: str
    email: str
    address_lines: tuple[str, ...] = ()


@dataclass(frozen=True)
class AppealFacts:
    """The state's appeal path, from the statute engine."""

    available: bool = False
    decision_period: str = ""  # how long we have to decide an appeal, e.g. "60 days"
    ag_contact_required: bool = False  # the decision must say how to complain to the Attorney General
    ag_contact_on_every_decision: bool = False  # e.g. Minnesota: not only when the appeal is denied
    ag_contact: str = ""  # counsel-verified complaint channel text (settings or the officer), never a placeholder
    citation: str = ""
    extension_period: str = ""  # how much longer a decision may take once extended, e.g. "60 days"; "" for none
    extension_citation: str = ""


@dataclass(frozen=True)
class JurisdictionFacts:
    """Statute facts for the requester's jurisdiction, from the statute engine."""

    code: str  # US-VA, EU, UK ...
    name: str  # Virginia, European Union ...
    law_name: str
    citation: str  # the section the response rules come from
    appeal: AppealFacts = field(default_factory=AppealFacts)
    supervisory_authority: str = ""  # GDPR/UK: whom the requester may complain to
    refusal_citation: str = ""  # GDPR/UK: where the complaint and judicial-remedy rights come from
    records_kept_months: int = 0  # how long the record of a request and its response is kept (statute engine)
    records_citation: str = ""  # the rule that requires keeping it; "" where only the project floor applies

    @property
    def is_gdpr(self) -> bool:
        return bool(self.supervisory_authority)


@dataclass(frozen=True)
class ExportFile:
    """A file sent with the specific-pieces letter; the letter lists it with its digest."""

    filename: str
    media_type: str
    size: int
    sha256: str
    description: str = ""  # what the file holds, in the requester's words

    @property
    def format_name(self) -> str:
        """JSON, CSV, PDF ... as a reader knows them; the media type otherwise."""
        return _FORMAT_NAMES.get(self.media_type, self.media_type)


_FORMAT_NAMES = {"application/json": "JSON", "text/csv": "CSV", "application/pdf": "PDF", "text/plain": "Text"}


@dataclass(frozen=True)
class RightDue:
    """One right the case exercises and when it must be answered, from the statute engine.

    A case can hold rights under different clocks: a California deletion may be extended, an opt-out may not,
    so an extension notice names the rights it moves and the ones that keep their date.
    """

    request: str  # in the requester's words, e.g. "deletion of your personal information"
    respond_by: date  # the initial response date
    extended_respond_by: date | None = None  # None: the law allows this right no extension
    citation: str = ""  # the rule of the initial period
    extension_citation: str = ""  # the rule that allows the extension
    needs_verification: bool = True  # False: acted on without an identity check (e.g. an opt-out)


@dataclass(frozen=True)
class RightAnswer:
    """A right of the case that a partial denial does not refuse, and how it is or will be answered."""

    request: str  # in the requester's words
    outcome: str = ""  # its recorded outcome (complied, partly, ...); "" while it is still to be answered
    answer_by: date | None = None  # while still to be answered: the date that holds for it now


@dataclass(frozen=True)
class FallbackRequest:
    """How the law answers requests whose identity standard was not met, from the statute engine (California:
    an unverified request for specific pieces is treated as one for categories, 11 CCR §7024(a))."""

    requests: tuple[str, ...]  # the requests that could not be verified, in the requester's words
    treated_as: str  # the request they are treated as
    citation: str
    verified: bool  # the identity meets the standard of the request they are treated as


@dataclass(frozen=True)
class Correction:
    field_name: str
    requested_value: str
    done: bool
    note: str = ""


@dataclass(frozen=True)
class LetterData:
    """Everything one letter may state. Kind-specific fields stay empty when a kind does not use them."""

    company: CompanyDetails
    recipient: Recipient
    case_key: str
    letter_date: date
    received_on: date
    request_types: tuple[str, ...]  # human wording, e.g. "access to your personal information"
    jurisdiction: JurisdictionFacts
    tier: str = "unknown"  # free | paid | enterprise | unknown
    respond_by: date | None = None  # the earliest current response date of all the rights
    extended_respond_by: date | None = None
    extension_notice_by: date | None = None  # the last day an extension may be notified (statute engine)
    extension_taken: bool = False  # the one extension is taken: the extended dates are the ones that hold
    rights_due: tuple[RightDue, ...] = ()
    extension_reason: str = ""
    verification_process: str = ""
    verification_items: tuple[str, ...] = ()
    declaration_required: bool = False  # the signed declaration is still to come: the letter carries its form
    sign_in_before_acting: bool = False  # an account holder signs in again just before we act (nothing to send)
    agent_name: str = ""
    verification_requests: tuple[str, ...] = ()  # the requests that wait for verification, in the same words
    requests_without_verification: tuple[str, ...] = ()  # e.g. opt-outs, which no identity check may hold up
    verification_respond_by: date | None = None  # when the requests that wait for verification must be answered
    verify_by: date | None = None  # the date by which we ask for the proof (ours, not the law's)
    export_files: tuple[ExportFile, ...] = ()
    corrections: tuple[Correction, ...] = ()
    opt_out_scope: tuple[str, ...] = ()
    access_requests: tuple[str, ...] = ()  # the requests an access response answers, in the requester's words
    other_rights: tuple[str, ...] = ()  # rights the law grants that the case does not exercise ("to ...")
    sale_opt_out: str = ""  # what the law's opt-out of sale covers; "" where the law grants none
    denial_reasons: tuple[str, ...] = ()
    statutory_basis: str = ""
    refused_requests: tuple[str, ...] = ()  # a partial denial: the rights it refuses; () refuses the whole request
    not_refused: tuple[RightAnswer, ...] = ()  # a partial denial: the other rights and how they are answered
    unverified_fallback: FallbackRequest | None = None
    is_appeal: bool = False  # the case is an appeal against an earlier decision
    original_case_key: str = ""  # the case whose decision is appealed, when the appeal is linked to it
    appeal_received_on: date | None = None
    appeal_decide_by: date | None = None
    appeal_extended_decide_by: date | None = None  # None: the law allows no extension of the appeal decision
    appeal_outcome: str = ""  # upheld | reversed | partly_reversed
    appeal_reasons: tuple[str, ...] = ()
    enterprise_customer: str = ""
    officer_note: str = ""

    @property
    def extended_rights(self) -> tuple[RightDue, ...]:
        """The rights an extension moves to a later date."""
        return tuple(right for right in self.rights_due if right.extended_respond_by is not None)

    @property
    def rights_by_current_date(self) -> tuple[tuple[RightDue, date], ...]:
        """Each right with the date that holds now (the extended one once the extension is taken), soonest first."""
        dated = [
            (
                right,
                right.extended_respond_by if self.extension_taken and right.extended_respond_by else right.respond_by,
            )
            for right in self.rights_due
        ]
        return tuple(sorted(dated, key=lambda pair: pair[1]))

    @property
    def rights_keeping_their_date(self) -> tuple[RightDue, ...]:
        """The rights whose law allows no extension: they are answered by their own date."""
        return tuple(right for right in self.rights_due if right.extended_respond_by is None)

    def snapshot(self) -> dict[str, Any]:
        """JSON-ready copy (dates as ISO strings) kept with the issued letter."""
        return _jsonable(dataclasses.asdict(self))


def _jsonable(value: Any) -> Any:
    if isinstance(value, dict):
        return {key: _jsonable(item) for key, item in value.items()}
    if isinstance(value, list | tuple):
        return [_jsonable(item) for item in value]
    if isinstance(value, date):
        return value.isoformat()
    return value

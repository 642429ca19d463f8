"""The letter kinds and the facts each one needs before it may be rendered.

Checking the facts first means a missing one is named in a plain sentence instead of surfacing as a template
error, and a letter never goes out with a hole where the appeal path or a date should be.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.data import LetterData

# Plain names for the fields, used in the error an officer sees.
FIELD_LABELS = {
    "company.name": "the company name (settings)",
    "company.email": "the company email address (settings)",
    "company.signatory_name": "the signatory's name (settings)",
    "recipient.email": "the requester's email address",
    "case_key": "the case key",
    "request_types": "the request types",
    "jurisdiction.law_name": "the name of the applicable law",
    "jurisdiction.citation": "the statutory citation",
    "respond_by": "the response due date",
    "verification_process": "the description of the verification process",
    "extended_respond_by": "the extended due date",
    "rights_due": "the response dates of the case's rights (statute engine)",
    "appeal_decide_by": "the date the appeal must be decided by (statute engine)",
    "jurisdiction.appeal.extension_citation": "the citation that allows extending an appeal decision",
    "extension_reason": "the reason for the extension",
    "export_files": "the exported files",
    "corrections": "the corrections",
    "opt_out_scope": "what the requester opted out of",
    "denial_reasons": "the reasons for the denial",
    "statutory_basis": "the statutory basis for the denial",
    "jurisdiction.appeal.decision_period": "the appeal decision period",
    "jurisdiction.appeal.citation": "the appeal citation",
    "jurisdiction.appeal.ag_contact": (
        "the Attorney General complaint contact as counsel confirmed it (settings: ag_contacts, or --ag-contact)"
    ),
    "jurisdiction.supervisory_authority": "the supervisory authority",
    "jurisdiction.refusal_citation": "the citation for the right to complain and to a judicial remedy",
    "appeal_received_on": "the date the appeal was received",
    "appeal_outcome": "the appeal outcome",
    "appeal_reasons": "the reasons for the appeal decision",
    "enterprise_customer": "the Enterprise customer that controls the data",
}

_COMMON = ("company.name", "company.email", "company.signatory_name", "recipient.email", "case_key")
APPEAL_OUTCOMES = ("upheld", "reversed", "partly_reversed")


@dataclass(frozen=True)
class LetterKind:
    name: str
    title: str  # the letter's subject line and the email subject after the case key
    purpose: str  # one line for `letter kinds`
    required: tuple[str, ...]
    personal_data: bool = False  # carries personal data: offer password protection
    extra_rules: Callable[[LetterData], list[str]] | None = None

    def missing_fields(self, data: LetterData) -> list[str]:
        fields = [*_COMMON, *self.required, *(self.extra_rules(data) if self.extra_rules else [])]
        return [name for name in dict.fromkeys(fields) if _is_empty(_resolve(data, name))]

    def validate(self, data: LetterData) -> None:
        """Raise a plain error naming the first missing fact, or a fact that contradicts the kind."""
        if self.name == "appeal_decision" and not data.jurisdiction.appeal.available:
            raise InvalidInputError(
                f"{_law_of(data)} gives no appeal, so case {data.case_key} cannot have an appeal decision."
            )
        if self.name == "extension_notice":
            _check_something_extends(data)
        missing = self.missing_fields(data)
        if missing:
            names = ", ".join(f"{FIELD_LABELS.get(name, name)} ({name})" for name in missing)
            label = self.name.replace("_", " ")
            raise InvalidInputError(f"The {label} letter for {data.case_key or 'this case'} is missing {names}.")
        if self.name == "extension_notice":
            _check_extension(data)
        if self.name == "verification_request" and not (
            data.verification_items or data.declaration_required or data.sign_in_before_acting
        ):
            raise InvalidInputError(
                f"There is nothing to ask the requester of {data.case_key or 'this case'} for: no step of the "
                "identity verification plan is waiting for them."
            )
        if self.name == "appeal_decision" and data.appeal_outcome not in APPEAL_OUTCOMES:
            raise InvalidInputError(
                f"The appeal outcome {data.appeal_outcome!r} is not one of {', '.join(APPEAL_OUTCOMES)}."
            )


def _refusal_rules(data: LetterData) -> list[str]:
    """A refusal must carry the way to challenge it: the state's appeal, or the GDPR complaint and remedy."""
    if data.jurisdiction.is_gdpr:
        return ["jurisdiction.supervisory_authority", "jurisdiction.refusal_citation"]
    if data.jurisdiction.appeal.available:
        return ["jurisdiction.appeal.decision_period", "jurisdiction.appeal.citation"]
    return []


def _acknowledgement_rules(data: LetterData) -> list[str]:
    """A request is acknowledged with its verification and response date; an appeal with its decision date."""
    if data.is_appeal:
        return ["appeal_received_on", "appeal_decide_by", "jurisdiction.appeal.citation"]
    return ["respond_by", "verification_process"]


def _appeal_rules(data: LetterData) -> list[str]:
    fields = ["jurisdiction.appeal.decision_period", "jurisdiction.appeal.citation"]
    if ag_contact_needed(data):
        fields.append("jurisdiction.appeal.ag_contact")
    return fields


def ag_contact_needed(data: LetterData) -> bool:
    """Whether an appeal decision must say how to complain to the Attorney General."""
    appeal = data.jurisdiction.appeal
    if not appeal.ag_contact_required:
        return False
    return appeal.ag_contact_on_every_decision or data.appeal_outcome != "reversed"


def _law_of(data: LetterData) -> str:
    """A jurisdiction's law at the start of a sentence: "Virginia law", "The law of the European Union"."""
    name = data.jurisdiction.name
    return f"The law of {name}" if name.startswith("the ") else f"{name} law"


def _extension_rules(data: LetterData) -> list[str]:
    """An appeal is extended by the appeal rule and its decision date; a request by its rights' dates."""
    if data.is_appeal:
        return ["appeal_received_on", "appeal_decide_by", "jurisdiction.appeal.extension_citation"]
    return ["rights_due", "jurisdiction.citation"]


def _check_something_extends(data: LetterData) -> None:
    """Refuse in plain words a notice that would extend nothing: an appeal whose law allows no extension of the
    decision, or a request none of whose rights may be extended."""
    if data.is_appeal:
        if data.appeal_decide_by is not None and data.appeal_extended_decide_by is None:
            appeal = data.jurisdiction.appeal
            raise InvalidInputError(
                f"{_law_of(data)} allows no extension of the time to decide an appeal ({appeal.citation}), so appeal "
                f"{data.case_key} must be decided by {data.appeal_decide_by.isoformat()}."
            )
        return
    if data.rights_due and not data.extended_rights:
        kept = ", ".join(right.request for right in data.rights_keeping_their_date)
        raise InvalidInputError(
            f"Nothing in case {data.case_key} can be extended: the law allows no extension for {kept}."
        )


def _check_extension(data: LetterData) -> None:
    """Only what the law allows to be extended is extended, and only within its initial period."""
    if data.is_appeal:
        _check_appeal_extension(data)
        return
    extended = data.extended_rights
    notice_by = data.extension_notice_by or min(right.respond_by for right in extended)
    if data.letter_date > notice_by:
        raise InvalidInputError(
            f"The extension notice for {data.case_key} is too late: it had to be sent by "
            f"{notice_by.isoformat()}, within the initial response period."
        )
    for right in extended:
        assert right.extended_respond_by is not None
        if right.extended_respond_by <= right.respond_by:
            raise InvalidInputError(
                f"The extended due date {right.extended_respond_by.isoformat()} for {data.case_key} "
                f"must be later than the original {right.respond_by.isoformat()}."
            )


def _check_appeal_extension(data: LetterData) -> None:
    """An appeal decision is extended once, by the notice sent within the initial decision period."""
    assert data.appeal_decide_by is not None and data.appeal_extended_decide_by is not None
    notice_by = data.extension_notice_by or data.appeal_decide_by
    if data.letter_date > notice_by:
        raise InvalidInputError(
            f"The extension notice for appeal {data.case_key} is too late: it had to be sent by "
            f"{notice_by.isoformat()}, within the {data.jurisdiction.appeal.decision_period} for deciding the appeal."
        )
    if data.appeal_extended_decide_by <= data.appeal_decide_by:
        raise InvalidInputError(
            f"The extended decision date {data.appeal_extended_decide_by.isoformat()} for appeal {data.case_key} "
            f"must be later than the original {data.appeal_decide_by.isoformat()}."
        )


def _resolve(data: object, dotted: str) -> object:
    value = data
    for part in dotted.split("."):
        value = getattr(value, part)
    return value


def _is_empty(value: object) -> bool:
    if value is None:
        return True
    if isinstance(value, str | tuple | list):
        return len(value) == 0
    return False


KINDS: dict[str, LetterKind] = {
    kind.name: kind
    for kind in (
        LetterKind(
            "acknowledgement",
            "We have received your privacy request",
            "confirms receipt, explains verification and when to expect a response (an appeal: its decision date)",
            ("request_types", "jurisdiction.law_name"),
            extra_rules=_acknowledgement_rules,
        ),
        LetterKind(
            "verification_request",
            "We need to verify your identity",
            "asks for the data points, the signed declaration and the agent's permission",
            ("request_types", "respond_by"),
        ),
        LetterKind(
            "extension_notice",
            "We need more time to respond to your request",
            "extends the rights whose law allows it, or an appeal decision, with the reason and new dates "
            "(only within the initial period)",
            ("extension_reason", "jurisdiction.law_name"),
            extra_rules=_extension_rules,
        ),
        LetterKind(
            "access_response",
            "The personal information we hold about you",
            "categories, sources, purposes, recipients and the sold/shared answer for the requester's tier",
            ("request_types", "jurisdiction.law_name"),
            personal_data=True,
        ),
        LetterKind(
            "specific_pieces",
            "A copy of your personal information",
            "cover letter for the export attached as JSON and CSV",
            ("export_files",),
            personal_data=True,
        ),
        LetterKind(
            "deletion_confirmation",
            "We have deleted your personal information",
            "confirms deletion and names the data the retention rules still keep",
            ("jurisdiction.law_name",),
        ),
        LetterKind(
            "correction_response",
            "Your request to correct your personal information",
            "lists each correction made or declined",
            ("corrections",),
            personal_data=True,
        ),
        LetterKind(
            "opt_out_confirmation",
            "Your opt-out request has been processed",
            "confirms the opt-out or limit; Paid accounts: we do not sell",
            ("opt_out_scope",),
        ),
        LetterKind(
            "denial",
            "Our decision on your privacy request",
            "denial with reasons, statutory basis and how to appeal or complain",
            ("request_types", "denial_reasons", "statutory_basis", "jurisdiction.law_name"),
            extra_rules=_refusal_rules,
        ),
        LetterKind(
            "appeal_decision",
            "Our decision on your appeal",
            "appeal outcome with reasons and, where the law requires, how to contact the Attorney General",
            ("appeal_received_on", "appeal_outcome", "appeal_reasons", "jurisdiction.law_name"),
            extra_rules=_appeal_rules,
        ),
        LetterKind(
            "unable_to_verify",
            "We could not verify your request",
            "explains that identity could not be verified and what the requester can do",
            ("request_types", "jurisdiction.law_name"),
            extra_rules=_refusal_rules,
        ),
        LetterKind(
            "processor_redirect",
            "Your request concerns an Enterprise customer's data",
            "Enterprise: Lumetra is the processor; directs the requester to the controlling customer",
            ("enterprise_customer",),
        ),
    )
}


def get_kind(name: str) -> LetterKind:
    try:
        return KINDS[name]
    except KeyError:
        raise InvalidInputError(f"There is no letter kind {name!r}; choose one of {', '.join(KINDS)}.") from None

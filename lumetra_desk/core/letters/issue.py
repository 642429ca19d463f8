"""Issuing letters for a case: facts from the store, the settings and the statute engine; every letter kept.

A letter is built from a ``LetterData`` snapshot assembled here, rendered, and stored with its case as a new
version (bytes, SHA-256, snapshot), never overwriting an earlier one, with an audit event. Files that go with a
letter (the specific-pieces export) are kept with the case too, so sending later mails exactly what the letter
lists. Sending mails the stored bytes and keeps the sent mail, byte for byte, in the case thread.

Letters that disclose, delete or correct personal information are refused until the requester's identity is
verified as the law requires, the same rule the workflow applies to the response.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

from sqlmodel import Session, col, func, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases import verification
from lumetra_desk.core.cases.service import clock_events_of, find_case, request_types_of
from lumetra_desk.core.errors import InvalidInputError, NotFoundError
from lumetra_desk.core.letters.data import (
    AppealFacts,
    CompanyDetails,
    Correction,
    ExportFile,
    FallbackRequest,
    JurisdictionFacts,
    LetterData,
    Recipient,
    RightAnswer,
    RightDue,
    signature_lines,
)
from lumetra_desk.core.letters.export import requester_export
from lumetra_desk.core.letters.kinds import get_kind
from lumetra_desk.core.letters.render import RenderedLetter, render_letter
from lumetra_desk.core.letters.wording import wording
from lumetra_desk.core.mail.smtp import (
    OutgoingAttachment,
    OutgoingMail,
    SentMail,
    SmtpAccount,
    build_message,
    send_with_keyring,
)
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.dashboard_queries import right_outcomes
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import (
    Attachment,
    Case,
    ClockEvent,
    Deadline,
    Letter,
    Message,
    Requester,
)

# Where to complain when a GDPR-style law refuses a request, and the article that requires saying so
# (statutes.md §23: Art. 12(4), supervisory authority and judicial remedy; §24: the ICO and the courts).
COMPLAINT_AUTHORITY = {
    "eu": (
        "a data protection supervisory authority, in particular in the Member State where you live or work",
        "GDPR Art. 12(4)",
    ),
    "uk": ("the Information Commissioner's Office (ICO)", "UK GDPR Art. 12(4)"),
}

# Letters that disclose, delete or correct personal information: only once the identity is verified.
_NEED_VERIFIED_IDENTITY = frozenset(
    {"access_response", "specific_pieces", "deletion_confirmation", "correction_response"}
)

JURISDICTION_NAMES = {
    "EU": "the European Union",
    "UK": "the United Kingdom",
    "US-CA": "California",
    "US-CO": "Colorado",
    "US-CT": "Connecticut",
    "US-DE": "Delaware",
    "US-IA": "Iowa",
    "US-IN": "Indiana",
    "US-KY": "Kentucky",
    "US-MD": "Maryland",
    "US-MN": "Minnesota",
    "US-MT": "Montana",
    "US-NE": "Nebraska",
    "US-NH": "New Hampshire",
    "US-NJ": "New Jersey",
    "US-NV": "Nevada",
    "US-OR": "Oregon",
    "US-RI": "Rhode Island",
    "US-TN": "Tennessee",
    "US-TX": "Texas",
    "US-UT": "Utah",
    "US-VA": "Virginia",
}

# The requests an access response answers (the categories; the specific pieces go with their own letter).
_ACCESS_TYPES = ("access_categories", "access")
_SALE_OPT_OUT = "opt_out_sale_share"


@dataclass(frozen=True)
class LetterExtras:
    """What only the officer can say: reasons, outcomes, notes and files to send with the letter."""

    extension_reason: str = ""
    denial_reasons: tuple[str, ...] = ()
    statutory_basis: str = ""
    appeal_outcome: str = ""
    appeal_reasons: tuple[str, ...] = ()
    corrections: tuple[Correction, ...] = ()
    enterprise_customer: str = ""
    officer_note: str = ""
    verification_process: str = ""
    ag_contact: str = ""  # counsel-verified complaint channel for this letter; else the one in the settings
    denied_rights: tuple[str, ...] = ()  # a denial that refuses only these request types; else the recorded ones
    attachments: tuple[OutgoingAttachment, ...] = ()  # further files from other systems (specific pieces)


@dataclass(frozen=True)
class IssuedLetter:
    letter_id: int
    case_key: str
    kind: str
    version: int
    filename: str
    rendered: RenderedLetter


def build_letter_data(
    session: Session,
    case: Case,
    settings: Settings,
    extras: LetterExtras,
    *,
    today: date,
    files: Sequence[ExportFile] = (),
) -> LetterData:
    """Assemble the snapshot for one letter from the case, its deadlines, the settings and the statute engine."""
    case_id = case.id or 0
    requester = session.get(Requester, case.requester_id)
    if requester is None:
        raise NotFoundError(f"Case {case.key} has no requester.")
    types = request_types_of(session, case_id)
    primary = types[0] if types else "access"
    plan = verification.plan_for_case(session, case)
    pending = _pending_steps(session, case, plan)
    law = rules.load_rulebook().find(case.jurisdiction)
    parent = session.get(Case, case.parent_case_id) if case.parent_case_id else None
    is_appeal = "appeal" in types or parent is not None
    dates = _dates_by_right(session, case_id)
    due = _earliest_per_event(dates)
    extended = any(event.kind == "extension_taken" for event in clock_events_of(session, case_id))
    waiting = [t for t in types if t != "appeal" and (law is None or law.verification_standard(t).level != "none")]
    verification_due = _verification_respond_by(dates, waiting, extended)
    company = settings.company

    def say(request_type: str) -> str:
        return _wording(request_type, case.jurisdiction)

    refused, not_refused = _refused_rights(session, case, types, extras.denied_rights, dates, extended)

    return LetterData(
        company=CompanyDetails(
            name=company.name,
            email=company.email,
            address_lines=tuple(company.address_lines),
            website=company.website,
            product=company.product,
            signatory_name=company.signatory_name,
            signatory_title=company.signatory_title,
        ),
        recipient=Recipient(
            name=requester.name,
            email=requester.email,
            address_lines=tuple(line for line in requester.postal_address.splitlines() if line.strip()),
        ),
        case_key=case.key,
        letter_date=today,
        received_on=(parent.received_at if parent else case.received_at).date(),
        request_types=tuple(say(t) for t in types if t != "appeal") or tuple(say(t) for t in types),
        jurisdiction=_jurisdiction_facts(
            case.jurisdiction, law, primary, extras.ag_contact or settings.ag_contacts.get(case.jurisdiction, "")
        ),
        tier=case.tier,
        respond_by=due.get("respond"),
        extended_respond_by=due.get("respond_extended"),
        extension_notice_by=due.get("extension_notice_by"),
        extension_taken=extended,
        rights_due=_rights_due(dates, types, waiting, law, case.jurisdiction),
        extension_reason=extras.extension_reason,
        verification_process=extras.verification_process
        or _verification_process(plan, law, case, primary, company.product),
        verification_items=_verification_items(case, pending, company.product),
        declaration_required=any(step.code == "signed_declaration" for step in pending),
        sign_in_before_acting=any(step.code == verification.ACCOUNT_STEP for step in pending),
        agent_name=case.agent_name,
        verification_requests=tuple(say(t) for t in waiting),
        requests_without_verification=tuple(say(t) for t in types if t not in waiting and t != "appeal"),
        verification_respond_by=verification_due,
        verify_by=_verify_by(verification_due, settings.letters.verification_reply_days_before_due, today),
        export_files=tuple(files),
        corrections=extras.corrections,
        opt_out_scope=tuple(scope for scope in (wording(t, case.jurisdiction).opt_out for t in types) if scope),
        access_requests=tuple(say(t) for t in types if t in _ACCESS_TYPES),
        other_rights=_other_rights(law, types, case.jurisdiction),
        sale_opt_out=wording(_SALE_OPT_OUT, case.jurisdiction).opt_out if law and law.grants(_SALE_OPT_OUT) else "",
        denial_reasons=extras.denial_reasons,
        statutory_basis=extras.statutory_basis,
        refused_requests=tuple(say(t) for t in refused),
        not_refused=not_refused,
        unverified_fallback=_unverified_fallback(session, case, types, law),
        is_appeal=is_appeal,
        original_case_key=parent.key if parent else "",
        appeal_received_on=_appeal_received(session, case, is_appeal),
        appeal_decide_by=due.get("appeal_decision"),
        appeal_extended_decide_by=due.get("appeal_decision_extended"),
        appeal_outcome=extras.appeal_outcome,
        appeal_reasons=extras.appeal_reasons,
        enterprise_customer=extras.enterprise_customer,
        officer_note=extras.officer_note,
    )


def issue_letter(
    store: Store,
    case_ref: str,
    kind: str,
    settings: Settings,
    extras: LetterExtras = LetterExtras(),
    *,
    today: date,
    password: str | None = None,
    templates_override_dir: Path | None = None,
    actor: str | None = None,
) -> IssuedLetter:
    """Render a letter for a case and keep it as the next version of that kind, with an audit event.

    A specific-pieces letter carries the export of the requester's records in the store (JSON and CSV) before
    any further files the officer attaches; every file is kept with the case for sending.
    """
    get_kind(kind)
    if extras.denied_rights and kind != "denial":
        raise InvalidInputError(
            f"Only a denial names the rights it refuses; the {kind.replace('_', ' ')} letter refuses none."
        )
    with store.read() as session:
        case = find_case(session, case_ref)
        case_id, case_key = case.id or 0, case.key
        _check_identity(session, case, kind)
        exported = requester_export(session, case, prepared_on=today) if kind == "specific_pieces" else ()
        files = (*exported, *extras.attachments)
        described = (
            *(_export_file(file, _OUR_RECORDS) for file in exported),
            *(_export_file(file, _OTHER_SYSTEMS) for file in extras.attachments),
        )
        data = build_letter_data(session, case, settings, extras, today=today, files=described)
    rendered = render_letter(kind, data, password=password, templates_override_dir=templates_override_dir)
    with store.write() as session:
        last = session.exec(
            select(func.max(Letter.version)).where(Letter.case_id == case_id, Letter.kind == kind)
        ).one()
        version = int(last or 0) + 1
        filename = f"{case_key}-{kind.replace('_', '-')}-v{version}.pdf"
        letter = Letter(
            case_id=case_id,
            kind=kind,
            version=version,
            filename=filename,
            pdf=rendered.pdf,
            sha256=rendered.sha256,
            snapshot=json.dumps(rendered.snapshot, ensure_ascii=False, sort_keys=True),
            password_protected=rendered.password_protected,
            issued_by=actor or audit.current_actor(),
        )
        session.add(letter)
        for file in files:
            session.add(_kept_file(case_id, file, filename))
        session.flush()
        audit.record(
            session,
            action="letter.issued",
            case_id=case_id,
            entity="letter",
            entity_id=letter.id,
            after={
                "kind": kind,
                "version": version,
                "sha256": rendered.sha256,
                "filename": filename,
                "files": {file.filename: hashlib.sha256(file.data).hexdigest() for file in files},
            },
            actor=actor,
        )
    return IssuedLetter(letter.id or 0, case_key, kind, version, filename, rendered)


_OUR_RECORDS = "your details, your requests and our correspondence, as our privacy office holds them"
_OTHER_SYSTEMS = "personal information exported from our other systems"


def _export_file(file: OutgoingAttachment, description: str) -> ExportFile:
    digest = hashlib.sha256(file.data).hexdigest()
    return ExportFile(file.filename, file.media_type, len(file.data), digest, description)


def _kept_file(case_id: int, file: OutgoingAttachment, letter_filename: str) -> Attachment:
    """A file that goes with a letter, kept in the store beside the case (no message: it was not received)."""
    return Attachment(
        case_id=case_id,
        filename=file.filename,
        declared_type=file.media_type,
        size=len(file.data),
        sha256=hashlib.sha256(file.data).hexdigest(),
        data=file.data,
        note=f"sent with the letter {letter_filename}",
    )


def _check_identity(session: Session, case: Case, kind: str) -> None:
    """No letter that discloses, deletes or corrects before verification; no "unable to verify" after it, and no
    verification request where the law verifies nothing."""
    state = verification.verification_state(session, case)
    label = kind.replace("_", " ")
    if kind in _NEED_VERIFIED_IDENTITY and state not in ("passed", "not_needed"):
        if kind == "access_response" and verification.answerable_by_fallback(session, case):
            return  # the fallback's standard was met: a failed specific-pieces request falls back (§7024(a))
        raise InvalidInputError(
            f"Case {case.key}: the {label} letter waits until the requester's identity is verified "
            f"(verification is {state.replace('_', ' ')})."
        )
    if kind == "verification_request" and state == "failed":
        raise InvalidInputError(
            f"Case {case.key}: identity verification has failed, so there is nothing left to ask for; the "
            "unable-to-verify letter tells the requester."
        )
    if kind == "verification_request" and state == "not_needed":
        plan = verification.plan_for_case(session, case)
        raise InvalidInputError(
            f"Case {case.key}: the law needs no identity verification for these requests ({plan.citation}), so "
            "there is nothing to ask the requester for."
        )
    if kind == "unable_to_verify" and state in ("passed", "not_needed"):
        raise InvalidInputError(
            f"Case {case.key}: identity verification is {state.replace('_', ' ')}, so an unable-to-verify letter "
            "would be wrong."
        )


def _letter_files(session: Session, letter: Letter) -> list[OutgoingAttachment]:
    """The files the letter lists, as kept with its case when it was issued."""
    listed = json.loads(letter.snapshot).get("data", {}).get("export_files", [])
    files = []
    for entry in listed:
        kept = session.exec(
            select(Attachment).where(
                Attachment.case_id == letter.case_id,
                col(Attachment.message_id).is_(None),
                Attachment.sha256 == entry["sha256"],
                Attachment.filename == entry["filename"],
            )
        ).first()
        if kept is None or kept.data is None:
            raise NotFoundError(
                f"The file {entry['filename']} listed in {letter.filename} is no longer kept with the case; "
                "issue the letter again."
            )
        files.append(OutgoingAttachment(kept.filename, kept.data, kept.declared_type or "application/octet-stream"))
    return files


def send_letter(store: Store, letter_id: int, settings: Settings, *, actor: str | None = None) -> SentMail:
    """Mail an issued letter and the files it lists to the requester; keep the mail in the case thread."""
    smtp = settings.smtp
    if not smtp.configured:
        raise InvalidInputError("No SMTP server is set up; fill in the outgoing mail settings first.")
    with store.read() as session:
        letter = session.get(Letter, letter_id)
        if letter is None:
            raise NotFoundError(f"There is no letter {letter_id}.")
        case = session.get(Case, letter.case_id)
        requester = session.get(Requester, case.requester_id) if case else None
        if case is None or requester is None:
            raise NotFoundError(f"Letter {letter_id} belongs to no case with a requester.")
        last_in = session.exec(
            select(Message)
            .where(Message.case_id == case.id, Message.direction == "in", col(Message.message_id_header).is_not(None))
            .order_by(col(Message.received_at).desc())
            .limit(1)
        ).first()
        case_id, sha256 = case.id, letter.sha256
        mail = OutgoingMail(
            to_address=requester.email,
            to_name=requester.name,
            case_key=case.key,
            subject=json.loads(letter.snapshot).get("subject") or get_kind(letter.kind).title,
            body_text=_mail_body(requester.name, case.key, letter.password_protected, settings),
            attachments=(
                OutgoingAttachment(letter.filename, letter.pdf, "application/pdf"),
                *_letter_files(session, letter),
            ),
            in_reply_to=(last_in.message_id_header or "") if last_in else "",
            references=tuple(last_in.references.split()) if last_in else (),
        )
    account = SmtpAccount(
        host=smtp.host,
        port=smtp.port,
        security=smtp.security,
        user=smtp.user,
        from_address=smtp.from_address,
        from_name=settings.company.name,
        ca_file=smtp.ca_file,
    )
    message = build_message(account, mail)
    sent = send_with_keyring(account, message, Settings.smtp_secret_name(smtp))
    with store.write() as session:
        row = Message(
            case_id=case_id,
            direction="out",
            message_id_header=sent.message_id,
            content_sha256=hashlib.sha256(sent.raw).hexdigest(),
            raw=sent.raw,
            source="sent",
            subject=str(message["Subject"]),
            from_name=settings.company.name,
            from_addr=smtp.from_address,
            to_addrs=", ".join(sent.recipients),
            date_header=sent.sent_at,
            received_at=sent.sent_at,
            in_reply_to=mail.in_reply_to,
            references=str(message.get("References", "")),
            body_text=mail.body_text,
            kind="outgoing",
            review_state="attached",
        )
        session.add(row)
        session.flush()
        stored = session.get(Letter, letter_id)
        assert stored is not None
        stored.sent_at = sent.sent_at
        stored.sent_message_id = row.id
        session.add(stored)
        audit.record(
            session,
            action="letter.sent",
            case_id=case_id,
            entity="letter",
            entity_id=letter_id,
            after={"message_id": sent.message_id, "to": list(sent.recipients), "sha256": sha256},
            actor=actor,
        )
    return sent


def _mail_body(name: str, case_key: str, password_protected: bool, settings: Settings) -> str:
    company = settings.company
    lines = [
        f"Dear {name or 'Sir or Madam'},",
        "",
        f"Please find attached our letter about your privacy request (reference {case_key}).",
    ]
    if password_protected:
        lines.append("The letter is protected by a password, which we will send you separately.")
    signature = signature_lines(company.signatory_name, company.signatory_title, company.name)
    lines += ["", "Please keep the reference in the subject when you reply.", "", *signature]
    return "\n".join(lines) + "\n"


def _dates_by_right(session: Session, case_id: int) -> dict[str, dict[str, date]]:
    """Each right's current due date per event (the earliest where several rules apply)."""
    dates: dict[str, dict[str, date]] = {}
    for row in session.exec(
        select(Deadline).where(Deadline.case_id == case_id, col(Deadline.superseded_at).is_(None))
    ).all():
        known = dates.setdefault(row.request_type, {})
        known[row.event] = min(row.due, known.get(row.event, row.due))
    return dates


def _earliest_per_event(dates: dict[str, dict[str, date]]) -> dict[str, date]:
    """The earliest due date per event across the case's rights (the protective choice)."""
    earliest: dict[str, date] = {}
    for known in dates.values():
        for event, due in known.items():
            earliest[event] = min(due, earliest.get(event, due))
    return earliest


def _wording(request_type: str, jurisdiction: str) -> str:
    return wording(request_type, jurisdiction).request


def _other_rights(law: rules.JurisdictionRules | None, types: Sequence[str], jurisdiction: str) -> tuple[str, ...]:
    """The rights the statute engine gives under the case's law that the case does not exercise, once each.

    The categories are left out: every access response gives them."""
    if law is None:
        return ()
    exercised = {wording(t, jurisdiction).right for t in (*types, "access_categories")}
    rights = dict.fromkeys(wording(t, jurisdiction).right for t in law.rights)
    return tuple(right for right in rights if right not in exercised)


def _rights_due(
    dates: dict[str, dict[str, date]],
    types: Sequence[str],
    waiting: Sequence[str],
    law: rules.JurisdictionRules | None,
    jurisdiction: str,
) -> tuple[RightDue, ...]:
    """Each right with its own initial and extended response dates, the rules they come from, and whether it
    waits for identity verification (``waiting``)."""
    rights = []
    for request_type in types:
        known = dates.get(request_type, {})
        if "respond" not in known:
            continue  # an appeal: decided by its own date, not answered as a right
        extension = law.extension(request_type) if law else None
        rights.append(
            RightDue(
                request=_wording(request_type, jurisdiction),
                respond_by=known["respond"],
                extended_respond_by=known.get("respond_extended"),
                citation=law.response_period(request_type).citation if law else "",
                extension_citation=extension.citation if extension else "",
                needs_verification=request_type in waiting,
            )
        )
    return tuple(rights)


def _current_respond_by(known: dict[str, date], extended: bool) -> date | None:
    """A right's response date that holds now: the extended one once the extension is taken and its law allows one."""
    return (known.get("respond_extended") if extended else None) or known.get("respond")


def _verification_respond_by(dates: dict[str, dict[str, date]], waiting: Sequence[str], extended: bool) -> date | None:
    """When the rights that wait for verification must be answered: each one's current date (extended once the
    extension is taken), the earliest of them."""
    due = [
        _current_respond_by(known, extended) or known["respond"]
        for request_type, known in dates.items()
        if request_type in waiting and "respond" in known
    ]
    return min(due) if due else None


# A right answered so cannot be refused by a later denial letter; "partly" may be refused in the part denied.
_ANSWERED_NOT_REFUSED = frozenset({"complied", "we_do_not_sell", "redirected", "unable_to_verify"})


def _refused_rights(
    session: Session,
    case: Case,
    types: Sequence[str],
    named: Sequence[str],
    dates: dict[str, dict[str, date]],
    extended: bool,
) -> tuple[tuple[str, ...], tuple[RightAnswer, ...]]:
    """The rights a denial refuses and how the case's other rights are or will be answered.

    The officer names the refused rights (the letter often goes out before the case is answered); without
    names, the per-right outcomes recorded when the case was answered say which were denied. When neither
    narrows it, or every right is refused, the denial refuses the whole request: ``((), ())``.
    """
    rights = [t for t in types if t != "appeal"]
    outcomes = right_outcomes(session, case.id or 0)
    unknown = [t for t in dict.fromkeys(named) if t not in rights]
    if unknown:
        raise InvalidInputError(
            f"Case {case.key} has no request for {', '.join(unknown)}; its rights are {', '.join(rights)}."
        )
    answered = [
        f"{t} as {outcomes[t].replace('_', ' ')}"
        for t in rights
        if t in named and outcomes.get(t) in _ANSWERED_NOT_REFUSED
    ]
    if answered:
        raise InvalidInputError(
            f"Case {case.key} was answered with {', '.join(answered)}; a denial cannot refuse what was answered so."
        )
    refused = [t for t in rights if t in named] or [t for t in rights if outcomes.get(t) == "denied"]
    if not refused or len(refused) == len(rights):
        return (), ()
    others = tuple(
        RightAnswer(
            request=_wording(t, case.jurisdiction),
            outcome=outcomes.get(t, ""),
            answer_by=None if outcomes.get(t) else _current_respond_by(dates.get(t, {}), extended),
        )
        for t in rights
        if t not in refused
    )
    return tuple(refused), others


def _verify_by(respond_by: date | None, days_before: int, today: date) -> date | None:
    """The date the verification request asks for the proof by, leaving the days before the response is due
    to check it; none when that day would not be after the letter (the letter then asks for a reply at once)."""
    if respond_by is None:
        return None
    reply_by = respond_by - timedelta(days=days_before)
    return reply_by if reply_by > today else None


def _unverified_fallback(
    session: Session, case: Case, types: Sequence[str], law: rules.JurisdictionRules | None
) -> FallbackRequest | None:
    """What the statute engine makes of the case's requests whose own identity standard was not met."""
    if law is None:
        return None
    falling_back = [
        request_type
        for request_type in types
        if law.verification_standard(request_type).if_unverified
        and not verification.verified_for(session, case, request_type)
    ]
    if not falling_back:
        return None
    rule = law.verification_standard(falling_back[0]).if_unverified
    assert rule is not None
    return FallbackRequest(
        requests=tuple(_wording(t, case.jurisdiction) for t in falling_back),
        treated_as=_wording(rule.treat_as, case.jurisdiction),
        citation=rule.citation,
        verified=law.grants(rule.treat_as) and verification.verified_for(session, case, rule.treat_as),
    )


def _jurisdiction_facts(
    code: str, law: rules.JurisdictionRules | None, primary: str, ag_contact: str
) -> JurisdictionFacts:
    """The statute facts a letter states. The AG contact is the counsel-verified one given for this letter or kept
    in the settings, never the rulebook's placeholder, which is a note to counsel and not an address."""
    if law is None:
        return JurisdictionFacts(code=code, name=JURISDICTION_NAMES.get(code, code), law_name="", citation="")
    extension = law.extension(primary)
    appeal = law.appeal
    appeal_extension = appeal.extension if appeal.exists else None
    authority, refusal_citation = COMPLAINT_AUTHORITY.get(law.clock, ("", ""))
    return JurisdictionFacts(
        code=law.code,
        name=JURISDICTION_NAMES.get(law.code, law.code),
        law_name=law.law_name,
        citation=extension.citation if extension else law.response_period(primary).citation,
        appeal=AppealFacts(
            available=appeal.exists,
            decision_period=appeal.decision.period.describe() if appeal.decision else "",
            ag_contact_required=appeal.ag_contact_required != "never",
            ag_contact_on_every_decision=appeal.ag_contact_required == "always",
            ag_contact=ag_contact.strip(),
            citation=appeal.decision.citation if appeal.decision else appeal.citation,
            extension_period=appeal_extension.length.describe() if appeal_extension else "",
            extension_citation=appeal_extension.citation if appeal_extension else "",
        ),
        supervisory_authority=authority,
        refusal_citation=refusal_citation,
        records_kept_months=law.record_retention.months,
        records_citation=law.record_retention.citation if law.record_retention.statutory else "",
    )


def _verification_process(
    plan: verification.VerificationPlan, law: rules.JurisdictionRules | None, case: Case, primary: str, product: str
) -> str:
    """The case's verification plan (statute engine x account), in plain words for the requester."""
    if law is None:
        return ""
    account = f"your {product} account" if product else "your account"
    codes = [step.code for step in plan.steps if step.required]
    points = sum(code.startswith("data_point_") for code in codes)
    if plan.level == "none":
        text = "This kind of request does not need identity verification; we act on it as it is."
    elif plan.level == "reasonable_doubt_only":
        text = "We will ask you for more information only if we have reasonable doubts about who made the request."
    elif points:
        against = account if verification.has_account(case) else "the information we hold about you"
        text = f"We will match {points} piece{'s' if points != 1 else ''} of information you give us with {against}"
        text += ", and ask for a declaration signed under penalty of perjury." if "signed_declaration" in codes else "."
    elif verification.ACCOUNT_STEP not in codes:
        text = f"We will confirm that the request comes from you using the information of {account}."
    else:
        text = ""
    if verification.ACCOUNT_STEP in codes:
        text += (
            f" We will confirm that the request comes from you through {account}: just before we disclose, delete or"
            " correct your personal information, we will ask you to sign in to it again."
        )
    standard = law.verification_standard(primary)
    if case.agent_name and standard.agent_permitted and standard.agent.signed_permission:
        text += (
            f" Because {case.agent_name} made the request for you, we will also ask for the signed permission"
            " you gave them"
        )
        text += " and ask you to confirm it directly." if standard.agent.direct_confirmation else "."
    return text.strip()


def _pending_steps(session: Session, case: Case, plan: verification.VerificationPlan) -> list[verification.PlannedStep]:
    """The required steps of the plan the officer has not decided yet: only these are asked for."""
    decided = {s.code for s in verification.steps_of(session, case.id or 0) if s.status != "pending"}
    return [step for step in plan.steps if step.required and step.code not in decided]


def _verification_items(case: Case, pending: Sequence[verification.PlannedStep], product: str) -> tuple[str, ...]:
    """What the requester must send for each pending step of the plan, in their words, not the officer's.

    The declaration has its own form in the letter, and a sign-in is not sent but asked for when we act."""
    account = f"your {product} account" if product else "your account"
    agent = case.agent_name or "your agent"
    if verification.has_account(case):
        details = (
            f"the email address of {account}",
            "the month and year you opened the account",
            "the name of a workspace or project in the account",
        )
    else:
        details = (
            f"the email address you use with {product or 'us'}",
            "your postal address, or the state or country where you live",
            f"roughly when you first used {product or 'our service'}, and on which device or browser",
        )
    items: list[str] = []
    for step in pending:
        if step.code in ("signed_declaration", verification.ACCOUNT_STEP):
            continue
        if step.code.startswith("data_point_"):
            items.append(details[min(int(step.code.rsplit("_", 1)[1]), len(details)) - 1])
        elif step.code == "agent_permission":
            items.append(f"the signed permission you gave {agent} to make this request for you")
        elif step.code == "consumer_confirmation":
            items.append(f"your own confirmation, sent from your email address, that you gave {agent} that permission")
        elif step.code == "power_of_attorney":
            items.append(f"a copy of the power of attorney that lets {agent} act for you")
        elif step.code == "consumer_direct_request":
            items.append(
                "the request sent by you yourself, from your own email address: the law does not let an agent make it"
            )
        else:
            items.append(step.description)
    return tuple(items)


def _appeal_received(session: Session, case: Case, is_appeal: bool) -> date | None:
    if is_appeal:
        return case.received_at.date()
    event = session.exec(
        select(ClockEvent)
        .where(ClockEvent.case_id == case.id, ClockEvent.kind == "appeal_received")
        .order_by(col(ClockEvent.id).desc())
    ).first()
    return event.occurred_on if event else None

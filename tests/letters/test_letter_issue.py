"""Issuing letters from real cases in an encrypted store: statute-engine dates, versions, audit, sending."""

from __future__ import annotations

import email
import email.policy
import json
from datetime import UTC, date, datetime
from email.message import EmailMessage

import pytest
from letter_facts import pdf_text
from smtp_server import PASSWORD, USER, SmtpServer
from sqlmodel import col, select

from lumetra_desk.core import rules
from lumetra_desk.core.cases.service import find_or_create_requester, open_case
from lumetra_desk.core.errors import InvalidInputError, NotFoundError
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter, send_letter
from lumetra_desk.core.letters.templates import long_date
from lumetra_desk.core.mail.smtp import OutgoingAttachment
from lumetra_desk.core.secrets import delete_secret, set_secret
from lumetra_desk.core.settings import Settings, SmtpSettings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Letter, Message

RECEIVED = datetime(2026, 11, 2, 15, 30, tzinfo=UTC)
TODAY = date(2026, 11, 27)


def _open(store: Store, jurisdiction: str, request_types: list[str], tier: str = "free") -> str:
    with store.write() as session:
        requester = find_or_create_requester(session, "wang.fang@example.org", "王芳 Zoë Дмитрий", tier)
        requester.postal_address = "12 Rue de la Paix\n75002 Paris"
        case = open_case(
            session,
            requester=requester,
            request_types=request_types,
            received_at=RECEIVED,
            jurisdiction=jurisdiction,
            tier=tier,
        )
        return case.key


def test_acknowledgement_states_the_engine_deadline(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    issued = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    expected = rules.compute_deadlines("US-VA", "access_categories", RECEIVED.date(), []).get("respond")
    assert expected is not None
    text = pdf_text(issued.rendered.pdf)
    assert f"we will respond by {long_date(expected.due)}" in text
    assert key in text and "王芳 Zoë Дмитрий" in text and "75002 Paris" in text
    assert "Virginia Consumer Data Protection Act" in text


def test_reissue_is_a_new_version_and_both_are_audited(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    first = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    second = issue_letter(store, key, "acknowledgement", Settings(), today=date(2026, 11, 28))
    assert (first.version, second.version) == (1, 2)
    with store.read() as session:
        letters = session.exec(select(Letter).order_by(col(Letter.version))).all()
        assert [letter.version for letter in letters] == [1, 2]
        assert letters[0].pdf == first.rendered.pdf and letters[0].sha256 == first.rendered.sha256
        assert json.loads(letters[1].snapshot)["data"]["letter_date"] == "2026-11-28"
        events = session.exec(select(AuditEvent).where(AuditEvent.action == "letter.issued")).all()
        assert [json.loads(event.after)["version"] for event in events] == [1, 2]


def test_denial_carries_the_state_appeal_path_from_the_engine(store: Store) -> None:
    key = _open(store, "US-VA", ["delete"])
    extras = LetterExtras(denial_reasons=("We could not find an account.",), statutory_basis="Va. Code §59.1-577")
    text = pdf_text(issue_letter(store, key, "denial", Settings(), extras, today=TODAY).rendered.pdf)
    appeal = rules.load_rulebook().get("US-VA").appeal
    assert appeal.decision is not None
    assert f"({appeal.decision.citation}) you may appeal" in text
    assert f"within {appeal.decision.period.describe()} of receiving it" in text


def test_appeal_decision_gives_the_ag_contact_from_the_engine(store: Store) -> None:
    key = _open(store, "US-VA", ["appeal"])
    extras = LetterExtras(appeal_outcome="upheld", appeal_reasons=("The original answer was complete.",))
    text = pdf_text(issue_letter(store, key, "appeal_decision", Settings(), extras, today=TODAY).rendered.pdf)
    assert rules.load_rulebook().get("US-VA").appeal.ag_contact in text
    assert f"We received your appeal on {long_date(RECEIVED.date())}" in text


def test_gdpr_refusal_names_the_complaint_and_judicial_remedy(store: Store) -> None:
    key = _open(store, "EU", ["access"])
    extras = LetterExtras(denial_reasons=("The request is manifestly excessive.",), statutory_basis="GDPR Art. 12(5)")
    text = pdf_text(issue_letter(store, key, "denial", Settings(), extras, today=TODAY).rendered.pdf)
    assert "lodge a complaint with a supervisory authority" in text
    assert "judicial remedy" in text and "GDPR Art. 12(4)" in text


def test_missing_officer_fact_and_unknown_case_are_plain_errors(store: Store) -> None:
    key = _open(store, "US-VA", ["delete"])
    with pytest.raises(InvalidInputError, match="statutory basis"):
        issue_letter(store, key, "denial", Settings(), LetterExtras(denial_reasons=("x",)), today=TODAY)
    with pytest.raises(NotFoundError, match="no case"):
        issue_letter(store, "LD-2026-999999", "acknowledgement", Settings(), today=TODAY)


def test_sent_letter_lands_in_the_case_thread(store: Store, starttls_server: SmtpServer) -> None:
    key = _open(store, "US-CA", ["access"])
    export = OutgoingAttachment(f"{key}.json", b'{"name": "\xe7\x8e\x8b\xe8\x8a\xb3"}', "application/json")
    issued = issue_letter(store, key, "specific_pieces", Settings(), LetterExtras(attachments=(export,)), today=TODAY)
    settings = Settings(
        smtp=SmtpSettings(
            host="127.0.0.1",
            port=starttls_server.port,
            user=USER,
            security="starttls",
            from_address="privacy@lumetra.io",
            ca_file=str(starttls_server.cert),
        )
    )
    secret = Settings.smtp_secret_name(settings.smtp)
    set_secret(secret, PASSWORD)
    try:
        sent = send_letter(store, issued.letter_id, settings, (export,))
    finally:
        delete_secret(secret)

    received = email.message_from_bytes(starttls_server.inbox.handler_messages[0][0], policy=email.policy.default)
    assert isinstance(received, EmailMessage)
    assert received["Subject"] == f"[{key}] A copy of your personal information"
    parts = {part.get_filename(): part.get_content() for part in received.iter_attachments()}
    assert parts[issued.filename] == issued.rendered.pdf
    assert parts[f"{key}.json"] == export.data
    with store.read() as session:
        row = session.exec(select(Message).where(Message.direction == "out")).one()
        letter = session.get(Letter, issued.letter_id)
        assert letter is not None and letter.sent_message_id == row.id and letter.sent_at is not None
        assert row.raw == sent.raw and row.message_id_header == received["Message-ID"]
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "letter.sent")).one()


def test_sending_without_smtp_settings_is_a_plain_error(store: Store) -> None:
    key = _open(store, "US-VA", ["access_categories"])
    issued = issue_letter(store, key, "acknowledgement", Settings(), today=TODAY)
    with pytest.raises(InvalidInputError, match="No SMTP server is set up"):
        send_letter(store, issued.letter_id, Settings())

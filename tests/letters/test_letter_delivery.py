"""From a real request mail to the requester's inbox and back: the specific-pieces export, SMTP, threading.

The request is imported from the reference corpus through the real importer, the letter is sent later (as the
case view does) to aiosmtpd over STARTTLS with the password from the keyring, and replies to the sent mail are
imported again and must land in the same case.
"""

from __future__ import annotations

import csv
import email
import email.policy
import hashlib
import io
import json
from datetime import UTC, date, datetime
from email.message import EmailMessage
from email.utils import format_datetime, make_msgid
from pathlib import Path

import pytest
from letter_facts import pdf_text, verify_all_steps
from smtp_server import PASSWORD, USER, SmtpServer
from sqlmodel import col, select

from lumetra_desk.core.errors import NotFoundError
from lumetra_desk.core.intake.importer import MailImporter
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter, send_letter
from lumetra_desk.core.mail.smtp import OutgoingAttachment
from lumetra_desk.core.secrets import delete_secret, set_secret
from lumetra_desk.core.settings import Settings, SmtpSettings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Attachment, AuditEvent, Letter, Message

REQUEST = Path(__file__).resolve().parents[1] / "intake" / "corpus" / "001_ccpa_rtk_categories_and_specific.eml"
REQUESTER = "maya.okreyes@example.com"
TODAY = date(2026, 8, 20)


def _imported_case(store: Store) -> str:
    result = MailImporter(store).import_message(REQUEST.read_bytes(), source=str(REQUEST))
    assert result.outcome == "new_case" and result.case_key
    verify_all_steps(store, result.case_key)
    return result.case_key


def _settings(server: SmtpServer) -> Settings:
    return Settings(
        smtp=SmtpSettings(
            host="127.0.0.1",
            port=server.port,
            user=USER,
            security="starttls",
            from_address="privacy@lumetra.io",
            ca_file=str(server.cert),
        )
    )


def _send(store: Store, letter_id: int, settings: Settings) -> None:
    secret = Settings.smtp_secret_name(settings.smtp)
    set_secret(secret, PASSWORD)
    try:
        send_letter(store, letter_id, settings)
    finally:
        delete_secret(secret)


def _reply(subject: str, in_reply_to: str, sender: str) -> bytes:
    reply = EmailMessage()
    reply["From"] = sender
    reply["To"] = "privacy@lumetra.io"
    reply["Subject"] = subject
    reply["Date"] = format_datetime(datetime(2026, 8, 21, 9, 30, tzinfo=UTC))
    reply["Message-ID"] = make_msgid(domain="example.com")
    if in_reply_to:
        reply["In-Reply-To"] = in_reply_to
        reply["References"] = in_reply_to
    reply.set_content("Thank you, I received the files. One question about the CSV file.\n")
    return reply.as_bytes()


def test_specific_pieces_carries_the_stores_records_as_json_and_csv(store: Store) -> None:
    key = _imported_case(store)
    issued = issue_letter(store, key, "specific_pieces", Settings(), today=TODAY)
    with store.read() as session:
        kept = session.exec(select(Attachment).where(col(Attachment.message_id).is_(None))).all()
        files = {file.filename: file.data for file in kept if file.data is not None}
    assert set(files) == {f"{key}-records.json", f"{key}-records.csv"}

    record = json.loads(files[f"{key}-records.json"])
    assert record["your_details"]["email"] == REQUESTER
    assert record["your_details"]["name"] == "Maya Okonkwo-Reyes"
    (request,) = record["your_requests"]
    assert request["reference"] == key and "access" in request["request_types"]
    assert {step["status"] for step in request["verification"]} == {"passed"}
    (mail,) = request["correspondence"]
    assert mail["direction"] == "from you" and mail["subject"] == "CCPA request to know"
    assert "4127 Linden Street" in mail["text"]

    table = files[f"{key}-records.csv"]
    assert table.startswith(b"\xef\xbb\xbf")  # spreadsheet programs then read the UTF-8 as UTF-8
    rows = list(csv.reader(io.StringIO(table.decode("utf-8-sig"))))
    assert rows[0] == ["section", "item", "field", "value"]
    assert ["your details", "", "email", REQUESTER] in rows
    assert ["correspondence", f"{key} message 1", "subject", "CCPA request to know"] in rows

    text = pdf_text(issued.rendered.pdf)
    for name, data in files.items():
        digest = hashlib.sha256(data).hexdigest()
        assert name in text and f"{len(data):,} bytes" in text
        assert " ".join(digest[i : i + 16] for i in range(0, 64, 16)) in text
    assert "as our privacy office holds them" in text


def test_letter_sent_later_mails_the_kept_files_and_replies_thread_back(
    store: Store, starttls_server: SmtpServer
) -> None:
    key = _imported_case(store)
    product_export = OutgoingAttachment(
        "engram-account.json", '{"workspace": "Łódź 王芳"}'.encode(), "application/json"
    )
    issued = issue_letter(
        store, key, "specific_pieces", Settings(), LetterExtras(attachments=(product_export,)), today=TODAY
    )
    assert "engram-account.json" in pdf_text(issued.rendered.pdf)
    _send(store, issued.letter_id, _settings(starttls_server))  # a later step, as from the case view

    content, recipients, authenticated = starttls_server.inbox.handler_messages[0]
    assert authenticated and recipients == [REQUESTER]
    received = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(received, EmailMessage)
    assert received["Subject"] == f"[{key}] A copy of your personal information"
    assert received["In-Reply-To"] == "<CALe193a0+1ecf8d30ad_0affefd332ce93@mail.example.com>"
    parts = {part.get_filename(): part.get_payload(decode=True) for part in received.iter_attachments()}
    with store.read() as session:
        letter = session.get(Letter, issued.letter_id)
        kept = session.exec(select(Attachment).where(col(Attachment.message_id).is_(None))).all()
        assert letter is not None
        case_id = letter.case_id
        assert parts[letter.filename] == letter.pdf == issued.rendered.pdf
        assert {file.filename: file.data for file in kept} == {
            name: data for name, data in parts.items() if name != letter.filename
        }
        assert parts["engram-account.json"] == product_export.data
        (records_csv,) = [part for part in received.iter_attachments() if part.get_content_type() == "text/csv"]
        assert records_csv.get_content_charset() == "utf-8"  # a mail client reads the names as UTF-8
        sent = session.exec(select(Message).where(Message.direction == "out")).one()
        assert letter.sent_message_id == sent.id and letter.sent_at is not None
        assert sent.message_id_header == received["Message-ID"] and sent.case_id == letter.case_id
        assert sent.raw.replace(b"\r\n", b"\n") in content.replace(b"\r\n", b"\n")
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "letter.sent")).one()

    importer = MailImporter(store)
    by_message_id = importer.import_message(
        _reply("Re: A copy of your personal information", str(received["Message-ID"]), REQUESTER), source="reply-1"
    )
    assert (by_message_id.outcome, by_message_id.case_key) == ("follow_up", key)
    by_subject = importer.import_message(
        _reply(f"Re: [{key}] A copy of your personal information", "", "maya.other@example.net"), source="reply-2"
    )
    assert (by_subject.outcome, by_subject.case_key) == ("follow_up", key)
    with store.read() as session:
        thread = session.exec(select(Message).where(Message.case_id == case_id)).all()
        assert [m.direction for m in sorted(thread, key=lambda m: m.id or 0)] == ["in", "out", "in", "in"]


def test_sending_refuses_when_a_listed_file_is_gone(store: Store, starttls_server: SmtpServer) -> None:
    key = _imported_case(store)
    issued = issue_letter(store, key, "specific_pieces", Settings(), today=TODAY)
    with store.write() as session:
        for file in session.exec(select(Attachment).where(col(Attachment.message_id).is_(None))).all():
            file.data = None
            session.add(file)
    with pytest.raises(NotFoundError, match=rf"{key}-records\.json .* issue the letter again"):
        _send(store, issued.letter_id, _settings(starttls_server))
    assert starttls_server.inbox.handler_messages == []

"""A real aiosmtpd server on loopback (STARTTLS or implicit TLS, AUTH required) receives the letter intact."""

from __future__ import annotations

import email
import email.policy
from email.message import EmailMessage

import pytest
from letter_facts import base_data
from smtp_server import PASSWORD, USER, SmtpServer

from lumetra_desk.core.letters.render import render_letter
from lumetra_desk.core.mail.smtp import (
    MailSendError,
    OutgoingAttachment,
    OutgoingMail,
    SmtpAccount,
    build_message,
    send_message,
    send_with_keyring,
)
from lumetra_desk.core.secrets import delete_secret, set_secret


def _account(server: SmtpServer, security: str = "starttls") -> SmtpAccount:
    return SmtpAccount(
        host="127.0.0.1",
        port=server.port,
        security=security,  # type: ignore[arg-type]
        user=USER,
        from_address="privacy@lumetra.io",
        from_name="Lumetra Privacy",
        ca_file=str(server.cert),
        timeout=10,
    )


def _letter_mail(pdf: bytes, to_name: str = "Zoë Łukasz 王芳") -> OutgoingMail:
    return OutgoingMail(
        to_address="zoe@example.org",
        to_name=to_name,
        case_key="LD-2026-000123",
        subject="We have received your privacy request",
        body_text="Please find our letter attached.\n",
        attachments=(OutgoingAttachment("LD-2026-000123-acknowledgement.pdf", pdf, "application/pdf"),),
        in_reply_to="<request-1@example.org>",
    )


def _received(server: SmtpServer) -> EmailMessage:
    assert len(server.inbox.handler_messages) == 1
    content, rcpt, authenticated = server.inbox.handler_messages[0]
    assert authenticated and rcpt == ["zoe@example.org"]
    parsed = email.message_from_bytes(content, policy=email.policy.default)
    assert isinstance(parsed, EmailMessage)
    return parsed


def _pdf_part(message: EmailMessage) -> bytes:
    parts = [part for part in message.iter_attachments() if part.get_content_type() == "application/pdf"]
    assert len(parts) == 1
    payload = parts[0].get_content()
    assert isinstance(payload, bytes)
    return payload


def test_starttls_auth_delivers_the_pdf_byte_identical(starttls_server: SmtpServer) -> None:
    pdf = render_letter("acknowledgement", base_data()).pdf
    account = _account(starttls_server)
    sent = send_message(account, build_message(account, _letter_mail(pdf)), PASSWORD)
    received = _received(starttls_server)
    assert _pdf_part(received) == pdf
    assert received["Message-ID"] == sent.message_id
    assert received["Subject"] == "[LD-2026-000123] We have received your privacy request"
    assert received["In-Reply-To"] == "<request-1@example.org>"
    assert "王芳" in str(received["To"])
    assert sent.raw.replace(b"\r\n", b"\n") in starttls_server.inbox.handler_messages[0][0].replace(b"\r\n", b"\n")


@pytest.mark.filterwarnings("ignore:Requiring AUTH while not requiring TLS:UserWarning")
def test_implicit_tls_with_password_from_the_keyring(tls_server: SmtpServer) -> None:
    pdf = render_letter("deletion_confirmation", base_data()).pdf
    account = _account(tls_server, "tls")
    secret_name = f"smtp:{USER}@127.0.0.1"
    set_secret(secret_name, PASSWORD)
    try:
        send_with_keyring(account, build_message(account, _letter_mail(pdf)), secret_name)
    finally:
        delete_secret(secret_name)
    assert _pdf_part(_received(tls_server)) == pdf


def test_text_attachments_declare_utf8_and_arrive_byte_identical(starttls_server: SmtpServer) -> None:
    records = "\ufeffsection,item,field,value\r\nyour details,,name,Zoë Łukasz 王芳\r\n".encode()
    legacy = "name\nZoë\n".encode("latin-1")  # a file the officer attached, not UTF-8: no charset is claimed
    mail = OutgoingMail(
        to_address="zoe@example.org",
        to_name="Zoë",
        case_key="LD-2026-000123",
        subject="A copy of your personal information",
        body_text="Please find our letter and your records attached.\n",
        attachments=(
            OutgoingAttachment("LD-2026-000123-records.csv", records, "text/csv"),
            OutgoingAttachment("legacy-export.csv", legacy, "text/csv"),
        ),
    )
    account = _account(starttls_server)
    send_message(account, build_message(account, mail), PASSWORD)
    parts = {part.get_filename(): part for part in _received(starttls_server).iter_attachments()}
    received_records, received_legacy = parts["LD-2026-000123-records.csv"], parts["legacy-export.csv"]
    assert received_records.get_content_type() == "text/csv"
    assert received_records.get_content_charset() == "utf-8"
    assert received_records.get_payload(decode=True) == records
    assert received_legacy.get_content_charset() is None
    assert received_legacy.get_payload(decode=True) == legacy


def test_wrong_password_is_a_plain_error(starttls_server: SmtpServer) -> None:
    account = _account(starttls_server)
    with pytest.raises(MailSendError, match="rejected the SMTP user name or password"):
        send_message(account, build_message(account, _letter_mail(b"%PDF-1.4")), "wrong")
    assert starttls_server.inbox.handler_messages == []


def test_untrusted_certificate_is_refused(starttls_server: SmtpServer) -> None:
    account = SmtpAccount("127.0.0.1", starttls_server.port, "starttls", USER, "privacy@lumetra.io", timeout=10)
    with pytest.raises(MailSendError, match="could not be sent"):
        send_message(account, build_message(account, _letter_mail(b"%PDF-1.4")), PASSWORD)


def test_header_injection_is_neutralised(starttls_server: SmtpServer) -> None:
    account = _account(starttls_server)
    mail = _letter_mail(b"%PDF-1.4", to_name="Eve\r\nBcc: victim@example.net")
    message = build_message(account, mail)
    send_message(account, message, PASSWORD)
    received = _received(starttls_server)
    assert received["Bcc"] is None
    assert starttls_server.inbox.handler_messages[0][1] == ["zoe@example.org"]
    assert "Eve Bcc: victim@example.net" in str(received["To"])

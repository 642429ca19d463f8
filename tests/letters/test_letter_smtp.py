"""A real aiosmtpd server on loopback (STARTTLS or implicit TLS, AUTH required) receives the letter intact."""

from __future__ import annotations

import email
import email.policy
import socket
import ssl
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass, field
from email.message import EmailMessage
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword
from letter_facts import base_data

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

USER, PASSWORD = "privacy@lumetra.io", "s3cret-Ü"


@dataclass
class _Inbox:
    handler_messages: list[tuple[bytes, list[str], bool]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.handler_messages.append((envelope.content, list(envelope.rcpt_tos), bool(session.authenticated)))
        return "250 Message accepted for delivery"


def _authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@dataclass(frozen=True)
class _Server:
    port: int
    inbox: _Inbox
    cert: Path


@pytest.fixture(scope="module")
def certificate(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    folder = tmp_path_factory.mktemp("tls")
    cert, key = folder / "cert.pem", folder / "key.pem"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "2", "-keyout", str(key),
         "-out", str(cert), "-subj", "/CN=localhost", "-addext", "subjectAltName=IP:127.0.0.1,DNS:localhost"],
        check=True,
        capture_output=True,
    )  # fmt: skip
    return cert, key


def _free_port() -> int:
    with socket.socket() as probe:  # Controller(port=0) cannot work: it connects to its own port (notes §7)
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _start(certificate: tuple[Path, Path], *, implicit_tls: bool) -> Iterator[_Server]:
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = _Inbox()
    port = _free_port()
    options: dict[str, Any] = {"authenticator": _authenticate, "auth_required": True}
    if implicit_tls:
        # aiosmtpd only counts STARTTLS as TLS for AUTH; this whole connection is TLS from the first byte.
        controller = Controller(
            inbox, hostname="127.0.0.1", port=port, ssl_context=context, auth_require_tls=False, **options
        )
    else:
        controller = Controller(
            inbox, hostname="127.0.0.1", port=port, tls_context=context, require_starttls=True, **options
        )
    controller.start()
    try:
        yield _Server(port=port, inbox=inbox, cert=cert)
    finally:
        controller.stop()


@pytest.fixture
def starttls_server(certificate: tuple[Path, Path]) -> Iterator[_Server]:
    yield from _start(certificate, implicit_tls=False)


@pytest.fixture
def tls_server(certificate: tuple[Path, Path]) -> Iterator[_Server]:
    yield from _start(certificate, implicit_tls=True)


def _account(server: _Server, security: str = "starttls") -> SmtpAccount:
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


def _received(server: _Server) -> EmailMessage:
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


def test_starttls_auth_delivers_the_pdf_byte_identical(starttls_server: _Server) -> None:
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
def test_implicit_tls_with_password_from_the_keyring(tls_server: _Server) -> None:
    pdf = render_letter("deletion_confirmation", base_data()).pdf
    account = _account(tls_server, "tls")
    set_secret(account.secret_name, PASSWORD)
    try:
        send_with_keyring(account, build_message(account, _letter_mail(pdf)))
    finally:
        delete_secret(account.secret_name)
    assert _pdf_part(_received(tls_server)) == pdf


def test_wrong_password_is_a_plain_error(starttls_server: _Server) -> None:
    account = _account(starttls_server)
    with pytest.raises(MailSendError, match="rejected the SMTP user name or password"):
        send_message(account, build_message(account, _letter_mail(b"%PDF-1.4")), "wrong")
    assert starttls_server.inbox.handler_messages == []


def test_untrusted_certificate_is_refused(starttls_server: _Server) -> None:
    account = SmtpAccount("127.0.0.1", starttls_server.port, "starttls", USER, "privacy@lumetra.io", timeout=10)
    with pytest.raises(MailSendError, match="could not be sent"):
        send_message(account, build_message(account, _letter_mail(b"%PDF-1.4")), PASSWORD)


def test_header_injection_is_neutralised(starttls_server: _Server) -> None:
    account = _account(starttls_server)
    mail = _letter_mail(b"%PDF-1.4", to_name="Eve\r\nBcc: victim@example.net")
    message = build_message(account, mail)
    send_message(account, message, PASSWORD)
    received = _received(starttls_server)
    assert received["Bcc"] is None
    assert starttls_server.inbox.handler_messages[0][1] == ["zoe@example.org"]
    assert "Eve Bcc: victim@example.net" in str(received["To"])

"""A real SMTP server for the tests: aiosmtpd on loopback with TLS (STARTTLS or implicit) and AUTH required."""

from __future__ import annotations

import socket
import ssl
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from aiosmtpd.controller import Controller
from aiosmtpd.smtp import AuthResult, LoginPassword

USER, PASSWORD = "privacy@lumetra.io", "s3cret-Ü"


@dataclass
class Inbox:
    handler_messages: list[tuple[bytes, list[str], bool]] = field(default_factory=list)

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.handler_messages.append((envelope.content, list(envelope.rcpt_tos), bool(session.authenticated)))
        return "250 Message accepted for delivery"


def authenticate(server: Any, session: Any, envelope: Any, mechanism: str, auth_data: Any) -> AuthResult:
    ok = isinstance(auth_data, LoginPassword) and (auth_data.login, auth_data.password) == (
        USER.encode(),
        PASSWORD.encode(),
    )
    return AuthResult(success=ok, handled=False)


@dataclass(frozen=True)
class SmtpServer:
    port: int
    inbox: Inbox
    cert: Path


def free_port() -> int:
    with socket.socket() as probe:  # Controller(port=0) cannot work: it connects to its own port (notes §7)
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def run_server(certificate: tuple[Path, Path], *, implicit_tls: bool) -> Iterator[SmtpServer]:
    cert, key = certificate
    context = ssl.create_default_context(ssl.Purpose.CLIENT_AUTH)
    context.load_cert_chain(cert, key)
    inbox = Inbox()
    port = free_port()
    options: dict[str, Any] = {"authenticator": authenticate, "auth_required": True}
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
        yield SmtpServer(port=port, inbox=inbox, cert=cert)
    finally:
        controller.stop()

"""Nothing from an incoming mail's headers can add a header or a recipient to the letter sent back.

A request whose name, subject, Message-ID and References carry encoded CR/LF and "Bcc:" lines is imported by the
real importer; the acknowledgement is sent to aiosmtpd over STARTTLS, and what the server received is checked.
"""

from __future__ import annotations

import email
import email.policy
from datetime import date

from smtp_server import PASSWORD, USER, SmtpServer

from lumetra_desk.core.intake.importer import MailImporter
from lumetra_desk.core.letters.issue import issue_letter, send_letter
from lumetra_desk.core.secrets import delete_secret, set_secret
from lumetra_desk.core.settings import Settings, SmtpSettings
from lumetra_desk.core.store.db import Store

HOSTILE_REQUEST = (
    b"Received: from mx.example.com by mx1.lumetra.io; Tue, 01 Sep 2026 10:00:00 +0000\r\n"
    b"From: =?utf-8?q?Eve=0D=0ABcc=3A_spy=40evil=2Eexample=0D=0AX-Injected=3A_1?= <eve@example.com>\r\n"
    b"To: privacy@lumetra.io\r\n"
    b"Subject: =?utf-8?q?Delete_my_data=0D=0ABcc=3A_all=40evil=2Eexample?=\r\n"
    b"Message-ID: <req-1@example.com>\r\n Bcc: folded@evil.example\r\n"
    b"References: <a@example.com>\r\n\tBcc: ref@evil.example <b@example.com>\r\n"
    b"Date: Tue, 01 Sep 2026 09:59:00 +0000\r\n"
    b"\r\n"
    b"Please delete my personal data. I live in Texas.\r\n"
)


def test_injected_headers_never_reach_the_outgoing_letter(store: Store, starttls_server: SmtpServer) -> None:
    imported = MailImporter(store).import_message(HOSTILE_REQUEST, source="hostile")
    assert imported.outcome == "new_case" and imported.case_key
    issued = issue_letter(store, imported.case_key, "acknowledgement", Settings(), today=date(2026, 9, 1))
    smtp = SmtpSettings(host="127.0.0.1", port=starttls_server.port, user=USER, security="starttls",
                        from_address="privacy@lumetra.io", ca_file=str(starttls_server.cert))  # fmt: skip
    settings = Settings(smtp=smtp)
    secret = Settings.smtp_secret_name(settings.smtp)
    set_secret(secret, PASSWORD)
    try:
        send_letter(store, issued.letter_id, settings)
    finally:
        delete_secret(secret)

    ((content, recipients, _),) = starttls_server.inbox.handler_messages
    assert recipients == ["eve@example.com"]
    head = content.split(b"\r\n\r\n", 1)[0].decode("ascii")
    names = [line.split(":", 1)[0].lower() for line in head.split("\r\n") if line and not line[0].isspace()]
    assert "bcc" not in names and "x-injected" not in names and names.count("to") == 1
    received = email.message_from_bytes(content, policy=email.policy.default)
    (to,) = received["To"].addresses
    assert to.addr_spec == "eve@example.com" and to.display_name == "Eve Bcc: spy@evil.example X-Injected: 1"
    assert received["In-Reply-To"] == "<req-1@example.com>"
    assert received["References"] == "<a@example.com> <b@example.com> <req-1@example.com>"

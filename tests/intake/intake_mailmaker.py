"""Small builders of raw test mail, so tests state only what matters to them."""

from __future__ import annotations

from email.message import EmailMessage
from email.utils import make_msgid

CORPUS_DOMAIN = "example.com"


def make_mail(
    body: str = "Please delete my personal data.",
    *,
    subject: str = "Privacy request",
    sender: str = "Pat Doe <pat@example.com>",
    headers: dict[str, str] | None = None,
    message_id: str | None = "auto",
    received: str | None = "Tue, 01 Sep 2026 10:00:00 +0000",
) -> bytes:
    message = EmailMessage()
    if received:
        message["Received"] = f"from mail.example.com by mx1.lumetra.io; {received}"
    message["From"] = sender
    message["To"] = "privacy@lumetra.io"
    message["Subject"] = subject
    message["Date"] = "Tue, 01 Sep 2026 09:59:00 +0000"
    if message_id == "auto":
        message["Message-ID"] = make_msgid(domain=CORPUS_DOMAIN)
    elif message_id:
        message["Message-ID"] = message_id
    for name, value in (headers or {}).items():
        message[name] = value
    message.set_content(body)
    return message.as_bytes()

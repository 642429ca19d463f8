"""Sending a letter by SMTP, always over TLS (STARTTLS or implicit), with the password from the keyring.

The message is built here with a fresh Message-ID and the case key in the subject (``[LD-2026-000123] ...``),
so replies thread back to the case. The exact bytes handed to the server are returned, so the case thread can
keep precisely what was sent. Header values are cleaned of line breaks: text from a request can never add a
header.
"""

from __future__ import annotations

import base64
import smtplib
import ssl
from dataclasses import dataclass
from datetime import UTC, datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.policy import SMTP as SMTP_POLICY
from email.utils import format_datetime, make_msgid
from typing import Literal

from lumetra_desk.core.errors import InvalidInputError, LumetraError, SecretsError
from lumetra_desk.core.secrets import get_secret


class MailSendError(LumetraError):
    """The mail server could not be reached or refused the message."""


@dataclass(frozen=True)
class SmtpAccount:
    host: str
    port: int
    security: Literal["starttls", "tls"]
    user: str
    from_address: str
    from_name: str = ""
    ca_file: str = ""  # extra CA bundle for a private mail server
    timeout: float = 30.0


@dataclass(frozen=True)
class OutgoingAttachment:
    filename: str
    data: bytes
    media_type: str  # e.g. application/pdf


@dataclass(frozen=True)
class OutgoingMail:
    to_address: str
    to_name: str
    case_key: str
    subject: str
    body_text: str
    attachments: tuple[OutgoingAttachment, ...]
    in_reply_to: str = ""  # the requester's Message-ID, so mail clients thread the answer
    references: tuple[str, ...] = ()


@dataclass(frozen=True)
class SentMail:
    message_id: str
    raw: bytes  # exactly what the server received
    recipients: tuple[str, ...]
    sent_at: datetime


def clean_header(value: str) -> str:
    """One line of header text: CR, LF and other control characters become spaces."""
    return " ".join("".join(ch if ch.isprintable() else " " for ch in value).split())


def case_subject(case_key: str, subject: str) -> str:
    """``[KEY] subject`` unless the key is already there (a reply keeps its subject)."""
    subject = clean_header(subject)
    tag = f"[{clean_header(case_key)}]"
    return subject if tag in subject else f"{tag} {subject}".strip()


def _address(display_name: str, address: str) -> Address:
    cleaned = clean_header(address)
    if cleaned != address.strip() or cleaned.count("@") != 1:
        raise InvalidInputError(f"The email address {cleaned!r} is not a single valid address.")
    local, domain = cleaned.split("@")
    try:
        return Address(display_name=clean_header(display_name), username=local, domain=domain)
    except (ValueError, IndexError) as exc:
        raise InvalidInputError(f"The email address {cleaned!r} is not valid ({exc}).") from exc


def build_message(account: SmtpAccount, mail: OutgoingMail) -> EmailMessage:
    """The letter as an email: a short text body and the attachments, with threading headers."""
    sender = _address(account.from_name, account.from_address)
    message = EmailMessage(policy=SMTP_POLICY)
    message["From"] = sender
    message["To"] = _address(mail.to_name, mail.to_address)
    message["Subject"] = case_subject(mail.case_key, mail.subject)
    message["Date"] = format_datetime(datetime.now(UTC))
    message["Message-ID"] = make_msgid(domain=sender.domain)
    if mail.in_reply_to:
        message["In-Reply-To"] = clean_header(mail.in_reply_to)
    references = [clean_header(ref) for ref in (*mail.references, mail.in_reply_to) if ref]
    if references:
        message["References"] = " ".join(dict.fromkeys(references))
    message.set_content(mail.body_text)
    for attachment in mail.attachments:
        maintype, _, subtype = attachment.media_type.partition("/")
        message.add_attachment(
            attachment.data,
            maintype=maintype,
            subtype=subtype or "octet-stream",
            filename=clean_header(attachment.filename),
            params=_text_charset(maintype, attachment.data),
        )
    return message


def _text_charset(maintype: str, data: bytes) -> dict[str, str]:
    """``charset=utf-8`` on a text part that is UTF-8, so a mail client does not read "Zoë" as Latin-1.

    A text file in another encoding (one the officer attached) is sent without a charset rather than with a
    wrong one; its bytes are sent unchanged either way (base64).
    """
    if maintype != "text":
        return {}
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return {}
    return {"charset": "utf-8"}


def send_message(account: SmtpAccount, message: EmailMessage, password: str | None) -> SentMail:
    """Hand the message to the server over TLS; never falls back to an unencrypted connection."""
    raw = message.as_bytes(policy=SMTP_POLICY)
    sender = str(message["From"].addresses[0].addr_spec)
    recipients = tuple(str(address.addr_spec) for address in message["To"].addresses)
    context = ssl.create_default_context(cafile=account.ca_file or None)
    try:
        client = _connect(account, context)
        with client:
            if account.user:
                if password is None:
                    raise SecretsError(
                        f"No SMTP password for {account.user} on {account.host} is saved in the keyring; "
                        "enter it in the mail settings."
                    )
                _login(client, account.user, password)
            refused = client.sendmail(sender, list(recipients), raw)
    except smtplib.SMTPAuthenticationError as exc:
        raise MailSendError(f"The mail server {account.host} rejected the SMTP user name or password.") from exc
    except smtplib.SMTPRecipientsRefused as exc:
        raise MailSendError(f"The mail server {account.host} refused the recipient {', '.join(recipients)}.") from exc
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise MailSendError(f"The letter could not be sent through {account.host}:{account.port} ({exc}).") from exc
    if refused:
        raise MailSendError(f"The mail server {account.host} refused {', '.join(refused)}.")
    return SentMail(message_id=str(message["Message-ID"]), raw=raw, recipients=recipients, sent_at=datetime.now(UTC))


def send_with_keyring(account: SmtpAccount, message: EmailMessage, secret_name: str) -> SentMail:
    """Send with the password saved in the system keyring under ``secret_name`` (see Settings)."""
    password = get_secret(secret_name) if account.user else None
    return send_message(account, message, password)


def _login(client: smtplib.SMTP, user: str, password: str) -> None:
    """smtplib only logs in with ASCII; AUTH PLAIN carries UTF-8 (RFC 4616), so non-ASCII passwords use it."""
    if user.isascii() and password.isascii():
        client.login(user, password)
        return
    client.ehlo_or_helo_if_needed()
    if "PLAIN" not in client.esmtp_features.get("auth", "").upper().split():
        raise MailSendError("The mail server does not accept AUTH PLAIN, which a non-ASCII password needs.")
    token = base64.b64encode(b"\0" + user.encode() + b"\0" + password.encode()).decode("ascii")
    code, reply = client.docmd("AUTH", f"PLAIN {token}")
    if code != 235:
        raise smtplib.SMTPAuthenticationError(code, reply)


def _connect(account: SmtpAccount, context: ssl.SSLContext) -> smtplib.SMTP:
    if account.security == "tls":
        return smtplib.SMTP_SSL(account.host, account.port, timeout=account.timeout, context=context)
    client = smtplib.SMTP(account.host, account.port, timeout=account.timeout)
    try:
        client.ehlo()
        if not client.has_extn("starttls"):
            raise MailSendError(f"The mail server {account.host} does not offer STARTTLS; the letter was not sent.")
        client.starttls(context=context)
        client.ehlo()
    except BaseException:
        client.close()
        raise
    return client

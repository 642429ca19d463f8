""" "Test connection" for the mail settings: connect, secure, log in, and say what happened in one sentence.

Plain Python (no Qt) run on the thread pool. It never falls back to an unencrypted connection, mirroring the
fetch and send code, and it uses the password typed in the dialog (or the saved one) without storing it.
"""

from __future__ import annotations

import contextlib
import smtplib
import ssl

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError

from lumetra_desk.core.errors import InvalidInputError, LumetraError
from lumetra_desk.core.mail import smtp as mail_out
from lumetra_desk.core.settings import ImapSettings, SmtpSettings

TIMEOUT_SECONDS = 20


class ConnectionTestError(LumetraError):
    """The server could not be reached, secured or logged in to."""


def _context(ca_file: str) -> ssl.SSLContext:
    return ssl.create_default_context(cafile=ca_file or None)


def check_imap(imap: ImapSettings, password: str) -> str:
    if not imap.configured:
        raise InvalidInputError("Enter the mailbox host and user first.")
    try:
        client = IMAPClient(
            imap.host,
            port=imap.port,
            ssl=imap.security == "tls",
            ssl_context=_context(imap.ca_file),
            timeout=TIMEOUT_SECONDS,
        )
        if imap.security == "starttls":
            client.starttls(_context(imap.ca_file))
        try:
            client.login(imap.user, password)
            info = client.select_folder(imap.folder, readonly=True)
        finally:
            with contextlib.suppress(OSError, IMAPClientError):
                client.logout()
    except LoginError as exc:
        raise ConnectionTestError(f"The mail server refused the login for {imap.user}.") from exc
    except ssl.SSLError as exc:
        raise ConnectionTestError(f"{imap.host} did not present a trusted certificate ({exc.reason or exc}).") from exc
    except (OSError, IMAPClientError) as exc:
        raise ConnectionTestError(f"{imap.host}:{imap.port} could not be used ({exc}).") from exc
    count = int(info.get(b"EXISTS", 0))
    return f"Connected: {count} message{'s' if count != 1 else ''} in {imap.folder}."


def check_smtp(smtp: SmtpSettings, password: str) -> str:
    if not smtp.configured:
        raise InvalidInputError("Enter the outgoing mail host first.")
    context = _context(smtp.ca_file)
    try:
        client: smtplib.SMTP
        if smtp.security == "tls":
            client = smtplib.SMTP_SSL(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS, context=context)
        else:
            client = smtplib.SMTP(smtp.host, smtp.port, timeout=TIMEOUT_SECONDS)
            client.ehlo()
            if not client.has_extn("starttls"):
                client.close()
                raise ConnectionTestError(f"{smtp.host} does not offer STARTTLS; letters would not be sent.")
            client.starttls(context=context)
            client.ehlo()
        with client:
            if smtp.user:
                mail_out._login(client, smtp.user, password)  # the sender's own login: UTF-8 passwords too
    except smtplib.SMTPAuthenticationError as exc:
        raise ConnectionTestError(f"{smtp.host} rejected the SMTP user name or password.") from exc
    except (smtplib.SMTPException, ssl.SSLError, OSError) as exc:
        raise ConnectionTestError(f"{smtp.host}:{smtp.port} could not be used ({exc}).") from exc
    return "Connected" + (f" and logged in as {smtp.user}." if smtp.user else " (no login needed).")

"""Fetching the privacy mailbox over IMAP (TLS or STARTTLS), incrementally and without changing it.

* Read-only by default: the folder is selected read-only and bodies are fetched with ``BODY.PEEK[]``, so
  not even the \\Seen flag changes. Nothing is ever deleted; with a processed folder set and ``move=True``
  each imported message is moved there (IMAP MOVE) after it is safely in the store.
* Incremental by UID: the last imported UID per account and folder is saved in the same transaction as the
  message, so a dropped connection or a kill resumes exactly where it stopped.
* UIDVALIDITY tracked: if the server renumbered the folder, everything is read again; content-hash
  deduplication keeps anything from being imported twice.
* Receipt time is the server's INTERNALDATE (when the message arrived in the mailbox).
* The password comes only from the keyring (``lumetra_desk.core.secrets``), never from the settings file.
"""

from __future__ import annotations

import contextlib
import imaplib
import ssl
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime

from imapclient import IMAPClient
from imapclient.exceptions import IMAPClientError, LoginError
from sqlmodel import Session, select

from lumetra_desk.core import secrets
from lumetra_desk.core.errors import InvalidInputError, LumetraError, SecretsError
from lumetra_desk.core.intake.importer import ImportResult, MailImporter
from lumetra_desk.core.settings import ImapSettings, Settings
from lumetra_desk.core.store.models import MailSourceState, utcnow

FETCH_BATCH = 25
TIMEOUT_SECONDS = 60


class MailServerError(LumetraError):
    """The mail server cannot be reached, refuses the login, or dropped the connection."""


@dataclass
class FetchSummary:
    account: str
    folder: str
    results: list[ImportResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    moved: int = 0

    def count(self, outcome: str) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)


def account_name(imap: ImapSettings) -> str:
    return f"{imap.user}@{imap.host}:{imap.port}"


def _ssl_context(imap: ImapSettings) -> ssl.SSLContext:
    if imap.ca_file:
        return ssl.create_default_context(cafile=imap.ca_file)
    return ssl.create_default_context()


def _password(imap: ImapSettings) -> str:
    password = secrets.get_secret(Settings.imap_secret_name(imap))
    if not password:
        raise SecretsError(
            f"No password for the mailbox {imap.user} on {imap.host} is saved in the keyring; "
            "enter it in Settings and try again."
        )
    return password


def _connect(imap: ImapSettings) -> IMAPClient:
    try:
        client = IMAPClient(
            imap.host,
            port=imap.port,
            ssl=imap.security == "tls",
            ssl_context=_ssl_context(imap),
            timeout=TIMEOUT_SECONDS,
        )
        if imap.security == "starttls":
            client.starttls(_ssl_context(imap))
    except ssl.SSLError as exc:
        raise MailServerError(
            f"The mail server {imap.host} did not present a trusted certificate ({exc.reason or exc})."
        ) from exc
    except (OSError, IMAPClientError) as exc:
        raise MailServerError(f"The mail server {imap.host}:{imap.port} cannot be reached ({exc}).") from exc
    client.normalise_times = False
    return client


def _as_utc(value: object) -> datetime | None:
    if not isinstance(value, datetime):
        return None
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


def fetch(
    importer: MailImporter,
    imap: ImapSettings,
    *,
    move: bool = False,
    after_each: Callable[[ImportResult], None] | None = None,
    batch_size: int = FETCH_BATCH,
) -> FetchSummary:
    """Import every message of the folder not imported yet; safe to run again at any time.

    Bodies are fetched ``batch_size`` at a time, which bounds memory for a mailbox of any size.
    """
    if not imap.configured:
        raise InvalidInputError("No mailbox is set up: enter the IMAP host and user in Settings first.")
    if move and not imap.processed_folder:
        raise InvalidInputError("No processed folder is set, so nothing can be moved; set one in Settings.")
    password = _password(imap)
    account = account_name(imap)
    summary = FetchSummary(account=account, folder=imap.folder)
    client = _connect(imap)
    try:
        try:
            client.login(imap.user, password)
        except LoginError as exc:
            raise MailServerError(
                f"The mail server refused the login for {imap.user}; check the user name and the password "
                "saved in the keyring."
            ) from exc
        _fetch_folder(client, importer, imap, account, move, summary, after_each, batch_size)
    except (OSError, imaplib.IMAP4.abort, IMAPClientError) as exc:
        done = len(summary.results)
        raise MailServerError(
            f"The connection to {imap.host} was lost after {done} message(s) ({type(exc).__name__}); "
            "everything fetched so far is saved, and running fetch again continues from there."
        ) from exc
    finally:
        _close(client)
    return summary


def _close(client: IMAPClient) -> None:
    """Log out politely; if the connection is already gone, just drop the socket."""
    try:
        client.logout()
    except Exception:  # the server may have dropped us already
        with contextlib.suppress(Exception):
            client.shutdown()


def _fetch_folder(
    client: IMAPClient,
    importer: MailImporter,
    imap: ImapSettings,
    account: str,
    move: bool,
    summary: FetchSummary,
    after_each: Callable[[ImportResult], None] | None,
    batch_size: int,
) -> None:
    try:
        selected = client.select_folder(imap.folder, readonly=not move)
    except IMAPClientError as exc:
        raise MailServerError(f"The folder {imap.folder!r} cannot be opened on {imap.host} ({exc}).") from exc
    uidvalidity = int(selected.get(b"UIDVALIDITY", 0))
    last_uid = _start_uid(importer, account, imap.folder, uidvalidity, summary)
    if move and last_uid:
        _move_left_behind(client, imap, last_uid, summary)
    uids = sorted(uid for uid in client.search(["UID", f"{last_uid + 1}:*"]) if uid > last_uid)
    for start in range(0, len(uids), batch_size):
        batch = uids[start : start + batch_size]
        fetched = client.fetch(batch, ["BODY.PEEK[]", "INTERNALDATE"])
        for uid in batch:
            data = fetched.get(uid)
            if data is None:  # expunged by another client meanwhile
                continue
            raw = bytes(data.get(b"BODY[]") or b"")
            result = importer.import_message(
                raw,
                source=f"imap://{account}/{imap.folder};UID={uid}",
                received_at=_as_utc(data.get(b"INTERNALDATE")),
                after=_remember(account, imap.folder, uidvalidity, uid),
            )
            summary.results.append(result)
            if move:
                client.move([uid], imap.processed_folder)
                summary.moved += 1
            if after_each is not None:
                after_each(result)


def _move_left_behind(client: IMAPClient, imap: ImapSettings, last_uid: int, summary: FetchSummary) -> None:
    """Messages imported by an earlier run whose move never happened (the connection dropped in between).

    With moving on, everything still in the folder at or below the saved UID is already in the store.
    """
    left = [uid for uid in client.search(["UID", f"1:{last_uid}"]) if uid <= last_uid]
    if not left:
        return
    client.move(left, imap.processed_folder)
    summary.moved += len(left)
    summary.notes.append(
        f"{len(left)} message(s) imported earlier but not yet moved were moved to {imap.processed_folder}."
    )


def _start_uid(importer: MailImporter, account: str, folder: str, uidvalidity: int, summary: FetchSummary) -> int:
    with importer.store.read() as session:
        state = _state(session, account, folder)
        if state is None:
            return 0
        if state.uidvalidity != uidvalidity:
            summary.notes.append(
                f"The server renumbered the folder {folder} (UIDVALIDITY changed); every message was checked "
                "again and those already imported were skipped."
            )
            return 0
        return state.last_uid


def _state(session: Session, account: str, folder: str) -> MailSourceState | None:
    statement = select(MailSourceState).where(MailSourceState.account == account, MailSourceState.folder == folder)
    return session.exec(statement).first()


def _remember(account: str, folder: str, uidvalidity: int, uid: int) -> Callable[[Session], None]:
    """Save the position inside the message's own transaction, so store and position never disagree."""

    def save(session: Session) -> None:
        state = _state(session, account, folder) or MailSourceState(account=account, folder=folder)
        state.uidvalidity = uidvalidity
        state.last_uid = uid
        state.updated_at = utcnow()
        session.add(state)

    return save

"""Mail into the store, exactly once: .eml files, mbox (streamed), Maildir, and single messages from IMAP.

Rules that make it safe to stop at any moment and run again:

* One write transaction per message. The raw bytes are the first row written in it, and the case, requester,
  deadlines, attachments and audit events follow in the same transaction, so a kill leaves either the whole
  message with everything it caused or nothing at all; a rerun finishes the rest.
* Identity is the SHA-256 of the raw bytes, plus the Message-ID from the same sender (the same mail fetched
  twice with slightly different transport headers). A mail without a Message-ID still dedupes by its bytes.
* If understanding a message fails (a bug, never the officer's fault), its transaction is rolled back and the
  raw message is stored again in a transaction of its own, waiting for review: nothing is lost. (A savepoint
  around the understanding would do the same, at a cost paid for every message instead of only on failure.)

Threading, in order: In-Reply-To/References, the case key in the subject (``[LD-2026-000123]``), the
original message inside a bounce, then a fallback: the same requester's most recent open case received in
the last ``FALLBACK_DAYS`` days. Auto-replies and bounces only ever attach; they never open a case.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from pathlib import Path
from typing import Any, BinaryIO, Literal

from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from lumetra_desk.core import audit
from lumetra_desk.core.cases import service
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.intake.classify import Classification, classify, default_vocabulary
from lumetra_desk.core.intake.parse import DEFAULT_MAX_ATTACHMENT_BYTES, ParsedMail, parse_mail
from lumetra_desk.core.store import bulk
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.mail_rows import MailRows
from lumetra_desk.core.store.models import Attachment, Case, Requester, utcnow

ACTOR = "intake"
FALLBACK_DAYS = 90
MAX_MESSAGE_BYTES = 150 * 1024 * 1024
"""A single mail above this is rejected: no mail system delivers it, so it is not a real message."""
CASE_KEY_IN_SUBJECT = re.compile(r"\b(LD-\d{4}-\d{6})\b")
_QUOTED_MESSAGE_ID = re.compile(r"^[ \t>]*Message-ID:[ \t]*(<[^<>\s]+>)", re.IGNORECASE | re.MULTILINE)

Outcome = Literal["new_case", "follow_up", "ignored", "duplicate", "rejected", "kept_for_review"]
AfterMessage = Callable[[Session], None]


@dataclass(frozen=True)
class ImportResult:
    source: str
    outcome: Outcome
    case_key: str | None = None
    reason: str = ""


@dataclass
class ImportSummary:
    """What one import run did, for the CLI and the GUI."""

    results: list[ImportResult] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    def count(self, outcome: Outcome) -> int:
        return sum(1 for result in self.results if result.outcome == outcome)

    @property
    def new_case_keys(self) -> list[str]:
        return [r.case_key for r in self.results if r.outcome == "new_case" and r.case_key]

    def as_dict(self) -> dict[str, Any]:
        return {
            "new_cases": self.new_case_keys,
            "follow_ups": self.count("follow_up"),
            "ignored": [{"source": r.source, "reason": r.reason} for r in self.results if r.outcome == "ignored"],
            "duplicates": self.count("duplicate"),
            "kept_for_review": [
                {"source": r.source, "reason": r.reason} for r in self.results if r.outcome == "kept_for_review"
            ],
            "rejected": [{"source": r.source, "reason": r.reason} for r in self.results if r.outcome == "rejected"],
            "notes": self.notes,
        }

    def text(self) -> str:
        keys = self.new_case_keys
        lines = [
            f"New cases: {len(keys)}" + (f" ({', '.join(keys)})" if keys else ""),
            f"Follow-ups attached: {self.count('follow_up')}",
            f"Ignored (kept for review, no case): {self.count('ignored')}",
            f"Already imported: {self.count('duplicate')}",
            f"Rejected: {self.count('rejected')}",
        ]
        for result in self.results:
            if result.outcome in {"ignored", "rejected", "kept_for_review"}:
                lines.append(f"  {result.outcome.replace('_', ' ')}: {result.source}: {result.reason}")
        lines.extend(self.notes)
        return "\n".join(lines)


@dataclass
class _StoredMessage:
    """The raw message row just written, and what understanding it decides (written back in one UPDATE)."""

    id: int
    received_at: datetime
    parse_problems: str
    case_id: int | None = None
    kind: str = "other"
    classification: str = "{}"
    review_state: str = "pending"


@dataclass(frozen=True)
class _CaseRef:
    """A case a mail was threaded to: all attaching needs, read without loading the case through the ORM."""

    id: int
    key: str


class _UnderstandingFailed(Exception):
    """Understanding a stored mail raised ``cause``; the mail is to be stored again, alone, for review."""

    def __init__(self, cause: Exception, classification: str) -> None:
        super().__init__(f"automatic processing failed ({type(cause).__name__})")
        self.cause = cause
        self.classification = classification


def _looks_like_mail(mail: ParsedMail) -> bool:
    return bool(mail.from_addr or mail.message_id or mail.subject or mail.date_header)


class MailImporter:
    """Imports messages into one store; each call to ``import_message`` is one transaction."""

    def __init__(
        self,
        store: Store,
        *,
        max_attachment_bytes: int = DEFAULT_MAX_ATTACHMENT_BYTES,
        progress: Callable[[ImportResult], None] | None = None,
    ) -> None:
        self.store = store
        self.max_attachment_bytes = max_attachment_bytes
        self.progress = progress
        default_vocabulary()

    # ------------------------------------------------------------------ one message
    def import_message(
        self,
        raw: bytes,
        *,
        source: str,
        received_at: datetime | None = None,
        after: AfterMessage | None = None,
    ) -> ImportResult:
        """Store and understand one raw message; ``after`` runs inside the same transaction (IMAP state)."""
        result = self._import(raw, source, received_at, after)
        if self.progress is not None:
            self.progress(result)
        return result

    def _import(
        self, raw: bytes, source: str, received_at: datetime | None, after: AfterMessage | None
    ) -> ImportResult:
        if len(raw) > MAX_MESSAGE_BYTES:
            return self._without_message(
                after, ImportResult(source, "rejected", reason="larger than 150 MB; not a single mail")
            )
        try:
            return self._store_and_understand(raw, source, received_at, after)
        except IntegrityError:  # another importer stored the same bytes a moment ago
            return self._without_message(after, ImportResult(source, "duplicate"))

    def _store_and_understand(
        self, raw: bytes, source: str, received_at: datetime | None, after: AfterMessage | None
    ) -> ImportResult:
        """The whole message in one write transaction, from the duplicate check to the audit event; if understanding
        it fails, that transaction is rolled back and the mail is stored alone in a second one.

        Parsing inside the transaction holds the write lock a millisecond or two longer and saves a separate read
        transaction per message; nothing is written before the raw bytes.
        """
        try:
            return self._in_one_transaction(raw, source, received_at, after, None)
        except _UnderstandingFailed as failure:  # everything it wrote is rolled back: store the mail alone
            return self._in_one_transaction(raw, source, received_at, after, failure)

    def _in_one_transaction(
        self,
        raw: bytes,
        source: str,
        received_at: datetime | None,
        after: AfterMessage | None,
        failure: _UnderstandingFailed | None,
    ) -> ImportResult:
        # Nothing below needs a query to see unflushed changes (every row a query looks for is written or
        # flushed when it is made), so autoflush would only cost a unit-of-work pass per query.
        with self.store.write() as session, session.no_autoflush:
            rows = MailRows(session)
            try:
                outcome = self._store_with(session, rows, raw, source, received_at, failure)
            finally:
                rows.close()
            if after is not None:
                after(session)
        return outcome

    def _store_with(
        self,
        session: Session,
        rows: MailRows,
        raw: bytes,
        source: str,
        received_at: datetime | None,
        failure: _UnderstandingFailed | None,
    ) -> ImportResult:
        """Store the raw mail, then understand it, unless an earlier try failed at that (``failure``)."""
        if rows.known_digest(hashlib.sha256(raw).hexdigest()):
            return ImportResult(source, "duplicate")
        mail = parse_mail(raw, self.max_attachment_bytes)
        if not _looks_like_mail(mail):
            return ImportResult(source, "rejected", reason="no mail headers (From, Subject, Date, Message-ID)")
        if mail.message_id and rows.known_message_id(mail.message_id, mail.from_addr):
            return ImportResult(source, "duplicate")
        message = self._store_raw(rows, raw, mail, source, received_at)
        if failure is None:
            try:
                outcome = self._understand(session, rows, message, mail, source)
                self._write_decision(rows, message)
            except Exception as exc:  # a bug in understanding one mail must never lose the mail
                raise _UnderstandingFailed(exc, message.classification) from exc
        else:
            message.parse_problems = "\n".join(
                filter(None, [message.parse_problems, f"Automatic processing failed ({type(failure.cause).__name__})."])
            )
            message.classification = failure.classification
            self._write_decision(rows, message)
            outcome = ImportResult(source, "kept_for_review", reason="automatic processing failed")
        audit.record(
            session,
            action="message.imported",
            case_id=message.case_id,
            entity="message",
            entity_id=message.id,
            after={"source": source, "kind": message.kind, "outcome": outcome.outcome, "case": outcome.case_key},
            actor=ACTOR,
        )
        return outcome

    def _without_message(self, after: AfterMessage | None, result: ImportResult) -> ImportResult:
        if after is not None:
            with self.store.write() as session:
                after(session)
        return result

    @staticmethod
    def _store_raw(
        rows: MailRows, raw: bytes, mail: ParsedMail, source: str, received_at: datetime | None
    ) -> _StoredMessage:
        """The raw bytes, verbatim, as the first row of the transaction (one plain INSERT)."""
        problems = list(mail.problems)
        receipt = received_at or mail.received_at
        if receipt is None:
            receipt = utcnow()
            problems.append("No receipt time in the mail; the import time was used.")
        message = _StoredMessage(id=0, received_at=receipt, parse_problems="\n".join(problems))
        message.id = rows.insert_message(
            {
                "direction": "in",
                "message_id_header": mail.message_id,
                "content_sha256": mail.content_sha256,
                "raw": raw,
                "source": source,
                "subject": mail.subject,
                "from_name": mail.from_name,
                "from_addr": mail.from_addr,
                "to_addrs": ", ".join(mail.to_addrs),
                "date_header": mail.date_header,
                "received_at": receipt,
                "in_reply_to": mail.in_reply_to or "",
                "references": " ".join(mail.references),
                "body_text": mail.body_text,
                "kind": message.kind,
                "classification": message.classification,
                "override": "{}",
                "review_state": message.review_state,
                "parse_problems": message.parse_problems,
                "created_at": utcnow(),
            }
        )
        return message

    @staticmethod
    def _write_decision(rows: MailRows, message: _StoredMessage) -> None:
        """What understanding decided, in one UPDATE."""
        rows.write_decision(
            message.id, message.case_id, message.kind, message.classification, message.review_state,
            message.parse_problems,
        )  # fmt: skip

    # ------------------------------------------------------------ understanding
    def _understand(
        self, session: Session, rows: MailRows, message: _StoredMessage, mail: ParsedMail, source: str
    ) -> ImportResult:
        outcome = self._decide(session, rows, message, mail, source)
        now = utcnow()
        bulk.insert_rows(
            session,
            Attachment,
            [
                {
                    "message_id": message.id,
                    "case_id": message.case_id,
                    "filename": attachment.filename,
                    "declared_type": attachment.declared_type,
                    "sniffed_type": attachment.sniffed_type or "",
                    "size": attachment.size,
                    "sha256": hashlib.sha256(attachment.content).hexdigest() if attachment.content else "",
                    "data": attachment.content,
                    "note": attachment.note or "",
                    "is_identity_document": False,
                    "purged_at": None,
                    "created_at": now,
                }
                for attachment in mail.attachments
            ],
        )
        return outcome

    def _decide(
        self, session: Session, rows: MailRows, message: _StoredMessage, mail: ParsedMail, source: str
    ) -> ImportResult:
        result = classify(mail)
        message.kind = result.kind
        message.classification = json.dumps(result.as_dict(), ensure_ascii=False)
        if result.kind == "spam":  # marketing never joins a case, so it is not looked up in any thread
            return self._leave(message, source, "spam or marketing")
        consumer_email = (result.agent and result.consumer.email) or mail.from_addr
        case = self._thread(rows, mail, result, consumer_email, message.received_at)
        if result.kind in {"auto_reply", "bounce"}:
            if case is None:
                return self._leave(message, source, f"{result.kind.replace('_', '-')} that matches no case")
            return self._attach(session, message, case, source, result, add_types=False)
        if case is not None:
            return self._attach(session, message, case, source, result, add_types=result.is_request)
        if not result.is_request:
            return self._leave(message, source, "not a privacy request")
        return self._open_case(session, message, mail, result, consumer_email, source)

    def _thread(
        self, rows: MailRows, mail: ParsedMail, result: Classification, consumer_email: str, received: datetime
    ) -> _CaseRef | None:
        """The case this mail belongs to, found with plain look-ups (most follow-ups never need the case object)."""
        referenced = [*([mail.in_reply_to] if mail.in_reply_to else []), *reversed(mail.references)]
        if result.kind == "bounce":
            referenced[:0] = _returned_message_ids(mail)
        case_id = rows.case_of_messages(referenced)
        if case_id is not None and (live := rows.live_case(case_id)) is not None:
            return _CaseRef(*live)
        key_match = CASE_KEY_IN_SUBJECT.search(mail.subject)
        if key_match is None and result.kind == "bounce":  # a plain bounce quotes the returned mail's subject
            key_match = CASE_KEY_IN_SUBJECT.search(mail.body_text)
        case_id = rows.case_by_key(key_match.group(1)) if key_match else None
        if case_id is not None and (live := rows.live_case(case_id)) is not None:
            return _CaseRef(*live)
        if result.kind == "bounce" or not consumer_email:
            return None
        since = received - timedelta(days=FALLBACK_DAYS)
        recent = rows.recent_open_case(consumer_email, since, service.CLOSED_STATUSES)
        return _CaseRef(*recent) if recent is not None else None

    @staticmethod
    def _leave(message: _StoredMessage, source: str, reason: str) -> ImportResult:
        message.review_state = "pending"
        return ImportResult(source, "ignored", reason=reason)

    def _attach(
        self,
        session: Session,
        message: _StoredMessage,
        threaded: _CaseRef,
        source: str,
        result: Classification,
        *,
        add_types: bool,
    ) -> ImportResult:
        case = threaded
        if add_types and result.request_types and (loaded := session.get(Case, threaded.id)) is not None:
            # A new right joins an open case; an appeal, or a right asked after the answer, becomes its own case.
            landed = service.add_request_types(
                session,
                loaded,
                result.request_types,
                actor=ACTOR,
                reason=f"follow-up mail ({'; '.join(result.evidence[:3])})",
                received_at=message.received_at,
            )
            case = _CaseRef(landed.id or 0, landed.key)
        message.case_id = case.id
        message.review_state = "attached"
        if case.id != threaded.id:
            return ImportResult(source, "new_case", case_key=case.key, reason=f"asked after {threaded.key}")
        return ImportResult(source, "follow_up", case_key=case.key, reason=result.kind)

    def _open_case(
        self,
        session: Session,
        message: _StoredMessage,
        mail: ParsedMail,
        result: Classification,
        consumer_email: str,
        source: str,
    ) -> ImportResult:
        # For an authorized agent the requester is the consumer the mail names, never the agent.
        requester = service.find_or_create_requester(
            session,
            consumer_email,
            name=result.consumer.name if result.agent else mail.from_name,
            postal_address=result.consumer.postal_address,
        )
        jurisdiction = result.jurisdiction
        if jurisdiction == "unknown":
            jurisdiction = self._jurisdiction_on_file(session, requester)
        primary = result.primary or result.request_types[0]
        types = [primary, *(t for t in result.request_types if t != primary)]
        case = service.open_case(
            session,
            requester=requester,
            request_types=types,
            received_at=message.received_at,
            jurisdiction=jurisdiction,
            subject=mail.subject,
            language=result.language if result.language != "unknown" else "en",
            agent_name=mail.from_name if result.agent else "",
            agent_email=mail.from_addr if result.agent else "",
            actor=ACTOR,
        )
        message.case_id = case.id
        message.review_state = "pending"
        return ImportResult(source, "new_case", case_key=case.key, reason=primary)

    @staticmethod
    def _jurisdiction_on_file(session: Session, requester: Requester) -> str:
        """The account profile: the jurisdiction of this requester's latest case, if any."""
        statement = (
            select(Case.jurisdiction)
            .where(Case.requester_id == requester.id, Case.jurisdiction != "unknown")
            .order_by(col(Case.received_at).desc())
        )
        return session.exec(statement).first() or "unknown"

    # ------------------------------------------------------------------ sources
    def import_paths(self, paths: Iterable[Path]) -> ImportSummary:
        """Import files and folders: .eml files, mbox files, Maildir folders, folders of .eml files."""
        summary = ImportSummary()
        eml_files: list[Path] = []
        for path in paths:
            if not path.exists():
                summary.results.append(ImportResult(str(path), "rejected", reason="no such file or folder"))
            elif path.is_dir() and all((path / sub).is_dir() for sub in ("cur", "new")):
                summary.results.extend(self.import_maildir(path))
            elif path.is_dir():
                eml_files.extend(sorted(p for p in path.rglob("*.eml") if p.is_file()))
            elif _is_mbox(path):
                summary.results.extend(self.import_mbox(path))
            else:
                eml_files.append(path)
        summary.results.extend(self.import_eml_files(eml_files))
        return summary

    def import_eml_files(self, files: Iterable[Path]) -> Iterator[ImportResult]:
        """Oldest first (by receipt time in the headers), so originals exist before their replies."""
        for path in sorted(files, key=_receipt_sort_key):
            try:
                raw = path.read_bytes()
            except OSError as exc:
                yield ImportResult(str(path), "rejected", reason=f"cannot be read ({exc.strerror})")
                continue
            yield self.import_message(raw, source=str(path))

    def import_maildir(self, folder: Path) -> Iterator[ImportResult]:
        files = [p for sub in ("cur", "new") for p in (folder / sub).iterdir() if p.is_file()]
        yield from self.import_eml_files(files)

    def import_mbox(self, path: Path) -> Iterator[ImportResult]:
        try:
            with path.open("rb") as handle:
                for number, raw in enumerate(iter_mbox(handle), start=1):
                    yield self.import_message(raw, source=f"{path}#{number}")
        except OSError as exc:
            raise InvalidInputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def _returned_message_ids(mail: ParsedMail) -> list[str]:
    """The Message-ID of the mail a bounce returns: from its attached original, else from a copy in its text.

    Delivery reports attach the original (message/rfc822 or text/rfc822-headers); older servers (qmail, some
    Exchange versions) paste it below the explanation instead.
    """
    if mail.bounced_message_id:
        return [mail.bounced_message_id]
    return _QUOTED_MESSAGE_ID.findall(mail.body_text)[:1]


def _is_mbox(path: Path) -> bool:
    try:
        with path.open("rb") as handle:
            return handle.read(5) == b"From "
    except OSError:
        return False


def _receipt_sort_key(path: Path) -> tuple[str, str]:
    """Receipt time from the headers only (cheap), then the name; unreadable files sort last."""
    try:
        with path.open("rb") as handle:
            head = handle.read(64 * 1024)
    except OSError:
        return ("9999", path.name)
    header_block = re.split(rb"\r?\n\r?\n", head, maxsplit=1)[0]
    mail = parse_mail(header_block + b"\n\n", 0)
    stamp = mail.received_at.isoformat() if mail.received_at else "9999"
    return (stamp, path.name)


def iter_mbox(handle: BinaryIO) -> Iterator[bytes]:
    """Messages of an mbox file one at a time (memory stays flat however big the file is).

    A message starts at a ``From `` line at the start of the file or after an empty line; ``>From`` quoting
    (mboxrd) is undone, and the line ending before the next separator belongs to the separator.
    """
    lines: list[bytes] = []
    previous_blank = True
    for line in handle:
        if line.startswith(b"From ") and previous_blank:
            if lines:
                yield _mbox_message(lines)
            lines = []
            previous_blank = False
            continue
        previous_blank = line in (b"\n", b"\r\n")
        if line.startswith(b">") and line.lstrip(b">").startswith(b"From "):
            line = line[1:]
        lines.append(line)
    if lines:
        yield _mbox_message(lines)


def _mbox_message(lines: list[bytes]) -> bytes:
    if lines and lines[-1] in (b"\n", b"\r\n"):
        lines = lines[:-1]
    return b"".join(lines)


def default_max_attachment_bytes(limit_mb: int) -> int:
    return max(1, limit_mb) * 1024 * 1024

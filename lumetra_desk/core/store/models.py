"""The tables of the store.

Times are timezone-aware UTC ``datetime`` values; statutory dates are ``date`` values. Raw mail and every attachment,
letter and evidence file live inside the (encrypted) store, never as loose files. Columns that hold a value the
case engine derives (``Case.due_date``) are there so 100k cases sort and filter on an index; they are rewritten
by the service that recomputes them and never typed by hand.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

from sqlalchemy import Column, Index, LargeBinary, Text, UniqueConstraint, text
from sqlmodel import Field, SQLModel

from lumetra_desk.core.store.case_list import CASE_LIST_FILTERED, CASE_LIST_ORDERS, case_list_index


def utcnow() -> datetime:
    return datetime.now(UTC)


class Requester(SQLModel, table=True):
    """A person who made a request; matched by e-mail address."""

    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(index=True, unique=True)  # lower-cased
    name: str = ""
    tier: str = Field(default="unknown")  # free | paid | enterprise | unknown
    account_ref: str = ""
    postal_address: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Case(SQLModel, table=True):
    """One privacy request and everything done about it."""

    __table_args__ = (
        Index("ix_case_status_due", "status", "due_date"),
        Index("ix_case_jurisdiction_due", "jurisdiction", "due_date"),
        *(
            Index(case_list_index(sort), column, "id", *(c for c in CASE_LIST_FILTERED if c != column))
            for sort, column in CASE_LIST_ORDERS.items()
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    key: str = Field(index=True, unique=True)  # LD-2026-000123
    requester_id: int = Field(foreign_key="requester.id", index=True)
    status: str = Field(default="new")
    jurisdiction: str = Field(default="unknown")  # US-CA, EU, UK, unknown
    jurisdiction_assumed: bool = False
    tier: str = Field(default="unknown")
    channel: str = Field(default="email")  # the "manner" of the request for the register
    capacity: str = Field(default="consumer")  # consumer | employee | business contact
    language: str = Field(default="en")
    subject: str = ""
    received_at: datetime = Field(index=True)  # when the request reached us: the clock starts here
    due_date: date | None = Field(default=None, index=True)  # the governing deadline now (derived)
    due_event: str = ""  # which deadline due_date is (respond, respond_extended, appeal_decision...)
    agent_name: str = ""
    agent_email: str = ""
    outcome: str = ""  # complied | partly | denied | unable_to_verify | redirected | ...
    outcome_reason: str = ""
    parent_case_id: int | None = Field(default=None, foreign_key="case.id", index=True)  # appeal -> original
    merged_into_id: int | None = Field(default=None, foreign_key="case.id")
    ag_contact_given: bool | None = None  # appeal decisions: whether the Attorney General contact was given
    responded_at: datetime | None = None
    closed_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)
    updated_at: datetime = Field(default_factory=utcnow)


class CaseRequestType(SQLModel, table=True):
    """One right exercised in a case (a mail often asks for several)."""

    __tablename__ = "case_request_type"
    __table_args__ = (
        UniqueConstraint("case_id", "request_type"),
        Index("ix_case_request_type_type_case", "request_type", "case_id"),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    request_type: str
    is_primary: bool = False
    outcome: str = ""
    outcome_reason: str = ""


class Message(SQLModel, table=True):
    """A mail received or sent, kept byte for byte, plus what was read out of it."""

    __table_args__ = (Index("ix_message_case_received", "case_id", "received_at"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, foreign_key="case.id")
    direction: str = "in"  # in | out
    message_id_header: str | None = Field(default=None, index=True)
    content_sha256: str = Field(index=True, unique=True)
    raw: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    source: str = ""  # imap://account/folder;UID=7, file path, "demo", "sent"
    subject: str = ""
    from_name: str = ""
    from_addr: str = Field(default="", index=True)
    to_addrs: str = ""
    date_header: datetime | None = None  # what the sender claims
    received_at: datetime  # server arrival (INTERNALDATE) or newest Received header
    in_reply_to: str = ""
    references: str = ""  # space separated
    body_text: str = Field(default="", sa_column=Column(Text, nullable=False, default=""))
    kind: str = "other"  # request | auto_reply | bounce | spam | other | outgoing
    classification: str = "{}"  # JSON: request types, jurisdiction, agent, language, confidence, evidence
    override: str = "{}"  # JSON: the officer's corrections of the classification
    review_state: str = Field(default="pending", index=True)  # pending | accepted | dismissed | attached
    parse_problems: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class Attachment(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    message_id: int | None = Field(default=None, foreign_key="message.id", index=True)
    case_id: int | None = Field(default=None, foreign_key="case.id", index=True)
    filename: str  # sanitised
    declared_type: str = ""
    sniffed_type: str = ""
    size: int = 0
    sha256: str = ""
    data: bytes | None = Field(default=None, sa_column=Column(LargeBinary, nullable=True))
    note: str = ""  # e.g. "larger than the 25 MB limit; not kept"
    is_identity_document: bool = False  # purged when the case closes (data minimisation)
    purged_at: datetime | None = None
    created_at: datetime = Field(default_factory=utcnow)


class VerificationStep(SQLModel, table=True):
    __tablename__ = "verification_step"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    code: str  # data_point_1, signed_declaration, agent_permission, consumer_confirmation, ...
    description: str = ""
    required: bool = True
    status: str = "pending"  # pending | passed | failed | waived
    evidence_attachment_id: int | None = Field(default=None, foreign_key="attachment.id")
    evidence_note: str = ""
    decided_by: str = ""
    decided_at: datetime | None = None
    position: int = 0


class ClockEvent(SQLModel, table=True):
    """Something that moves a statutory clock: ID asked/received, clarification, extension, appeal."""

    __tablename__ = "clock_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str
    occurred_on: date
    reason: str = ""
    recorded_by: str = ""
    recorded_at: datetime = Field(default_factory=utcnow)


class Deadline(SQLModel, table=True):
    """A deadline the statute engine computed; superseded rows stay as the history."""

    __table_args__ = (
        # The current rows by case and event, covering the reminders' lookup of the rule behind a due date
        # (migration 0006 says why each column is there).
        Index(
            "ix_deadline_governing",
            "case_id",
            "event",
            "superseded_at",
            "due",
            "id",
            "basis",
            sqlite_where=text("superseded_at IS NULL"),
        ),
    )

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    request_type: str = ""
    event: str  # acknowledge, respond, respond_extended, extension_notice_by, appeal_decision, ...
    due: date = Field(index=True)
    basis: str = ""  # the citation
    confirmed: bool = True
    assumed: bool = False
    note: str = ""
    computed_at: datetime = Field(default_factory=utcnow)
    superseded_at: datetime | None = None


class Letter(SQLModel, table=True):
    """An issued letter exactly as issued; a re-issue is a new version, never an overwrite."""

    __table_args__ = (UniqueConstraint("case_id", "kind", "version"),)

    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    kind: str
    version: int = 1
    filename: str = ""
    pdf: bytes = Field(sa_column=Column(LargeBinary, nullable=False))
    sha256: str
    snapshot: str = Field(default="{}", sa_column=Column(Text, nullable=False, default="{}"))
    password_protected: bool = False
    issued_at: datetime = Field(default_factory=utcnow)
    issued_by: str = ""
    sent_at: datetime | None = None
    sent_message_id: int | None = Field(default=None, foreign_key="message.id")


class Note(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    case_id: int = Field(foreign_key="case.id", index=True)
    body: str = Field(sa_column=Column(Text, nullable=False))
    author: str = ""
    created_at: datetime = Field(default_factory=utcnow)


class AuditEvent(SQLModel, table=True):
    """Append-only, hash-chained record of every change (see lumetra_desk.core.audit)."""

    __tablename__ = "audit_event"

    id: int | None = Field(default=None, primary_key=True)
    case_id: int | None = Field(default=None, index=True)
    at: datetime = Field(default_factory=utcnow)
    actor: str = ""
    action: str
    entity: str = ""
    entity_id: int | None = None
    before: str = "{}"
    after: str = "{}"
    # The random salt and the SHA-256 of (salt, before, after), which the chained hash covers; a retention purge
    # may erase before, after and the salt. Empty digest: an event written before digests (hash scheme 1).
    payload_salt: str = ""
    payload_digest: str = ""
    prev_hash: str = ""
    hash: str = ""


class MailSourceState(SQLModel, table=True):
    """How far an IMAP folder has been read, so fetching resumes where it stopped."""

    __tablename__ = "mail_source_state"
    __table_args__ = (UniqueConstraint("account", "folder"),)

    id: int | None = Field(default=None, primary_key=True)
    account: str
    folder: str
    uidvalidity: int = 0
    last_uid: int = 0
    updated_at: datetime = Field(default_factory=utcnow)


class CaseCounter(SQLModel, table=True):
    """The last case number handed out per year, so keys stay gap-free under concurrent writers."""

    __tablename__ = "case_counter"

    year: int = Field(primary_key=True)
    last_number: int = 0

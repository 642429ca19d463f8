"""A case's full record as an evidence bundle: JSON, the raw mails, attachments, letters and a manifest.

The manifest lists the SHA-256 of every file, so whoever receives the bundle (a regulator, counsel) can
check that nothing was changed after it left the desk. The duplicates merged into the case and its appeals
come along under ``linked/KEY/``, each with its own record, letters and audit events: the case's story is
whole without a second export.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from lumetra_desk.core.cases import service, workflow
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.store.models import (
    Attachment,
    AuditEvent,
    Case,
    CaseRequestType,
    ClockEvent,
    Deadline,
    Letter,
    Message,
    Note,
    Requester,
    VerificationStep,
    utcnow,
)

_BINARY_FIELDS = {"raw", "data", "pdf"}


def _safe_name(name: str) -> str:
    cleaned = re.sub(r"[^\w.-]+", "_", name).strip("._")
    return cleaned or "file"


def _row(model: SQLModel) -> dict[str, Any]:
    return {k: v for k, v in model.model_dump().items() if k not in _BINARY_FIELDS}


def case_record(session: Session, case: Case) -> dict[str, Any]:
    """Everything the store holds about a case, without the file bytes (they go beside the JSON)."""
    case_id = case.id or 0

    def rows(model: type[SQLModel], column: Any) -> list[dict[str, Any]]:
        found = session.exec(select(model).where(column == case_id).order_by(model.id)).all()  # type: ignore[attr-defined]
        return [_row(r) for r in found]

    requester = session.get(Requester, case.requester_id)
    return {
        "case": _row(case),
        "whose_turn": workflow.whose_turn(case),
        "requester": _row(requester) if requester else None,
        "request_types": rows(CaseRequestType, col(CaseRequestType.case_id)),
        "messages": rows(Message, col(Message.case_id)),
        "attachments": rows(Attachment, col(Attachment.case_id)),
        "verification_steps": rows(VerificationStep, col(VerificationStep.case_id)),
        "clock_events": rows(ClockEvent, col(ClockEvent.case_id)),
        "deadlines": rows(Deadline, col(Deadline.case_id)),
        "letters": rows(Letter, col(Letter.case_id)),
        "notes": rows(Note, col(Note.case_id)),
        "linked_cases": linked_cases(session, case),
        "free_request_notices": service.free_request_notices(session, case),
        "audit_trail": rows(AuditEvent, col(AuditEvent.case_id)),
    }


def _children(session: Session, case: Case) -> list[Case]:
    """The cases that belong to this one: its appeals and the duplicates merged into it."""
    return list(
        session.exec(
            select(Case)
            .where((col(Case.parent_case_id) == case.id) | (col(Case.merged_into_id) == case.id))
            .order_by(col(Case.id))
        ).all()
    )


def linked_cases(session: Session, case: Case) -> list[dict[str, str]]:
    """The case's original (of an appeal) or kept case (of a duplicate), then its appeals and merged duplicates."""
    links = []
    for relation, other_id in (("appeal_of", case.parent_case_id), ("merged_into", case.merged_into_id)):
        other = session.get(Case, other_id) if other_id else None
        if other is not None:
            links.append({"key": other.key, "status": other.status, "relation": relation})
    links += [
        {"key": c.key, "status": c.status, "relation": "appeal" if c.parent_case_id == case.id else "merged"}
        for c in _children(session, case)
    ]
    return links


def _bundle_files(session: Session, case: Case, prefix: str, files: dict[str, bytes]) -> None:
    """The case's files under ``prefix``, then those of every case linked to it under ``linked/KEY/``."""
    case_id = case.id or 0
    for message in session.exec(select(Message).where(Message.case_id == case_id).order_by(col(Message.id))).all():
        files[f"{prefix}messages/{message.id:06d}-{message.direction}.eml"] = message.raw
    for attachment in session.exec(select(Attachment).where(Attachment.case_id == case_id)).all():
        if attachment.data is not None:
            files[f"{prefix}attachments/{attachment.id:06d}-{_safe_name(attachment.filename)}"] = attachment.data
    for letter in session.exec(select(Letter).where(Letter.case_id == case_id)).all():
        files[f"{prefix}letters/{_safe_name(letter.filename or f'letter-{letter.id}.pdf')}"] = letter.pdf
    record = case_record(session, case)
    files[f"{prefix}case.json"] = json.dumps(record, indent=2, ensure_ascii=False, default=str).encode()
    for child in _children(session, case):
        _bundle_files(session, child, f"{prefix}linked/{child.key}/", files)


def export_case(session: Session, case: Case, directory: Path) -> Path:
    """Write the bundle into ``directory`` (new or empty) and return the manifest's path."""
    if directory.exists() and any(directory.iterdir()):
        raise InvalidInputError(f"{directory} is not empty; choose a new folder for the evidence bundle.")
    files: dict[str, bytes] = {}
    _bundle_files(session, case, "", files)
    try:
        for name, data in files.items():
            target = directory / name
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(data)
        manifest = {
            "case": case.key,
            "exported_at": utcnow().isoformat(),
            "files": {name: hashlib.sha256(data).hexdigest() for name, data in sorted(files.items())},
        }
        manifest_file = directory / "manifest.json"
        manifest_file.write_text(json.dumps(manifest, indent=2))
    except OSError as exc:
        raise InvalidInputError(f"The evidence bundle could not be written to {directory} ({exc.strerror}).") from exc
    return manifest_file

"""The personal information the desk itself holds about a requester, exported as JSON and CSV.

The specific-pieces letter always carries this export, built from the store when the letter is issued: the
requester's details, every request they made, the verification of those requests and the correspondence with
them. Exports from the company's other systems are added by the officer as further files. Internal notes and
the audit trail are the privacy office's own working records and are left out; the officer decides on them.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from datetime import date, datetime
from typing import Any

from sqlmodel import Session, col, select

from lumetra_desk.core.cases.service import request_types_of
from lumetra_desk.core.errors import NotFoundError
from lumetra_desk.core.mail.smtp import OutgoingAttachment
from lumetra_desk.core.store.models import Attachment, Case, Message, Requester, VerificationStep

JSON_TYPE = "application/json"
CSV_TYPE = "text/csv"


def export_filenames(case_key: str) -> tuple[str, str]:
    return f"{case_key}-records.json", f"{case_key}-records.csv"


def requester_export(session: Session, case: Case, *, prepared_on: date) -> tuple[OutgoingAttachment, ...]:
    """The requester's records in the store as a JSON file and the same records flattened into a CSV file."""
    record = requester_record(session, case, prepared_on=prepared_on)
    json_name, csv_name = export_filenames(case.key)
    as_json = json.dumps(record, indent=2, ensure_ascii=False).encode("utf-8")
    return (
        OutgoingAttachment(json_name, as_json, JSON_TYPE),
        OutgoingAttachment(csv_name, _csv(record), CSV_TYPE),
    )


def requester_record(session: Session, case: Case, *, prepared_on: date) -> dict[str, Any]:
    """Everything the store holds about the requester of ``case``, across all their requests."""
    requester = session.get(Requester, case.requester_id)
    if requester is None:
        raise NotFoundError(f"Case {case.key} has no requester.")
    cases = session.exec(
        select(Case).where(Case.requester_id == requester.id).order_by(col(Case.received_at), col(Case.id))
    ).all()
    return {
        "prepared_on": prepared_on.isoformat(),
        "for_request": case.key,
        "your_details": {
            "name": requester.name,
            "email": requester.email,
            "postal_address": requester.postal_address,
            "account_tier": requester.tier,
            "account_reference": requester.account_ref,
            "first_contact": _when(requester.created_at),
        },
        "your_requests": [_request(session, each) for each in cases],
    }


def _request(session: Session, case: Case) -> dict[str, Any]:
    case_id = case.id or 0
    steps = session.exec(
        select(VerificationStep)
        .where(VerificationStep.case_id == case_id)
        .order_by(col(VerificationStep.position), col(VerificationStep.id))
    ).all()
    messages = session.exec(
        select(Message).where(Message.case_id == case_id).order_by(col(Message.received_at), col(Message.id))
    ).all()
    return {
        "reference": case.key,
        "received": _when(case.received_at),
        "request_types": request_types_of(session, case_id),
        "jurisdiction": case.jurisdiction,
        "status": case.status,
        "outcome": case.outcome,
        "authorized_agent": case.agent_name or case.agent_email,
        "verification": [
            {"step": step.description or step.code, "status": step.status, "decided": _when(step.decided_at)}
            for step in steps
        ],
        "correspondence": [_message(session, message) for message in messages],
    }


def _message(session: Session, message: Message) -> dict[str, Any]:
    attachments = session.exec(
        select(Attachment).where(Attachment.message_id == message.id).order_by(col(Attachment.id))
    ).all()
    return {
        "date": _when(message.received_at),
        "direction": "from you" if message.direction == "in" else "from us",
        "from": f"{message.from_name} <{message.from_addr}>" if message.from_name else message.from_addr,
        "to": message.to_addrs,
        "subject": message.subject,
        "text": message.body_text,
        "attachments": [attachment.filename for attachment in attachments],
    }


def _when(value: datetime | None) -> str:
    return value.isoformat(timespec="seconds") if value else ""


def _csv(record: dict[str, Any]) -> bytes:
    """One row per value: where it sits in the JSON (section, item) and what it is (field, value).

    Written with a byte-order mark so spreadsheet programs read the UTF-8 names correctly.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\r\n")
    writer.writerow(["section", "item", "field", "value"])
    writer.writerows(_rows(record))
    return buffer.getvalue().encode("utf-8-sig")


def _rows(record: dict[str, Any]) -> Iterator[tuple[str, str, str, str]]:
    for field, value in record["your_details"].items():
        yield "your details", "", field, str(value)
    for request in record["your_requests"]:
        reference = request["reference"]
        for field, value in request.items():
            if field in ("reference", "verification", "correspondence"):
                continue
            text = ", ".join(value) if isinstance(value, list) else str(value)
            yield "request", reference, field, text
        for number, step in enumerate(request["verification"], start=1):
            for field, value in step.items():
                yield "verification", f"{reference} step {number}", field, str(value)
        for number, message in enumerate(request["correspondence"], start=1):
            for field, value in message.items():
                text = ", ".join(value) if isinstance(value, list) else str(value)
                yield "correspondence", f"{reference} message {number}", field, text

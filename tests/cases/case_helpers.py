"""Building cases for the case-work tests through the same service calls intake uses."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, date, datetime

from lumetra_desk.core.cases import service
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Message

RECEIVED = datetime(2026, 3, 2, 9, 0, tzinfo=UTC)


def make_case(
    store: Store,
    *,
    types: Sequence[str] = ("access",),
    jurisdiction: str = "US-CA",
    email: str = "ana@example.com",
    tier: str = "unknown",  # as for a request that came by mail: nobody has recorded an Engram account yet
    received: datetime = RECEIVED,
    agent_name: str = "",
    with_message: str = "",
) -> str:
    with store.write() as session:
        requester = service.find_or_create_requester(session, email, name="Ana", tier=tier)
        case = service.open_case(
            session,
            requester=requester,
            request_types=types,
            received_at=received,
            jurisdiction=jurisdiction,
            agent_name=agent_name,
            actor="test",
        )
        if with_message:
            session.add(
                Message(
                    case_id=case.id,
                    content_sha256=with_message,
                    raw=f"Subject: {with_message}\r\n\r\nbody\r\n".encode(),
                    subject=with_message,
                    received_at=received,
                )
            )
        return case.key


def issue_extension_notice(store: Store, key: str, today: date) -> None:
    issue_letter(store, key, "extension_notice", Settings(), LetterExtras(extension_reason="many records"), today=today)

"""The mail importer's own statements, run on the DB-API cursor of the current write transaction.

Importing a message takes about a dozen small statements; through SQLAlchemy each costs more to prepare than
SQLite needs to run it, and importing is judged against a floor of one insert per message. These are the
importer's statements (duplicate checks, the raw message, what was decided, the thread look-ups), written once
here, where the store's SQL lives. Values are stored as SQLAlchemy's SQLite types store them (``bulk``).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from datetime import datetime
from typing import Any

from sqlmodel import Session

from lumetra_desk.core.store import bulk
from lumetra_desk.core.store.models import Message

_KNOWN_DIGEST = "SELECT 1 FROM message WHERE content_sha256 = ? LIMIT 1"
_KNOWN_MESSAGE_ID = "SELECT 1 FROM message WHERE message_id_header = ? AND from_addr = ? AND direction = 'in' LIMIT 1"
_WRITE_DECISION = (
    "UPDATE message SET case_id = ?, kind = ?, classification = ?, review_state = ?, parse_problems = ? WHERE id = ?"
)
_CASE_OF_MESSAGES = (
    "SELECT case_id FROM message WHERE message_id_header IN ({marks}) AND case_id IS NOT NULL "
    "ORDER BY received_at DESC LIMIT 1"
)
_CASE_BY_KEY = 'SELECT id FROM "case" WHERE "key" = ?'
_CASE_KEY_AND_MERGE = 'SELECT "key", merged_into_id FROM "case" WHERE id = ?'
_RECENT_OPEN_CASE = (
    'SELECT "case".id, "case"."key" FROM "case" JOIN requester ON requester.id = "case".requester_id '
    'WHERE requester.email = ? AND "case".status NOT IN ({marks}) AND "case".merged_into_id IS NULL '
    'AND "case".received_at >= ? ORDER BY "case".received_at DESC LIMIT 1'
)


class MailRows:
    """The statements of one message's write transaction; close it before the transaction ends."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._cursor = bulk.dbapi_connection(session).cursor()

    def close(self) -> None:
        self._cursor.close()

    def _first(self, sql: str, params: Sequence[Any]) -> Any:
        row = self._cursor.execute(sql, params).fetchone()
        return None if row is None else row[0]

    def known_digest(self, digest: str) -> bool:
        return self._first(_KNOWN_DIGEST, (digest,)) is not None

    def known_message_id(self, message_id: str, from_addr: str) -> bool:
        """An incoming mail with this Message-ID from the same sender is already stored."""
        return self._first(_KNOWN_MESSAGE_ID, (message_id, from_addr)) is not None

    def insert_message(self, values: Mapping[str, Any]) -> int:
        """One message row; the same bytes stored a moment ago by another importer raise IntegrityError."""
        return bulk.insert_one(self._session, Message, values)

    def write_decision(
        self, message_id: int, case_id: int | None, kind: str, classification: str, review_state: str, problems: str
    ) -> None:
        """What understanding the message decided. Its case names its full-text row: the message is indexed
        here, once, and not when its raw bytes were stored without a case."""
        self._cursor.execute(_WRITE_DECISION, (case_id, kind, classification, review_state, problems, message_id))

    def case_of_messages(self, message_ids: Sequence[str]) -> int | None:
        """The case of the newest stored message among these Message-IDs."""
        marks = ", ".join("?" * len(message_ids))
        return self._first(_CASE_OF_MESSAGES.format(marks=marks), tuple(message_ids)) if message_ids else None

    def case_by_key(self, key: str) -> int | None:
        return self._first(_CASE_BY_KEY, (key,))

    def live_case(self, case_id: int) -> tuple[int, str] | None:
        """The id and key of this case or, if it was merged, of the case it was merged into (followed to the end).

        None when there is no such case. A chain that loops back, or points to a missing case, stops at the
        last case found.
        """
        row = self._cursor.execute(_CASE_KEY_AND_MERGE, (case_id,)).fetchone()
        if row is None:
            return None
        live, seen = (case_id, str(row[0])), {case_id}
        while (target := row[1]) is not None and target not in seen:
            row = self._cursor.execute(_CASE_KEY_AND_MERGE, (target,)).fetchone()
            if row is None:
                break
            live = (target, str(row[0]))
            seen.add(target)
        return live

    def recent_open_case(self, email: str, since: datetime, closed_statuses: Collection[str]) -> tuple[int, str] | None:
        """The id and key of the requester's newest case received since ``since``, still open, not merged away."""
        marks = ", ".join("?" * len(closed_statuses))
        params = (email, *sorted(closed_statuses), bulk.datetime_text(since))
        row = self._cursor.execute(_RECENT_OPEN_CASE.format(marks=marks), params).fetchone()
        return None if row is None else (int(row[0]), str(row[1]))

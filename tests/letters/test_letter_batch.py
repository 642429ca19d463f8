"""One letter kind for many cases: each issued like a single letter, refusals named, stopping keeps what is done."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from sqlmodel import col, select

from lumetra_desk.core import audit
from lumetra_desk.core.cases.service import find_or_create_requester, open_case
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.letters.batch import issue_letters
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Case, Letter

TODAY = date(2026, 11, 27)


class Stop(Exception):
    pass


def _open_cases(store: Store, count: int) -> list[int]:
    with store.write() as session:
        ids = []
        for number in range(count):
            requester = find_or_create_requester(session, f"requester{number}@example.org", f"Requester {number}")
            case = open_case(
                session,
                requester=requester,
                request_types=["access"],
                received_at=datetime(2026, 11, 20, 9, tzinfo=UTC) + timedelta(hours=number),
                jurisdiction="US-CA",
            )
            ids.append(case.id or 0)
        return ids


def test_each_case_gets_its_own_letter_and_a_missing_case_is_named(store: Store) -> None:
    ids = _open_cases(store, 3)
    reported: list[tuple[int, int, str]] = []
    outcome = issue_letters(
        store, [*ids, 999_999], "acknowledgement", Settings(), today=TODAY, after_each=lambda *r: reported.append(r)
    )
    with store.read() as session:
        keys = [session.get(Case, case_id).key for case_id in ids]  # type: ignore[union-attr]
        letters = [
            (letter.case_id, letter.kind, letter.pdf[:4])
            for letter in session.exec(select(Letter).where(col(Letter.case_id).in_(ids))).all()
        ]
        issued_events = session.exec(select(AuditEvent).where(AuditEvent.action == "letter.issued")).all()
        assert audit.verify(session) == []
    assert outcome.issued == keys
    assert outcome.refused == [("case #999999", "this case no longer exists")]
    assert sorted(letters) == sorted((case_id, "acknowledgement", b"%PDF") for case_id in ids)
    assert len(issued_events) == 3
    assert [r[:2] for r in reported] == [(1, 4), (2, 4), (3, 4), (4, 4)] and reported[0][2] == keys[0]
    assert outcome.text().splitlines() == [
        "Issued 3 acknowledgement letters; 1 refused:",
        "case #999999: this case no longer exists",
    ]


def test_stopping_halfway_keeps_the_letters_already_issued(store: Store) -> None:
    ids = _open_cases(store, 5)

    def stop_after_two(done: int, _total: int, _key: str) -> None:
        if done == 2:
            raise Stop

    with pytest.raises(Stop):
        issue_letters(store, ids, "acknowledgement", Settings(), today=TODAY, after_each=stop_after_two)
    with store.read() as session:
        issued = sorted(case_id for case_id in session.exec(select(Letter.case_id)).all())
    assert issued == sorted(ids[:2])


def test_a_letter_that_needs_wording_per_case_is_refused_before_anything(store: Store) -> None:
    ids = _open_cases(store, 2)
    with pytest.raises(InvalidInputError, match="needs wording for each case"):
        issue_letters(store, ids, "denial", Settings(), today=TODAY)
    with pytest.raises(InvalidInputError, match="no letter kind"):
        issue_letters(store, ids, "thank_you_note", Settings(), today=TODAY)
    with store.read() as session:
        assert session.exec(select(Letter)).all() == []

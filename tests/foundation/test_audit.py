"""The hash-chained audit trail finds edited, inserted and deleted rows."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from lumetra_desk.core import audit
from lumetra_desk.core.store.db import Store


def _three_events(store: Store) -> None:
    with store.write() as session:
        for n in range(3):
            audit.record(session, action=f"test.step{n}", case_id=1, after={"n": n}, actor="tester")


def _verify(store: Store) -> list[str]:
    with store.read() as session:
        return audit.verify(session)


def test_untouched_chain_verifies(store: Store) -> None:
    _three_events(store)
    assert _verify(store) == []


def test_edited_row_is_named(store: Store) -> None:
    _three_events(store)
    with store.write() as session:
        session.connection().exec_driver_sql("UPDATE audit_event SET after = '{\"n\": 99}' WHERE id = 2")
    assert _verify(store) == ["audit event 2 (test.step1) was edited after it was written"]


def test_deleted_row_is_named(store: Store) -> None:
    _three_events(store)
    with store.write() as session:
        session.connection().exec_driver_sql("DELETE FROM audit_event WHERE id = 2")
    problems = _verify(store)
    assert "audit event 2 was deleted (the chain jumps to 3)" in problems


def test_inserted_row_is_named(store: Store) -> None:
    _three_events(store)
    with store.write() as session:
        session.connection().exec_driver_sql(
            "INSERT INTO audit_event (id, case_id, at, actor, action, entity, before, after, prev_hash, hash) "
            "VALUES (4, 1, '2026-01-01 00:00:00', 'mallory', 'case.closed', 'case', '{}', '{}', 'x', 'y')"
        )
    problems = _verify(store)
    assert any("audit event 4" in p for p in problems)


def test_rows_cut_from_the_end_are_found_through_the_anchor(store: Store) -> None:
    _three_events(store)
    assert (store.paths.data_dir / audit.ANCHOR_FILE).exists()
    with store.write() as session:
        session.connection().exec_driver_sql("DELETE FROM audit_event WHERE id >= 2")
    assert _verify(store) == ["audit event 2–3 was deleted from the end of the trail (the last one kept is 1)"]


def test_anchor_follows_the_newest_commit(store: Store) -> None:
    _three_events(store)
    _three_events(store)
    assert _verify(store) == []
    anchor = (store.paths.data_dir / audit.ANCHOR_FILE).read_text()
    assert '"id": 6' in anchor


def _forge_event_after_the_last(store: Store) -> None:
    """Append a row with a correctly computed hash, as someone who knows the chain's recipe could."""
    with store.write() as session:
        head = audit.chain_head(session)
        row = {
            "case_id": 1,
            "at": datetime(2026, 12, 1, 12, tzinfo=UTC),
            "actor": "mallory",
            "action": "case.status_changed",
            "entity": "case",
            "entity_id": 1,
            "before": '{"status": "new"}',
            "after": '{"status": "closed"}',
        }
        audit.seal_row(row, head)
        session.connection().exec_driver_sql(
            "INSERT INTO audit_event (id, case_id, at, actor, action, entity, entity_id, before, after, payload_salt, "
            "payload_digest, prev_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            tuple(row[name] for name in ("id", "case_id", "at", "actor", "action", "entity", "entity_id", "before",
                                         "after", "payload_salt", "payload_digest", "prev_hash", "hash")),
        )  # fmt: skip
        audit.forget_head(session)  # written behind the app's back: the anchor must not learn of it


def test_a_forged_event_after_the_last_is_named_although_its_hash_is_valid(store: Store) -> None:
    _three_events(store)
    _forge_event_after_the_last(store)
    assert _verify(store) == [
        "audit event 4 was inserted after the last event the app recorded (event 3), unless the app was stopped "
        "while writing it"
    ]


@pytest.mark.parametrize(
    ("tampering", "named"),
    [
        ("UPDATE audit_event SET actor = 'mallory' WHERE id = 1", "audit event 1 (test.step0) was edited"),
        ("UPDATE audit_event SET actor = 'mallory' WHERE id = 3", "audit event 3 (test.step2) was edited"),
        ("DELETE FROM audit_event WHERE id = 1", "audit event 1 was deleted (the chain jumps to 2)"),
        ("DELETE FROM audit_event WHERE id = 3", "audit event 3 was deleted from the end of the trail"),
    ],
)
def test_the_first_and_the_last_event_are_guarded_too(store: Store, tampering: str, named: str) -> None:
    _three_events(store)
    with store.write() as session:
        session.connection().exec_driver_sql(tampering)
    problems = _verify(store)
    assert any(p.startswith(named) for p in problems), problems


def test_a_missing_anchor_is_reported(store: Store) -> None:
    _three_events(store)
    (store.paths.data_dir / audit.ANCHOR_FILE).unlink()
    problems = _verify(store)
    assert len(problems) == 1 and "anchor file" in problems[0] and "missing" in problems[0]

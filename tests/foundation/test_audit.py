"""The hash-chained audit trail finds edited, inserted and deleted rows."""

from __future__ import annotations

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

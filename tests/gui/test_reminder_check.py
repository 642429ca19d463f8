"""The tray's reminder check reads the store once and finds what the two separate questions would find."""

from __future__ import annotations

from datetime import date, timedelta
from typing import Any

import pytest
from sqlalchemy import event
from sqlmodel import col, select

from lumetra_desk.core import demo
from lumetra_desk.core.reminders import due_within, notifications_and_within, notifications_due
from lumetra_desk.core.store.dashboard_queries import governing_due_until
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, Deadline

TODAY = date(2026, 11, 30)


@pytest.mark.parametrize("leads", [[7, 3, 1], [14, 2], []])
def test_one_pass_gives_the_notifications_and_the_reminders_within_the_lead_time(
    store: Store, leads: list[int]
) -> None:
    demo.fill(store, 250, seed=8, today=TODAY)
    with store.read() as session:
        notifications, within = notifications_and_within(session, TODAY, leads)
        assert notifications == notifications_due(session, TODAY, leads)
        expected_within = due_within(session, TODAY, max(leads, default=7))
    assert [(r.case_key, r.kind, r.event, r.due) for r in within] == [
        (r.case_key, r.kind, r.event, r.due) for r in expected_within
    ]
    assert notifications and within


def test_the_due_cases_are_read_in_id_order_and_listed_by_date_with_the_rule_behind_each(store: Store) -> None:
    """At 100k cases, reading the due cases in date order scattered the reads over more pages than the page
    cache holds (117k pages read for 35k); they are read in id order and sorted afterwards, and each rule comes
    from an index of the current deadlines (16k pages in all). Of several rows for one date, the first computed
    gives the rule, as in the case list."""
    demo.fill(store, 250, seed=8, today=TODAY)
    until = TODAY + timedelta(days=7)
    statements: list[tuple[str, Any]] = []

    def keep(_conn: Any, _cursor: Any, statement: str, parameters: Any, _context: Any, _many: bool) -> None:
        statements.append((statement, parameters))

    event.listen(store.engine, "before_cursor_execute", keep)
    try:
        with store.read() as session:
            found = governing_due_until(session, until)
    finally:
        event.remove(store.engine, "before_cursor_execute", keep)
    with store.read() as session:
        cases = session.exec(
            select(Case).where(
                col(Case.due_date).is_not(None), col(Case.status) != "closed", col(Case.merged_into_id).is_(None)
            )
        ).all()
        rules: dict[tuple[int, str, date], str] = {}
        for row in session.exec(
            select(Deadline).where(col(Deadline.superseded_at).is_(None)).order_by(col(Deadline.id))
        ):
            rules.setdefault((row.case_id, row.event, row.due), row.basis)
        due = [
            (c.id, c.due_date, c.due_event or "respond", rules.get((c.id or 0, c.due_event, c.due_date), ""))
            for c in sorted(cases, key=lambda c: (c.due_date, c.id))
            if c.due_date is not None and c.due_date <= until
        ]
        (sql, parameters) = statements[-1]
        plan = " | ".join(
            row[3] for row in session.connection().exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", parameters)
        )
    assert due and [(item.case_id, item.due, item.event, item.basis) for item in found] == due
    assert "SCAN case" in plan and "ix_case_due_date" not in plan, plan
    assert "COVERING INDEX ix_deadline_governing" in plan, plan  # the rule without reading the deadline rows

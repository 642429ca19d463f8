"""The tray's reminder check reads the store once and finds what the two separate questions would find."""

from __future__ import annotations

from datetime import date

import pytest

from lumetra_desk.core import demo
from lumetra_desk.core.reminders import due_within, notifications_and_within, notifications_due
from lumetra_desk.core.store.db import Store

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

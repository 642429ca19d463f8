"""Every worked example of the shared reference (deadline_vectors.json) is reproduced exactly.

The examples are read from the copy committed beside this file, so the suite needs nothing outside the
checkout; ``scripts/check_reference_copies.py`` says whether the copy still equals the reference.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest

from lumetra_desk.core.rules import ClockEvent, compute_deadlines

LOCAL_VECTORS = Path(__file__).resolve().parent / "deadline_vectors.json"
EVENT_KEYS = ("id_requested", "id_received", "clarification_requested", "clarification_received", "extension_taken")


def _vectors() -> list[dict[str, Any]]:
    return json.loads(LOCAL_VECTORS.read_text(encoding="utf-8"))


@pytest.mark.parametrize("vector", _vectors(), ids=lambda vector: vector["id"])
def test_vector(vector: dict[str, Any]) -> None:
    events = [ClockEvent(key, dt.date.fromisoformat(vector[key])) for key in EVENT_KEYS if key in vector]
    result = compute_deadlines(
        vector["jurisdiction"], vector["request_type"], dt.date.fromisoformat(vector["received"]), events
    )
    deadline = result.get(vector["event"])
    assert deadline is not None, f"{vector['event']} missing from {[d.event for d in result.deadlines]}"
    assert deadline.due == dt.date.fromisoformat(vector["due"])
    assert deadline.basis
    assert not result.assumed


def test_no_appeal_events_where_the_law_has_no_appeal() -> None:
    for code in ("US-UT", "US-NV", "US-CA", "EU", "UK"):
        result = compute_deadlines(code, "appeal", dt.date(2026, 5, 1))
        assert result.deadlines == []
        assert result.notes
        plain = compute_deadlines(code, "access" if code != "US-NV" else "opt_out_sale_share", dt.date(2026, 5, 1))
        assert not {d.event for d in plain.deadlines} & {"appeal_decision", "appeal_decision_extended"}

"""Deadline engine behaviour beyond the vectors: clock events, extensions, unknown input."""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules import ClockEvent, Deadline, DeadlineResult, compute_deadlines

D = dt.date


def due(result: DeadlineResult, event: str) -> dt.date:
    deadline = result.get(event)
    assert deadline is not None, f"{event} missing: {[d.event for d in result.deadlines]}"
    return deadline.due


def test_extension_outer_dates_and_notice_windows() -> None:
    texas = compute_deadlines("US-TX", "portability", D(2026, 7, 1))
    assert due(texas, "extension_notice_by") == D(2026, 8, 15)
    assert due(texas, "respond_extended") == D(2026, 9, 29)
    iowa = compute_deadlines("US-IA", "delete", D(2026, 1, 31))
    assert (due(iowa, "respond"), due(iowa, "respond_extended")) == (D(2026, 5, 1), D(2026, 6, 15))
    nevada = compute_deadlines("US-NV", "opt_out_sale_share", D(2026, 11, 30))
    assert due(nevada, "extension_notice_by") == D(2027, 1, 29)
    eu = compute_deadlines("EU", "access", D(2027, 11, 30))
    assert due(eu, "extension_notice_by") == D(2027, 12, 30)
    colorado = compute_deadlines("US-CO", "appeal", D(2026, 4, 10))
    assert [d.event for d in colorado.deadlines] == [
        "appeal_decision",
        "extension_notice_by",
        "appeal_decision_extended",
    ]
    assert due(colorado, "extension_notice_by") == D(2026, 5, 25)


def test_california_opt_out_has_no_acknowledgement_or_extension() -> None:
    result = compute_deadlines("US-CA", "limit_sensitive", D(2026, 1, 9))
    assert [d.event for d in result.deadlines] == ["respond"]


def test_colorado_opt_outs_get_no_extension() -> None:
    """Rule 4.03(A): as soon as feasibly possible; the 45 days are the outer bound, not extended."""
    result = compute_deadlines("US-CO", "opt_out_targeted_ads", D(2026, 3, 2))
    assert [(d.event, d.due) for d in result.deadlines] == [("respond", D(2026, 4, 16))]
    assert due(compute_deadlines("US-CO", "access", D(2026, 3, 2)), "respond_extended") == D(2026, 5, 31)


def test_rhode_island_appeal_decisions_always_give_the_ag_contact() -> None:
    decision = compute_deadlines("US-RI", "appeal", D(2026, 5, 1)).deadlines[0]
    assert (decision.event, decision.due) == ("appeal_decision", D(2026, 6, 15))
    assert "in every decision" in decision.note and "counsel to confirm" in decision.note


def test_appeals_without_extension_give_one_event() -> None:
    result = compute_deadlines("US-VA", "appeal", D(2026, 5, 1))
    assert [d.event for d in result.deadlines] == ["appeal_decision"]
    assert "Attorney General" in result.deadlines[0].note


def test_us_clock_ignores_identity_and_clarification() -> None:
    plain = compute_deadlines("US-CT", "access", D(2026, 3, 2))
    events = [
        ClockEvent("id_requested", D(2026, 3, 3)),
        ClockEvent("id_received", D(2026, 3, 20)),
        ClockEvent("clarification_requested", D(2026, 3, 4)),
        ClockEvent("clarification_received", D(2026, 3, 10)),
    ]
    moved = compute_deadlines("US-CT", "access", D(2026, 3, 2), events)
    assert moved.deadlines == plain.deadlines
    assert any("receipt" in note for note in moved.notes)


def test_eu_identity_request_is_only_noted() -> None:
    plain = compute_deadlines("EU", "access", D(2026, 5, 5))
    assert due(plain, "respond") == D(2026, 6, 5)
    moved = compute_deadlines("EU", "access", D(2026, 5, 5), [ClockEvent("id_requested", D(2026, 5, 6))])
    assert moved.deadlines == plain.deadlines
    assert any("pause claimed" in note for note in moved.notes)


def test_uk_clarification_pause_adds_the_inclusive_paused_days() -> None:
    events = [
        ClockEvent("clarification_requested", D(2026, 3, 12)),
        ClockEvent("clarification_received", D(2026, 3, 16)),
    ]
    result = compute_deadlines("UK", "access", D(2026, 3, 10), events)
    # Unpaused 2026-04-10 (Fri) + 5 paused days = Wed 2026-04-15; unconfirmed day-count convention.
    assert due(result, "respond") == D(2026, 4, 15)
    assert not result.get("respond").confirmed  # type: ignore[union-attr]
    assert due(result, "respond_extended") == D(2026, 6, 15)


def test_uk_pending_id_keeps_receipt_dates_and_says_so() -> None:
    result = compute_deadlines("UK", "access", D(2026, 3, 10), [ClockEvent("id_requested", D(2026, 3, 11))])
    assert due(result, "respond") == D(2026, 4, 10)
    assert any("awaiting ID" in note for note in result.notes)


def test_uk_ico_examples() -> None:
    assert due(compute_deadlines("UK", "access", D(2026, 1, 1)), "respond") == D(2026, 2, 2)  # 1 Feb is Sunday
    assert due(compute_deadlines("UK", "access", D(2024, 11, 25)), "respond") == D(2024, 12, 27)


def test_extension_taken_late_is_flagged() -> None:
    on_time = compute_deadlines("US-VA", "delete", D(2026, 1, 5), [ClockEvent("extension_taken", D(2026, 2, 1))])
    assert "this is the deadline now" in on_time.get("respond_extended").note  # type: ignore[union-attr]
    late = compute_deadlines("US-VA", "delete", D(2026, 1, 5), [ClockEvent("extension_taken", D(2026, 3, 1))])
    assert "may not be valid" in late.get("respond_extended").note  # type: ignore[union-attr]


def test_appeal_received_on_a_request_adds_the_appeal_events() -> None:
    events = [ClockEvent("appeal_received", D(2026, 5, 1))]
    result = compute_deadlines("US-CO", "access", D(2026, 2, 20), events)
    assert due(result, "appeal_decision") == D(2026, 6, 15)
    assert due(result, "appeal_decision_extended") == D(2026, 8, 14)
    assert [d.event for d in result.deadlines].count("extension_notice_by") == 1
    utah = compute_deadlines("US-UT", "access", D(2026, 2, 20), events)
    assert utah.get("appeal_decision") is None
    assert any("appeal" in note for note in utah.notes)


def test_a_right_the_law_does_not_grant_gets_an_assumed_courtesy_deadline() -> None:
    result = compute_deadlines("US-VA", "restrict", D(2026, 1, 5))
    assert result.assumed
    assert due(result, "respond") == D(2026, 2, 19)
    assert all(deadline.assumed for deadline in result.deadlines)


def test_unknown_jurisdiction_gives_the_earliest_deadline_flagged_assumed() -> None:
    result = compute_deadlines("unknown", "access", D(2026, 1, 9))
    assert result.assumed
    assert due(result, "acknowledge") == D(2026, 1, 26)  # California's 10 business days
    assert due(result, "respond") == D(2026, 2, 9)  # the EU month
    assert all(deadline.assumed and not deadline.confirmed for deadline in result.deadlines)
    opt_out = compute_deadlines("US-ZZ", "opt_out_sale_share", D(2026, 7, 3))
    assert due(opt_out, "respond") == D(2026, 7, 24)  # California's 15 business days beats 45 days


@pytest.mark.parametrize(
    ("events", "message"),
    [
        ([ClockEvent("id_received", D(2026, 1, 1))], "before the request was received"),
        ([ClockEvent("coffee_break", D(2026, 1, 6))], "Unknown clock event"),
        ([ClockEvent("clarification_received", D(2026, 1, 8))], "needs the date the clarification"),
        (
            [ClockEvent("id_requested", D(2026, 1, 9)), ClockEvent("id_received", D(2026, 1, 7))],
            "before the date the ID was requested",
        ),
    ],
)
def test_impossible_events_are_refused(events: list[ClockEvent], message: str) -> None:
    with pytest.raises(InvalidInputError, match=message):
        compute_deadlines("UK", "access", D(2026, 1, 5), events)


def test_unknown_request_type_lists_the_valid_ones() -> None:
    with pytest.raises(InvalidInputError, match="access, access_categories"):
        compute_deadlines("US-CA", "teleport", D(2026, 1, 5))


def test_engine_deadlines_are_ordinary_frozen_deadlines() -> None:
    deadline = compute_deadlines("US-VA", "access", D(2026, 1, 5)).deadlines[0]
    twin = Deadline(deadline.event, deadline.due, deadline.basis, deadline.confirmed, deadline.assumed, deadline.note)
    assert deadline == twin and hash(deadline) == hash(twin)
    assert dataclasses.asdict(deadline)["due"] == D(2026, 2, 19)
    with pytest.raises(dataclasses.FrozenInstanceError):
        deadline.due = D(2030, 1, 1)  # type: ignore[misc]

"""How each deadline of a case reads today: still running (with its countdown), or settled and how.

A case keeps every deadline the statute engine gave it, but once an extension is taken or a right is answered,
some of them no longer run: the initial response date an extension replaced, the extension decision once made,
a response date that was met. Those must not count down or show red. This is worked out once here, from the
case's deadline rows, clock events, status and per-right outcomes, for the case view and ``cases show`` alike.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Literal, Protocol

from sqlmodel import Session

from lumetra_desk.core.cases.service import ANSWERED_STATUSES, clock_events_of
from lumetra_desk.core.dashboard import Urgency, countdown
from lumetra_desk.core.store.dashboard_queries import acknowledged_on, right_outcomes
from lumetra_desk.core.store.models import Case

DeadlineState = Literal[
    "running",  # still to be met: counts down
    "if_extended",  # an extended date while no extension is taken
    "unused",  # an extended date the answer made moot
    "extended",  # the initial date an extension replaced
    "decided",  # the extension decision, taken
    "not_needed",  # the extension decision, moot because the right was answered in time
    "lapsed",  # the extension decision, its window closed unused
    "met",  # answered (or acknowledged) on time
    "late",  # answered (or acknowledged) after the date
    "merged",  # the case was merged into another, which carries the deadlines now
    "superseded",  # history: the engine computed this date again differently
]
BASE_EVENTS = ("respond", "appeal_decision")  # the dates an extension moves to their "_extended" twin


class DeadlineRowLike(Protocol):
    """A stored deadline as the store's rows and summaries carry it."""

    @property
    def request_type(self) -> str: ...
    @property
    def event(self) -> str: ...
    @property
    def due(self) -> date: ...
    @property
    def superseded_at(self) -> datetime | None: ...


class ClockEventLike(Protocol):
    @property
    def kind(self) -> str: ...
    @property
    def on(self) -> date: ...


@dataclass(frozen=True)
class DeadlineReading:
    state: DeadlineState
    text: str  # what the officer reads: "in 5 d", "extended on 2026-08-28", "met 2026-10-01"...
    urgency: Urgency  # "none" for every deadline that no longer runs: no warning colour
    settled_on: date | None = None  # the day it was met, decided or extended

    @property
    def running(self) -> bool:
        return self.state == "running"


def read_deadlines(
    rows: Sequence[DeadlineRowLike],
    *,
    status: str,
    events: Sequence[ClockEventLike],
    outcomes: Mapping[str, str],
    responded_on: date | None,
    acknowledged_on: date | None,
    today: date,
) -> list[DeadlineReading]:
    """One reading per row, in the rows' order.

    A right counts as answered when the case is answered and that right has its own outcome, or no right has
    one (the whole case was answered at once): a right added after the answer keeps running. Where an extension
    was taken, a right whose law gives an extended date is due on it; one whose law gives none keeps its date.
    """
    taken = [event.on for event in events if event.kind == "extension_taken"]
    taken_on = max(taken) if taken else None
    whole_case = not any(outcomes.values())
    current = {(row.request_type, row.event): row.due for row in rows if row.superseded_at is None}

    def answered(request_type: str) -> bool:
        return status in ANSWERED_STATUSES and (whole_case or bool(outcomes.get(request_type)))

    def read(row: DeadlineRowLike) -> DeadlineReading:
        if row.superseded_at is not None:
            return DeadlineReading("superseded", f"superseded {row.superseded_at.date().isoformat()}", "none")
        if status == "merged":
            return DeadlineReading("merged", "merged into another case", "none")
        right_answered = answered(row.request_type)
        if row.event == "acknowledge":
            if acknowledged_on is not None:
                return _settled(row.due, acknowledged_on, "acknowledged")
            if right_answered:
                return _answered(row.due, responded_on)
        elif row.event in BASE_EVENTS:
            if taken_on is not None and (row.request_type, f"{row.event}_extended") in current:
                return DeadlineReading("extended", f"extended on {taken_on.isoformat()}", "none", taken_on)
            if right_answered:
                return _answered(row.due, responded_on)
        elif row.event.endswith("_extended"):
            if taken_on is None:
                if right_answered:
                    return DeadlineReading("unused", "not used: answered without an extension", "none")
                notice_by = current.get((row.request_type, "extension_notice_by"))
                if notice_by is not None and today > notice_by:
                    return DeadlineReading("unused", "not used: no extension was taken in time", "none")
                return DeadlineReading("if_extended", "only if extended", "none")
            if right_answered:
                return _answered(row.due, responded_on)
        elif row.event == "extension_notice_by":
            if taken_on is not None:
                return _settled(row.due, taken_on, "decided", on_time="decided")
            if right_answered:
                if responded_on is None or responded_on <= row.due:
                    when = f", answered {responded_on.isoformat()}" if responded_on else ""
                    return DeadlineReading("not_needed", f"not needed{when}", "none", responded_on)
                return DeadlineReading("lapsed", "passed, no extension", "none")
            if today > row.due:
                return DeadlineReading("lapsed", "passed, no extension", "none")
        elif right_answered:
            return _answered(row.due, responded_on)
        ahead = countdown(row.due, today)
        return DeadlineReading("running", ahead.text, ahead.urgency)

    return [read(row) for row in rows]


def read_case_deadlines(
    session: Session, case: Case, rows: Sequence[DeadlineRowLike], today: date
) -> list[DeadlineReading]:
    """``read_deadlines`` of a stored case: its own clock events, outcomes, answer and acknowledgement."""
    case_id = case.id or 0
    return read_deadlines(
        rows,
        status=case.status,
        events=clock_events_of(session, case_id),
        outcomes=right_outcomes(session, case_id),
        responded_on=case.responded_at.date() if case.responded_at else None,
        acknowledged_on=acknowledged_on(session, case_id),
        today=today,
    )


def _answered(due: date, responded_on: date | None) -> DeadlineReading:
    if responded_on is None:
        return DeadlineReading("met", "answered", "none")
    if responded_on <= due:
        return DeadlineReading("met", f"met {responded_on.isoformat()}", "none", responded_on)
    return _settled(due, responded_on, "answered")


def _settled(due: date, on: date, verb: str, on_time: DeadlineState = "met") -> DeadlineReading:
    """Done on ``on``: on time, or with how many days late (said plainly, not coloured: it can no longer be met)."""
    late = (on - due).days
    if late > 0:
        return DeadlineReading("late", f"{verb} {on.isoformat()}, {late} d late", "none", on)
    return DeadlineReading(on_time, f"{verb} {on.isoformat()}", "none", on)

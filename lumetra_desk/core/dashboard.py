"""What the officer must see first: the dashboard counts, each bound to the case-list filter that shows them.

A count and the list behind it come from the same ``CaseFilter``, so a click on "3 overdue" always shows those
three cases. Countdowns and the "how was this computed" text are worded here once for the window, the CLI and
the reminders.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from typing import TYPE_CHECKING, Literal

from lumetra_desk.core.store.case_list import CaseFilter, CaseRow, DeadlineBasis, first_deadlines
from lumetra_desk.core.store.queries import count_cases, session_cursor

if TYPE_CHECKING:  # the window shows the first deadlines before SQLAlchemy is loaded
    from sqlmodel import Session

Bucket = Literal["overdue", "due_today", "due_week", "awaiting_requester"]
BUCKETS: tuple[Bucket, ...] = ("overdue", "due_today", "due_week", "awaiting_requester")
BUCKET_LABELS: dict[Bucket, str] = {
    "overdue": "Overdue",
    "due_today": "Due today",
    "due_week": "Due within 7 days",
    "awaiting_requester": "Awaiting the requester",
}
WEEK_DAYS = 7
Urgency = Literal["overdue", "today", "soon", "later", "none"]
EVENT_WORDS: dict[str, str] = {
    "acknowledge": "Acknowledge receipt",
    "respond": "Respond",
    "respond_extended": "Respond (extended)",
    "extension_notice_by": "Decide on an extension",
    "appeal_decision": "Decide the appeal",
    "appeal_decision_extended": "Decide the appeal (extended)",
}


@dataclass(frozen=True)
class DashboardCounts:
    overdue: int
    due_today: int
    due_week: int
    awaiting_requester: int
    to_review: int

    def of(self, bucket: Bucket) -> int:
        count: int = getattr(self, bucket)
        return count


@dataclass(frozen=True)
class Countdown:
    days: int | None
    text: str
    urgency: Urgency


def bucket_filter(bucket: Bucket, today: date) -> CaseFilter:
    """The case-list filter behind one dashboard count."""
    if bucket == "overdue":
        return CaseFilter(open_only=True, due_to=today - timedelta(days=1))
    if bucket == "due_today":
        return CaseFilter(open_only=True, due_from=today, due_to=today)
    if bucket == "due_week":
        return CaseFilter(open_only=True, due_from=today, due_to=today + timedelta(days=WEEK_DAYS - 1))
    return CaseFilter(statuses=("awaiting_requester",))


def dashboard_counts(session: Session, today: date) -> DashboardCounts:
    from lumetra_desk.core.store.dashboard_queries import pending_message_count  # needs the models

    counts = {bucket: count_cases(session, bucket_filter(bucket, today)) for bucket in BUCKETS}
    return DashboardCounts(
        overdue=counts["overdue"],
        due_today=counts["due_today"],
        due_week=counts["due_week"],
        awaiting_requester=counts["awaiting_requester"],
        to_review=pending_message_count(session),
    )


def countdown(due: date | None, today: date, soon_days: int = WEEK_DAYS) -> Countdown:
    """A date as the officer reads it: "3 d overdue", "today", "in 5 d", with how urgent it is."""
    if due is None:
        return Countdown(None, "nothing due", "none")
    days = (due - today).days
    if days < 0:
        return Countdown(days, f"{-days} d overdue", "overdue")
    if days == 0:
        return Countdown(0, "due today", "today")
    return Countdown(days, f"in {days} d", "soon" if days < soon_days else "later")


def event_words(event: str) -> str:
    return EVENT_WORDS.get(event, event.replace("_", " ").capitalize() or "Deadline")


def explain_deadline(basis: DeadlineBasis | None, due: date | None, event: str) -> str:
    """The tooltip text: which deadline, by when, the rule it comes from and how sure that rule is."""
    if due is None:
        return "Nothing is due on this case."
    lines = [f"{event_words(event)} by {due.isoformat()}"]
    if basis is None:
        lines.append("The rule behind this date is not recorded; open the case to see its deadlines.")
        return "\n".join(lines)
    if basis.request_type:
        lines[0] += f" ({basis.request_type.replace('_', ' ')} request)"
    lines.append(f"Rule: {basis.basis or 'no citation recorded'}")
    if basis.note:
        lines.append(basis.note)
    if not basis.confirmed:
        lines.append("Unconfirmed rule: the earlier, protective date is used until counsel confirms it.")
    if basis.assumed:
        lines.append("The jurisdiction is assumed, not established.")
    return "\n".join(lines)


@dataclass(frozen=True)
class NextDeadline:
    row: CaseRow
    basis: DeadlineBasis | None


def next_deadlines(session: Session, limit: int = 50) -> list[NextDeadline]:
    """The open cases that must be answered soonest (overdue first), with the rule behind each date."""
    with session_cursor(session) as cursor:
        return [NextDeadline(row, basis) for row, basis in first_deadlines(cursor, limit)]

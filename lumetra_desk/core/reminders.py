"""Reminders: what is overdue, what falls due soon and which extension decisions are closing, from the store.

Everything is computed from the stored deadlines each time, so a reminder survives a restart by construction.
Which notifications were already shown is remembered in a small file in the config folder (keys name a case,
a deadline, its date and the lead time reached: no personal data), so a restart neither repeats nor loses one.
"""

from __future__ import annotations

import json
import os
import tempfile
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from operator import attrgetter
from pathlib import Path
from typing import Literal

from icalendar import Alarm, Calendar, Event
from sqlmodel import Session

from lumetra_desk.core.dashboard import event_words
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.dashboard_queries import DueItem, extension_windows_until, governing_due_until

ReminderKind = Literal["overdue", "due", "extension_window"]
SHOWN_FILE = "reminders-shown.json"
SHOWN_KEPT_DAYS = 60  # shown-keys of deadlines this far in the past are forgotten
# One calendar event per case and thing due, whichever deadline governs it now (respond, respond_extended...).
CALENDAR_ENTRIES: dict[ReminderKind, str] = {"overdue": "answer", "due": "answer", "extension_window": "extension"}


@dataclass(frozen=True)
class Reminder:
    case_id: int
    case_key: str
    kind: ReminderKind
    event: str
    due: date
    days_left: int
    requester_email: str
    basis: str
    lead: int | None = None  # the lead time this reminder reached; None when overdue

    @property
    def notification_key(self) -> str:
        """Identity of one notification: a new date (recomputed deadline) or a nearer lead time is a new one."""
        step = "overdue" if self.kind == "overdue" else f"lead{self.lead}"
        return f"{self.case_key}:{self.event}:{self.due.isoformat()}:{step}"

    @property
    def title(self) -> str:
        if self.kind == "extension_window":
            return f"{self.case_key}: decide on an extension by {self.due.isoformat()} — {self._when()}"
        return f"{self.case_key}: {event_words(self.event).lower()} — {self._when()}"

    def _when(self) -> str:
        if self.days_left < 0:
            return f"{-self.days_left} d overdue"
        return "due today" if self.days_left == 0 else f"due in {self.days_left} d ({self.due.isoformat()})"

    def as_dict(self) -> dict[str, object]:
        return {
            "case": self.case_key,
            "kind": self.kind,
            "event": self.event,
            "due": self.due.isoformat(),
            "days_left": self.days_left,
            "requester": self.requester_email,
            "basis": self.basis,
        }


def _reminder(item: DueItem, kind: ReminderKind, today: date, lead_days: Sequence[int]) -> Reminder:
    days_left = (item.due - today).days
    reached = [lead for lead in sorted(lead_days) if days_left <= lead]
    return Reminder(
        case_id=item.case_id,
        case_key=item.case_key,
        kind=kind,
        event=item.event,
        due=item.due,
        days_left=days_left,
        requester_email=item.requester_email,
        basis=item.basis,
        lead=None if kind == "overdue" else (reached[0] if reached else None),
    )


def due_within(session: Session, today: date, days: int, lead_days: Sequence[int] = ()) -> list[Reminder]:
    """Overdue deadlines, deadlines due within ``days`` days and extension decisions closing in that time."""
    until = today + timedelta(days=max(days, 0))
    found: list[Reminder] = []
    for item in governing_due_until(session, until):
        kind: ReminderKind = "overdue" if item.due < today else "due"
        found.append(_reminder(item, kind, today, lead_days))
    found.extend(
        _reminder(item, "extension_window", today, lead_days) for item in extension_windows_until(session, today, until)
    )
    return sorted(found, key=attrgetter("due", "case_key", "kind"))  # attrgetter: 54k reminders at 100k cases


def notifications_due(session: Session, today: date, lead_days: Sequence[int]) -> list[Reminder]:
    """The reminders that reached a lead time (or are overdue): the ones worth a notification today."""
    horizon = max(lead_days, default=0)
    return [r for r in due_within(session, today, horizon, lead_days) if r.kind == "overdue" or r.lead is not None]


def notifications_and_within(
    session: Session, today: date, lead_days: Sequence[int]
) -> tuple[list[Reminder], list[Reminder]]:
    """What the tray needs, from one pass over the store: the reminders worth a notification today
    (``notifications_due``) and every reminder within the longest lead time (seven days without lead times)."""
    within = due_within(session, today, max(lead_days, default=7), lead_days)
    return [r for r in within if r.kind == "overdue" or r.lead is not None], within


def daily_digest(reminders: Sequence[Reminder], today: date) -> str:
    """A plain-text digest of the day, for the tray, a mail to oneself or the terminal."""
    if not reminders:
        return f"Lumetra Desk, {today.isoformat()}: nothing is overdue or due soon."
    overdue = [r for r in reminders if r.kind == "overdue"]
    due = [r for r in reminders if r.kind == "due"]
    windows = [r for r in reminders if r.kind == "extension_window"]
    lines = [
        f"Lumetra Desk, {today.isoformat()}: {len(overdue)} overdue, {len(due)} due soon, "
        f"{len(windows)} extension decision{'s' if len(windows) != 1 else ''} closing."
    ]
    for heading, group in (("Overdue", overdue), ("Due soon", due), ("Extension decisions closing", windows)):
        if group:
            lines.append("")
            lines.append(f"{heading}:")
            lines.extend(f"  {r.title}" for r in group)
    return "\n".join(lines)


def _digest_key(day: date) -> str:
    return f"digest::{day.isoformat()}"  # same shape as notification keys: the date is the third field


class ShownReminders:
    """The notification keys already shown, kept in the config folder so restarts do not repeat them."""

    def __init__(self, paths: AppPaths) -> None:
        self.file: Path = paths.config_dir / SHOWN_FILE
        self._keys: set[str] = self._load()

    def _load(self) -> set[str]:
        try:
            raw = json.loads(self.file.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            return set()
        return {str(key) for key in raw} if isinstance(raw, list) else set()

    def unseen(self, reminders: Iterable[Reminder]) -> list[Reminder]:
        return [r for r in reminders if r.notification_key not in self._keys]

    def mark_shown(self, reminders: Iterable[Reminder], today: date) -> None:
        self._keys.update(r.notification_key for r in reminders)
        oldest = (today - timedelta(days=SHOWN_KEPT_DAYS)).isoformat()
        self._keys = {key for key in self._keys if key.split(":")[2] >= oldest}
        self._save()

    def digest_due(self, today: date, hour_now: int, digest_hour: int) -> bool:
        """The daily digest is shown once a day, at or after the chosen hour."""
        return hour_now >= digest_hour and _digest_key(today) not in self._keys

    def mark_digest_shown(self, today: date) -> None:
        self._keys.add(_digest_key(today))
        self._save()

    def _save(self) -> None:
        self.file.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.file.parent, prefix=f".{self.file.name}.")
        try:
            with os.fdopen(fd, "w", encoding="utf-8") as handle:
                json.dump(sorted(self._keys), handle, indent=0)
            Path(tmp).replace(self.file)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise


def calendar_bytes(session: Session, today: date, within_days: int, lead_days: Sequence[int]) -> tuple[bytes, int]:
    """An iCalendar file of every open deadline (overdue ones included) with a display alarm per lead time.

    The UID names the case and what is due (its answer, or the extension decision), not which rule gives the
    date: re-importing an updated export moves an extended case's event to the extended date in place, rather
    than adding it beside the original date.
    """
    calendar = Calendar()
    calendar.add("prodid", "-//Lumetra//Lumetra Desk//EN")
    calendar.add("version", "2.0")
    calendar.add("x-wr-calname", "Lumetra Desk deadlines")
    reminders = due_within(session, today, within_days, lead_days)
    stamp = datetime.now(UTC)
    for reminder in reminders:
        event = Event()
        event.add("uid", f"{reminder.case_key}-{CALENDAR_ENTRIES[reminder.kind]}@lumetra-desk")
        event.add("dtstamp", stamp)
        event.add("dtstart", reminder.due)
        event.add("dtend", reminder.due + timedelta(days=1))
        summary = f"{reminder.case_key}: {event_words(reminder.event)}"
        event.add("summary", summary)
        event.add("description", f"{reminder.basis}\nRequester: {reminder.requester_email}".strip())
        event.add("categories", ["Privacy request"])
        event.add("transp", "TRANSPARENT")
        for lead in sorted({*lead_days, 0}):
            alarm = Alarm()
            alarm.add("action", "DISPLAY")
            alarm.add("description", f"{summary} {'today' if lead == 0 else f'in {lead} d'}")
            alarm.add("trigger", timedelta(days=-lead))
            event.add_component(alarm)
        calendar.add_component(event)
    return calendar.to_ical(), len(reminders)

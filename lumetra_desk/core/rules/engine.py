"""The deadline engine: from a request and what happened on it, every date the officer must meet.

Pure functions over a loaded ``Rulebook``: no file, clock or store is touched per call. Each
(jurisdiction, request type) pair is compiled once into a ``Plan`` holding its rules, calendar and fixed
texts, so a call only does date arithmetic (table look-ups for business days) and builds the result.
Conventions are those of statutes.md §1: US periods in calendar days from receipt (day 0), never rolled;
CCPA business days; EU/UK months clamped to the month's end and moved to the next working day.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass

from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.rules.calendars import WorkingCalendar, add_months
from lumetra_desk.core.rules.model import (
    CLOCK_EVENT_KINDS,
    CLOCK_EVENT_WORDS,
    DEADLINE_EVENTS,
    REQUEST_TYPES,
    AppealRules,
    ClockEvent,
    Deadline,
    DeadlineResult,
    ExtensionRule,
    JurisdictionRules,
    Period,
    TimedRule,
)
from lumetra_desk.core.rules.rulebook import Rulebook, load_rulebook

UNKNOWN_JURISDICTION = "unknown"
_REQUEST_TYPE_SET = frozenset(REQUEST_TYPES)
_EVENT_ORDER = {event: index for index, event in enumerate(DEADLINE_EVENTS)}


class _Counter:
    """Adds one period to a start date under one calendar; the branch on the unit is decided once.

    ``first_months`` splits a month period in two steps (e.g. 1 then 2 months): the first step's date,
    clamped to its month's end but not rolled, is where the second step starts (Reg. 1182/71 read as
    "one month, then two further months").
    """

    __slots__ = ("_calendar", "_days", "_first_months", "_months", "key", "unit")

    def __init__(self, period: Period, calendar: WorkingCalendar, first_months: int = 0) -> None:
        self.unit = period.unit
        self._calendar = calendar
        self._days = dt.timedelta(days=period.amount)
        self._first_months = first_months if period.unit == "months" else 0
        self._months = period.amount - self._first_months
        # Two counters with the same key give the same date for every start.
        calendar_name = calendar.name if period.unit != "calendar_days" else ""
        self.key = (period.amount, period.unit, calendar_name, self._first_months)

    def due(self, start: dt.date, paused_days: int = 0) -> dt.date:
        if self.unit == "calendar_days":
            return start + (self._days + dt.timedelta(days=paused_days) if paused_days else self._days)
        if self.unit == "business_days":
            if paused_days:
                start += dt.timedelta(days=paused_days)
            return self._calendar.add_business_days(start, self._days.days)
        raw = add_months(add_months(start, self._first_months) if self._first_months else start, self._months)
        if paused_days:
            raw += dt.timedelta(days=paused_days)
        return self._calendar.next_working_day(raw)


def _extended(base: Period, extension: ExtensionRule) -> Period:
    """The outer period: both in the same unit (checked by the loader), e.g. 45 + 45 days or 1 + 2 months."""
    return Period(base.amount + extension.length.amount * extension.max_times, base.unit)


def _extension_note_prefix(extension: ExtensionRule) -> str:
    """The fixed start of the "if extended" note; the notice date is appended per case."""
    what = "notice with reasons" if extension.reasons_required else "notice"
    if extension.length_in_notice:
        what += " and the length of the extension"
    return f"Only if extended ({extension.length.describe()}): {what} by "


_new_object = object.__new__
_set_attribute = object.__setattr__


def _deadline(event: str, due: dt.date, basis: str, confirmed: bool, assumed: bool, note: str) -> Deadline:
    """Build a Deadline without the frozen dataclass __init__ (one attribute write per field).

    The budget is 100,000 cases (about 300,000 deadlines) per second; the generated __init__ of a frozen
    dataclass costs several times more than filling the instance's dict at once. The result is an ordinary,
    equal-comparing, immutable Deadline.
    """
    deadline = _new_object(Deadline)
    _set_attribute(
        deadline,
        "__dict__",
        {"event": event, "due": due, "basis": basis, "confirmed": confirmed, "assumed": assumed, "note": note},
    )
    return deadline


def _ag_note(appeal: AppealRules) -> str:
    if appeal.ag_contact_required == "never":
        return ""
    when = "in every decision" if appeal.ag_contact_required == "always" else "if the appeal is denied"
    return f" Give the Attorney General contact {when}: {appeal.ag_contact}."


@dataclass(frozen=True)
class _Timed:
    """A compiled period rule: counter plus the fixed texts of its deadline."""

    counter: _Counter
    basis: str
    confirmed: bool
    note: str


@dataclass(frozen=True)
class _Extension:
    counter: _Counter
    rule: ExtensionRule
    basis: str
    confirmed: bool
    notice_note: str
    note_prefix: str


class Plan:
    """Everything needed to compute one jurisdiction's deadlines for one request type."""

    def __init__(self, rules: JurisdictionRules, request_type: str, calendar: WorkingCalendar) -> None:
        self.code = rules.code
        self.law = f"{rules.law_name} ({rules.citation})"
        self.request_type = request_type
        self.clock = rules.clock
        self.granted = rules.grants(request_type)
        self.notes: list[str] = []
        self.appeal_rules = rules.appeal
        self.respond: _Timed | None = None
        self.acknowledge: _Timed | None = None
        self.extension: _Extension | None = None
        if request_type != "appeal":
            request = rules.rules_for(request_type)
            if not self.granted:
                self.notes.append(
                    f"{rules.short_name} grants no '{request_type}' right; the law's general response period is "
                    "used as a courtesy deadline so the request is still answered on time."
                )
            self.respond = self._timed(request.respond, calendar)
            if request.acknowledge is not None:
                self.acknowledge = self._timed(request.acknowledge, calendar)
            if request.extension is not None:
                self.extension = self._extension(request.respond, request.extension, calendar)
        elif not rules.appeal.exists:
            self.notes.append(f"{rules.short_name} has no appeal right: {rules.appeal.citation}.")
        self.appeal_decision: _Timed | None = None
        self.appeal_extension: _Extension | None = None
        if rules.appeal.exists and rules.appeal.decision is not None:
            decision = rules.appeal.decision
            self.appeal_decision = _Timed(
                _Counter(decision.period, calendar),
                decision.citation,
                decision.confirmed,
                (decision.note + _ag_note(rules.appeal)).strip(),
            )
            if rules.appeal.extension is not None:
                self.appeal_extension = self._extension(decision, rules.appeal.extension, calendar)

    @staticmethod
    def _timed(rule: TimedRule, calendar: WorkingCalendar) -> _Timed:
        return _Timed(_Counter(rule.period, calendar), rule.citation, rule.confirmed, rule.note)

    @staticmethod
    def _extension(base: TimedRule, rule: ExtensionRule, calendar: WorkingCalendar) -> _Extension:
        notice = "Last day to tell the requester of an extension" + (
            ", with the reasons." if rule.reasons_required else "."
        )
        if rule.note:
            notice += " " + rule.note
        first_months = base.period.amount if rule.counted_from == "initial_end" else 0
        return _Extension(
            _Counter(_extended(base.period, rule), calendar, first_months),
            rule,
            rule.citation,
            rule.confirmed and base.confirmed,
            notice,
            _extension_note_prefix(rule),
        )

    def request_deadlines(
        self,
        received: dt.date,
        start: dt.date,
        paused_days: int,
        extension_taken: dt.date | None,
        start_note: str,
    ) -> list[Deadline]:
        """acknowledge / respond / respond_extended / extension_notice_by for the request itself."""
        assumed = not self.granted
        out: list[Deadline] = []
        ack = self.acknowledge
        if ack is not None:
            out.append(_deadline("acknowledge", ack.counter.due(received), ack.basis, ack.confirmed, assumed, ack.note))
        respond = self.respond
        if respond is None:
            return out
        confirmed = respond.confirmed and not paused_days
        respond_due = respond.counter.due(start, paused_days)
        note = respond.note + start_note if start_note else respond.note
        out.append(_deadline("respond", respond_due, respond.basis, confirmed, assumed, note))
        extension = self.extension
        if extension is not None:
            note = extension.note_prefix + respond_due.isoformat() + "."
            if extension_taken is not None:
                note += _taken_note(extension_taken, respond_due)
            out.append(
                _deadline(
                    "respond_extended",
                    extension.counter.due(start, paused_days),
                    extension.basis,
                    extension.confirmed and confirmed,
                    assumed,
                    note,
                )
            )
            out.append(
                _deadline(
                    "extension_notice_by",
                    respond_due,
                    extension.basis,
                    extension.rule.confirmed and confirmed,
                    assumed,
                    extension.notice_note,
                )
            )
        return out

    def appeal_deadlines(
        self, appeal_received: dt.date, extension_taken: dt.date | None, with_notice: bool
    ) -> list[Deadline]:
        """appeal_decision (and, where the law allows it, the extended decision and its notice date)."""
        decision = self.appeal_decision
        if decision is None:
            return []
        decision_due = decision.counter.due(appeal_received)
        out = [_deadline("appeal_decision", decision_due, decision.basis, decision.confirmed, False, decision.note)]
        extension = self.appeal_extension
        if extension is not None:
            note = extension.note_prefix + decision_due.isoformat() + "."
            if extension_taken is not None:
                note += _taken_note(extension_taken, decision_due)
            if with_notice:
                out.append(
                    _deadline(
                        "extension_notice_by",
                        decision_due,
                        extension.basis,
                        extension.rule.confirmed,
                        False,
                        extension.notice_note,
                    )
                )
            out.append(
                _deadline(
                    "appeal_decision_extended",
                    extension.counter.due(appeal_received),
                    extension.basis,
                    extension.confirmed,
                    False,
                    note,
                )
            )
        return out

    @property
    def timing_key(self) -> tuple[object, ...]:
        """Plans with equal keys give the same dates for every input (used to group unknown jurisdictions)."""
        parts: list[object] = [self.clock, self.granted]
        for timed in (self.acknowledge, self.respond, self.appeal_decision):
            parts.append(timed.counter.key if timed else None)
        for extension in (self.extension, self.appeal_extension):
            parts.append(extension.counter.key if extension else None)
        return tuple(parts)


def _taken_note(taken: dt.date, notice_by: dt.date) -> str:
    if taken > notice_by:
        return (
            f" Extension taken on {taken.isoformat()}, after the notice deadline: it may not be valid, so treat "
            "the unextended date as binding."
        )
    return f" Extension taken on {taken.isoformat()}: this is the deadline now."


def plan_for(book: Rulebook, rules: JurisdictionRules, request_type: str) -> Plan:
    key = (rules.code, request_type)
    plan = book.plans.get(key)
    if plan is None:
        plan = Plan(rules, request_type, book.calendar(rules.code))
        book.plans[key] = plan
    return plan


@dataclass
class _Clock:
    """The clock events of one case, validated and reduced to the dates that matter."""

    id_requested: dt.date | None = None
    id_received: dt.date | None = None
    clarification_requested: dt.date | None = None
    clarification_received: dt.date | None = None
    extension_taken: dt.date | None = None
    appeal_received: dt.date | None = None


def _read_events(received: dt.date, events: Sequence[ClockEvent]) -> _Clock:
    clock = _Clock()
    for event in events:
        if event.kind not in CLOCK_EVENT_KINDS:
            raise InvalidInputError(
                f"Unknown clock event {event.kind!r}; valid kinds are {', '.join(CLOCK_EVENT_KINDS)}."
            )
        if event.on < received:
            raise InvalidInputError(
                f"The {CLOCK_EVENT_WORDS[event.kind]} date {event.on.isoformat()} is before the request was "
                f"received ({received.isoformat()})."
            )
        current = getattr(clock, event.kind)
        # Repeated events: the latest one is what moves the clock (e.g. a second ID request).
        if current is None or event.on > current:
            setattr(clock, event.kind, event.on)
    if clock.id_requested and clock.id_received and clock.id_received < clock.id_requested:
        raise InvalidInputError("The ID-received date is before the date the ID was requested.")
    if clock.clarification_received is not None:
        if clock.clarification_requested is None:
            raise InvalidInputError("A clarification-received date needs the date the clarification was requested.")
        if clock.clarification_received < clock.clarification_requested:
            raise InvalidInputError(
                "The clarification-received date is before the date the clarification was requested."
            )
    return clock


def _compute_known(plan: Plan, received: dt.date, events: Sequence[ClockEvent]) -> DeadlineResult:
    notes = list(plan.notes)
    if not events:
        if plan.request_type == "appeal":
            deadlines = plan.appeal_deadlines(received, None, with_notice=True)
        else:
            deadlines = plan.request_deadlines(received, received, 0, None, "")
        return DeadlineResult(plan.code, plan.law, plan.request_type, deadlines, not plan.granted, notes)

    clock = _read_events(received, events)
    if plan.request_type == "appeal":
        deadlines = plan.appeal_deadlines(received, clock.extension_taken, with_notice=True)
        return DeadlineResult(plan.code, plan.law, plan.request_type, deadlines, not plan.granted, notes)

    start, paused_days, start_note = received, 0, ""
    if plan.clock == "uk":
        if clock.id_received is not None:
            start = clock.id_received
            start_note = f" Clock restarted on {start.isoformat()}, when the requested ID arrived."
        elif clock.id_requested is not None:
            notes.append(
                f"Clock stopped on {clock.id_requested.isoformat()} awaiting ID: the month restarts from the day "
                "the ID arrives; until then the dates are shown from receipt."
            )
        if clock.clarification_requested is not None and clock.clarification_received is not None:
            paused_days = (clock.clarification_received - clock.clarification_requested).days + 1
            notes.append(
                f"Clock paused {paused_days} day(s) for clarification "
                f"({clock.clarification_requested.isoformat()} to {clock.clarification_received.isoformat()}, "
                "inclusive); day-count convention UNCONFIRMED."
            )
        elif clock.clarification_requested is not None:
            notes.append(
                f"Clock paused since {clock.clarification_requested.isoformat()} awaiting clarification; the "
                "dates move once it arrives."
            )
    else:
        if clock.id_requested is not None or clock.id_received is not None:
            notes.append(
                "The ID request does not move the legal deadline: keep counting from receipt (a 'pause claimed' "
                "note is recorded)."
                if plan.clock == "eu"
                else "The clock runs from receipt regardless of identity verification (statutes.md §25.1)."
            )
        if clock.clarification_requested is not None:
            notes.append("A request for clarification does not stop this law's clock.")
    deadlines = plan.request_deadlines(received, start, paused_days, clock.extension_taken, start_note)
    if clock.appeal_received is not None:
        if plan.appeal_decision is None:
            notes.append(f"An appeal was received but {plan.appeal_rules.citation}.")
        else:
            deadlines.extend(plan.appeal_deadlines(clock.appeal_received, clock.extension_taken, False))
    return DeadlineResult(plan.code, plan.law, plan.request_type, deadlines, not plan.granted, notes)


def _unknown_groups(book: Rulebook, request_type: str) -> tuple[list[Plan], str]:
    """One plan per distinct timing among the laws that grant this request (all laws if none does).

    Laws with the same timing give the same dates, so computing one of each is exactly the same as computing
    all of them; the first law of each group (US states first) is the one cited.
    """
    key = ("(unknown)", request_type)
    cached = book.unknown_groups.get(key)
    if cached is None:
        candidates = [rules for rules in book.all() if rules.grants(request_type)] or book.all()
        groups: dict[tuple[object, ...], Plan] = {}
        for rules in candidates:
            plan = plan_for(book, rules, request_type)
            groups.setdefault(plan.timing_key, plan)
        cached = (list(groups.values()), ", ".join(rules.code for rules in candidates))
        book.unknown_groups[key] = cached
    return cached


def _compute_unknown(
    book: Rulebook, code: str, request_type: str, received: dt.date, events: Sequence[ClockEvent]
) -> DeadlineResult:
    """Per event, the earliest deadline of every law that could apply."""
    plans, laws = _unknown_groups(book, request_type)
    earliest: dict[str, tuple[Deadline, str]] = {}
    for plan in plans:
        for deadline in _compute_known(plan, received, events).deadlines:
            best = earliest.get(deadline.event)
            if best is None or deadline.due < best[0].due:
                earliest[deadline.event] = (deadline, plan.code)
    deadlines = [
        _deadline(
            event,
            deadline.due,
            f"{source}: {deadline.basis}",
            False,
            True,
            f"Jurisdiction unknown: earliest {event.replace('_', ' ')} among {laws} (from {source}).",
        )
        for event, (deadline, source) in sorted(earliest.items(), key=lambda item: _EVENT_ORDER[item[0]])
    ]
    label = code if code else UNKNOWN_JURISDICTION
    return DeadlineResult(
        label,
        "Unknown jurisdiction: earliest deadline among the laws that could apply",
        request_type,
        deadlines,
        True,
        [f"No rules for jurisdiction {label!r}: every date is the earliest of {laws}, flagged as assumed."],
    )


def compute_deadlines(
    jurisdiction: str,
    request_type: str,
    received: dt.date,
    events: Sequence[ClockEvent] = (),
    rulebook: Rulebook | None = None,
) -> DeadlineResult:
    """Every deadline that applies to a request received on ``received`` (for "appeal": the appeal's arrival).

    An unknown jurisdiction is not an error: the earliest date each law could impose is returned, flagged
    as assumed, so the officer is never late while the requester's location is being established.
    """
    if request_type not in _REQUEST_TYPE_SET:
        raise InvalidInputError(f"Unknown request type {request_type!r}; valid types are {', '.join(REQUEST_TYPES)}.")
    book = rulebook if rulebook is not None else load_rulebook()
    plan = book.plans.get((jurisdiction, request_type))
    if plan is None:
        rules = book.find(jurisdiction)
        if rules is None:
            return _compute_unknown(book, jurisdiction, request_type, received, events)
        plan = plan_for(book, rules, request_type)
    return _compute_known(plan, received, events)

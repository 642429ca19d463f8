"""Working-day calendars: the lists the reference was computed with, and calendars counsel can switch to."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from lumetra_desk.core.rules import Rulebook, compute_deadlines, read_rulebook
from lumetra_desk.core.rules.calendars import WorkingCalendar

D = dt.date

# statutes.md §1, "US federal holidays used (observed dates)": the weekday closures of 2026 and 2027.
US_FEDERAL_REFERENCE = {
    2026: {
        D(2026, 1, 1), D(2026, 1, 19), D(2026, 2, 16), D(2026, 5, 25), D(2026, 6, 19), D(2026, 7, 3),
        D(2026, 9, 7), D(2026, 10, 12), D(2026, 11, 11), D(2026, 11, 26), D(2026, 12, 25),
    },
    2027: {
        D(2027, 1, 1), D(2027, 1, 18), D(2027, 2, 15), D(2027, 5, 31), D(2027, 6, 18), D(2027, 7, 5),
        D(2027, 9, 6), D(2027, 10, 11), D(2027, 11, 11), D(2027, 11, 25), D(2027, 12, 24), D(2027, 12, 31),
    },
}  # fmt: skip
# statutes.md §1, "England & Wales bank holidays used for UK vectors" (weekdays; 2026-12-26 is a Saturday).
ENGLAND_WALES_REFERENCE = {
    2026: {
        D(2026, 1, 1), D(2026, 4, 3), D(2026, 4, 6), D(2026, 5, 4), D(2026, 5, 25), D(2026, 8, 31),
        D(2026, 12, 25), D(2026, 12, 28),
    },
    2027: {
        D(2027, 1, 1), D(2027, 3, 26), D(2027, 3, 29), D(2027, 5, 3), D(2027, 5, 31), D(2027, 8, 30),
        D(2027, 12, 27), D(2027, 12, 28),
    },
    2028: {
        D(2028, 1, 3), D(2028, 4, 14), D(2028, 4, 17), D(2028, 5, 1), D(2028, 5, 29), D(2028, 8, 28),
        D(2028, 12, 25), D(2028, 12, 26),
    },
}  # fmt: skip


def closed_weekdays(calendar: WorkingCalendar, year: int) -> set[dt.date]:
    day, closed = D(year, 1, 1), set()
    while day.year == year:
        if day.weekday() < 5 and not calendar.is_working_day(day):
            closed.add(day)
        day += dt.timedelta(days=1)
    return closed


@pytest.mark.parametrize("year", sorted(US_FEDERAL_REFERENCE))
def test_us_federal_calendar_is_the_reference_list(book: Rulebook, year: int) -> None:
    assert closed_weekdays(book.calendar("US-CA"), year) == US_FEDERAL_REFERENCE[year]


@pytest.mark.parametrize("year", sorted(ENGLAND_WALES_REFERENCE))
def test_uk_calendar_is_the_reference_england_wales_list(book: Rulebook, year: int) -> None:
    assert closed_weekdays(book.calendar("UK"), year) == ENGLAND_WALES_REFERENCE[year]


def test_eu_counts_weekends_only_until_a_member_state_is_assigned(book: Rulebook) -> None:
    assert closed_weekdays(book.calendar("EU"), 2027) == set()


def _assign(folder: Path, code: str, calendar: str) -> Rulebook:
    path = folder / "calendars.yaml"
    text = path.read_text(encoding="utf-8")
    line = next(line for line in text.splitlines() if line.startswith(f"  {code}: "))
    path.write_text(text.replace(line, f"  {code}: {calendar}"), encoding="utf-8")
    return read_rulebook(folder)


def test_an_eu_member_state_calendar_moves_the_month_end_past_its_holiday(statute_copy: Path) -> None:
    received = D(2027, 2, 17)  # one month later is Wed 17 March 2027, St Patrick's Day in Ireland
    weekends_only = compute_deadlines("EU", "access", received, rulebook=read_rulebook(statute_copy))
    ireland = compute_deadlines("EU", "access", received, rulebook=_assign(statute_copy, "EU", "eu_ireland"))
    assert (weekends_only.deadlines[0].due, ireland.deadlines[0].due) == (D(2027, 3, 17), D(2027, 3, 18))


def test_california_state_calendar_closes_the_holidays_the_reference_names(statute_copy: Path) -> None:
    """Gov. Code §6700 as named in statutes.md §1: Lincoln's Birthday, César Chávez Day, Native American Day,
    the day after Thanksgiving (the first and third come from calendars.yaml, not the holidays package)."""
    federal = compute_deadlines("US-CA", "opt_out_sale_share", D(2026, 2, 5), rulebook=read_rulebook(statute_copy))
    state = _assign(statute_copy, "US-CA", "us_california")
    closed = closed_weekdays(state.calendar("US-CA"), 2026)
    assert {D(2026, 2, 12), D(2026, 3, 31), D(2026, 9, 25), D(2026, 11, 27)} <= closed
    moved = compute_deadlines("US-CA", "opt_out_sale_share", D(2026, 2, 5), rulebook=state)
    # 15 business days after Thu 5 Feb skip Presidents' Day (16 Feb); the state calendar also skips 12 Feb.
    assert (federal.deadlines[0].due, moved.deadlines[0].due) == (D(2026, 2, 27), D(2026, 3, 2))

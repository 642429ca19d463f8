"""Working-day calendars and the date arithmetic of statutes.md §1.

Deadlines must be computed for 100,000 cases in under a second, so each calendar keeps, for a span of whole
years, the list of its working days and for every date the number of working days before it: adding
business days or finding the next working day is then two list look-ups. The span grows when a date outside
it is asked for; a table is replaced whole, so readers on other threads never see half of one.
"""

from __future__ import annotations

import calendar as month_calendar
import datetime as dt
from dataclasses import dataclass

import holidays

_INITIAL_YEARS_BEFORE = 2
_INITIAL_YEARS_AFTER = 4


@dataclass(frozen=True)
class CalendarSpec:
    """A calendar as configured in ``calendars.yaml``: a ``holidays`` country (and subdivision), or none.

    ``extra_dates`` are closed days counsel adds where the package's list falls short of the law.
    """

    name: str
    country: str | None
    subdiv: str | None
    note: str
    extra_dates: tuple[dt.date, ...] = ()


@dataclass(frozen=True)
class _DayTable:
    """Working days of whole years ``first_year``..``last_year``; replaced as a whole, never mutated."""

    first_year: int
    last_year: int
    base: int
    working_days: list[int]
    working_before: list[int]

    def covers(self, ordinal: int) -> bool:
        return 0 <= ordinal - self.base < len(self.working_before) - 1


class WorkingCalendar:
    """Mon–Fri minus the configured public holidays."""

    def __init__(self, spec: CalendarSpec) -> None:
        self.spec = spec
        self._table = _DayTable(0, -1, 0, [], [0])

    @property
    def name(self) -> str:
        return self.spec.name

    def holidays_in(self, years: range) -> set[dt.date]:
        closed = {day for day in self.spec.extra_dates if day.year in years}
        if self.spec.country is not None:
            closed.update(holidays.country_holidays(self.spec.country, subdiv=self.spec.subdiv, years=years))
        return closed

    def _table_for(self, low: int, high: int) -> _DayTable:
        """A table covering ordinals ``low``..``high``, built (in whole years) when the current one does not."""
        table = self._table
        if table.covers(low) and table.covers(high):
            return table
        low_year, high_year = dt.date.fromordinal(low).year, dt.date.fromordinal(high).year
        if table.last_year < table.first_year:
            first, last = low_year - _INITIAL_YEARS_BEFORE, high_year + _INITIAL_YEARS_AFTER
        else:
            first, last = min(table.first_year, low_year - 1), max(table.last_year, high_year + 1)
        table = self._build(first, last)
        self._table = table
        return table

    def _build(self, first_year: int, last_year: int) -> _DayTable:
        closed = self.holidays_in(range(first_year, last_year + 1))
        start = dt.date(first_year, 1, 1).toordinal()
        end = dt.date(last_year, 12, 31).toordinal()
        working: list[int] = []
        before: list[int] = []
        for ordinal in range(start, end + 1):
            before.append(len(working))
            day = dt.date.fromordinal(ordinal)
            if day.weekday() < 5 and day not in closed:
                working.append(ordinal)
        # A sentinel so that "working days before the day after the last day" is defined.
        before.append(len(working))
        return _DayTable(first_year, last_year, start, working, before)

    def is_working_day(self, day: dt.date) -> bool:
        ordinal = day.toordinal()
        table = self._table_for(ordinal, ordinal)
        index = ordinal - table.base
        return table.working_before[index + 1] > table.working_before[index]

    def next_working_day(self, day: dt.date) -> dt.date:
        """``day`` itself if it is a working day, else the first working day after it."""
        ordinal = day.toordinal()
        # A month of slack guarantees a working day inside the table after ``day``.
        table = self._table
        index = ordinal - table.base
        if index < 0 or index + 31 >= len(table.working_before) - 1:
            table = self._table_for(ordinal, ordinal + 31)
            index = ordinal - table.base
        found = table.working_days[table.working_before[index]]
        return day if found == ordinal else dt.date.fromordinal(found)

    def add_business_days(self, received: dt.date, count: int) -> dt.date:
        """The ``count``-th working day after ``received`` (the receipt day itself is never counted).

        A receipt on a non-working day makes the next working day business day 1 (statutes.md §1).
        """
        ordinal = received.toordinal()
        # Every week has at least one working day, so 7 calendar days per business day is always enough.
        table = self._table
        index = ordinal + 1 - table.base
        if index < 0 or index + 7 * count + 31 >= len(table.working_before) - 1:
            table = self._table_for(ordinal + 1, ordinal + 7 * count + 31)
            index = ordinal + 1 - table.base
        position = table.working_before[index] + count - 1
        return dt.date.fromordinal(table.working_days[position])


def add_months(start: dt.date, months: int) -> dt.date:
    """Same day-of-month ``months`` later, clamped to the month's last day (Reg. 1182/71 Art. 3(2)(c))."""
    month_index = start.month - 1 + months
    year = start.year + month_index // 12
    month = month_index % 12 + 1
    last_day = month_calendar.monthrange(year, month)[1]
    return dt.date(year, month, min(start.day, last_day))

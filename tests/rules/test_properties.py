"""Properties that must hold for every date, not just the worked examples (hypothesis)."""

from __future__ import annotations

import calendar
import datetime as dt

import holidays
from hypothesis import given, settings
from hypothesis import strategies as st

from lumetra_desk.core.rules import REQUEST_TYPES, compute_deadlines, load_rulebook

BOOK = load_rulebook()
CODES = BOOK.jurisdictions()
dates = st.dates(min_value=dt.date(2024, 1, 1), max_value=dt.date(2032, 12, 31))
codes = st.sampled_from(CODES)
request_types = st.sampled_from(REQUEST_TYPES)
US_FEDERAL = holidays.US(years=range(2023, 2036))
ENGLAND_WALES = holidays.UK(subdiv="ENG", years=range(2023, 2036))


@settings(max_examples=300, deadline=None)
@given(codes, request_types, dates, st.integers(min_value=0, max_value=400))
def test_later_receipt_never_gives_an_earlier_deadline(
    code: str, request_type: str, received: dt.date, gap: int
) -> None:
    earlier = compute_deadlines(code, request_type, received)
    later = compute_deadlines(code, request_type, received + dt.timedelta(days=gap))
    later_by_event = {deadline.event: deadline.due for deadline in later.deadlines}
    assert set(later_by_event) == {deadline.event for deadline in earlier.deadlines}
    for deadline in earlier.deadlines:
        assert deadline.due <= later_by_event[deadline.event]
        assert deadline.due >= received


@settings(max_examples=300, deadline=None)
@given(codes, request_types, dates)
def test_an_extension_is_always_later(code: str, request_type: str, received: dt.date) -> None:
    result = compute_deadlines(code, request_type, received)
    pairs = (("respond", "respond_extended"), ("appeal_decision", "appeal_decision_extended"))
    for base, extended in pairs:
        base_deadline, extended_deadline = result.get(base), result.get(extended)
        if extended_deadline is not None:
            assert base_deadline is not None
            assert extended_deadline.due > base_deadline.due
    notice = result.get("extension_notice_by")
    if notice is not None:
        assert result.get("respond_extended") or result.get("appeal_decision_extended")


@settings(max_examples=300, deadline=None)
@given(st.sampled_from(("access", "delete", "opt_out_sale_share", "limit_sensitive")), dates)
def test_business_day_results_are_never_a_weekend_or_federal_holiday(request_type: str, received: dt.date) -> None:
    result = compute_deadlines("US-CA", request_type, received)
    business = [d for d in result.deadlines if d.event == "acknowledge" or request_type.startswith(("opt", "limit"))]
    assert business
    for deadline in business:
        assert deadline.due.weekday() < 5
        assert deadline.due not in US_FEDERAL


@settings(max_examples=300, deadline=None)
@given(dates)
def test_ccpa_business_days_count_exactly_n_working_days_after_receipt(received: dt.date) -> None:
    due = compute_deadlines("US-CA", "opt_out_sale_share", received).deadlines[0].due
    day, counted = received, 0
    while day < due:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in US_FEDERAL:
            counted += 1
    assert counted == 15


def _raw_months(start: dt.date, months: int) -> dt.date:
    index = start.month - 1 + months
    year, month = start.year + index // 12, index % 12 + 1
    return dt.date(year, month, min(start.day, calendar.monthrange(year, month)[1]))


@settings(max_examples=400, deadline=None)
@given(st.sampled_from(("EU", "UK")), dates)
def test_month_end_clamping_then_next_working_day(code: str, received: dt.date) -> None:
    """UK extension: three months from the start (ICO). EU: one month, then two more from that clamped date,
    the earlier of the two readings of Art. 12(3) (statutes.md §1)."""
    result = compute_deadlines(code, "access", received)
    closed = ENGLAND_WALES if code == "UK" else {}
    one_month = _raw_months(received, 1)
    extended = _raw_months(received, 3) if code == "UK" else _raw_months(one_month, 2)
    assert extended <= _raw_months(received, 3)
    for event, raw in (("respond", one_month), ("respond_extended", extended)):
        due = result.get(event).due  # type: ignore[union-attr]
        assert due >= raw
        assert due.weekday() < 5 and due not in closed
        day = raw
        while day < due:  # nothing between the raw date and the due date was a working day
            assert day.weekday() >= 5 or day in closed
            day += dt.timedelta(days=1)


def test_month_end_examples() -> None:
    assert compute_deadlines("EU", "access", dt.date(2027, 1, 31)).deadlines[0].due == dt.date(2027, 3, 1)
    assert compute_deadlines("EU", "access", dt.date(2028, 1, 31)).deadlines[0].due == dt.date(2028, 2, 29)
    assert compute_deadlines("EU", "access", dt.date(2026, 8, 31)).deadlines[0].due == dt.date(2026, 9, 30)
    # After a 31st the EU extension is two months from the clamped one-month date; the ICO counts three
    # months from the start.
    eu = compute_deadlines("EU", "access", dt.date(2026, 1, 31))
    uk = compute_deadlines("UK", "access", dt.date(2026, 1, 31))
    assert (eu.deadlines[1].event, eu.deadlines[1].due) == ("respond_extended", dt.date(2026, 4, 28))
    assert (uk.deadlines[1].event, uk.deadlines[1].due) == ("respond_extended", dt.date(2026, 4, 30))
    assert "UNCONFIRMED" in eu.deadlines[2].note  # the extension notice says which reading was chosen


@settings(max_examples=150, deadline=None)
@given(request_types, dates)
def test_unknown_jurisdiction_is_never_later_than_any_law_granting_the_right(
    request_type: str, received: dt.date
) -> None:
    assumed = {d.event: d.due for d in compute_deadlines("unknown", request_type, received).deadlines}
    for code in CODES:
        if not BOOK.get(code).grants(request_type):
            continue
        for deadline in compute_deadlines(code, request_type, received).deadlines:
            assert assumed[deadline.event] <= deadline.due

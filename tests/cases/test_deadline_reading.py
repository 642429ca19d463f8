"""How a case's deadlines read once an extension is taken or a right is answered: settled ones never count down."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime

from case_helpers import issue_extension_notice, make_case
from test_workflow import _move, _pass_all, _respond

from lumetra_desk.core import rules
from lumetra_desk.core.cases import service
from lumetra_desk.core.cases.deadline_reading import read_deadlines
from lumetra_desk.core.store.dashboard_queries import case_detail
from lumetra_desk.core.store.db import Store


@dataclass(frozen=True)
class Row:
    event: str
    due: date
    request_type: str = "access"
    superseded_at: datetime | None = None


RESPOND, NOTICE, LONGER = date(2026, 4, 15), date(2026, 4, 15), date(2026, 5, 30)
CA_ROWS = [
    Row("acknowledge", date(2026, 3, 16)),
    Row("respond", RESPOND),
    Row("extension_notice_by", NOTICE),
    Row("respond_extended", LONGER),
]
TAKEN = [rules.ClockEvent("extension_taken", date(2026, 4, 1))]


def _read(rows: list[Row], today: date, **case: object) -> list[tuple[str, str, str]]:
    arguments: dict[str, object] = {
        "status": "in_progress",
        "events": [],
        "outcomes": {},
        "responded_on": None,
        "acknowledged_on": None,
    } | case
    return [(r.state, r.text, r.urgency) for r in read_deadlines(rows, today=today, **arguments)]  # type: ignore[arg-type]


def test_after_an_extension_only_the_extended_date_counts_down() -> None:
    today = date(2026, 5, 2)  # the initial date long past, the extended one ahead
    assert _read(CA_ROWS, today, status="extended", events=TAKEN, acknowledged_on=date(2026, 3, 4)) == [
        ("met", "acknowledged 2026-03-04", "none"),
        ("extended", "extended on 2026-04-01", "none"),
        ("decided", "decided 2026-04-01", "none"),
        ("running", "in 28 d", "later"),
    ]
    late = _read(CA_ROWS, date(2026, 6, 2), status="extended", events=TAKEN)
    assert late[3] == ("running", "3 d overdue", "overdue")  # the extended date still runs, and can be missed
    assert late[0] == ("running", "78 d overdue", "overdue")  # receipt never confirmed: still owed


def test_after_the_answer_nothing_counts_down() -> None:
    on_time = _read(
        CA_ROWS, date(2026, 6, 20), status="responded", outcomes={"access": "complied"}, responded_on=date(2026, 4, 10)
    )
    assert on_time == [
        ("late", "answered 2026-04-10, 25 d late", "none"),  # receipt was never confirmed before the answer
        ("met", "met 2026-04-10", "none"),
        ("not_needed", "not needed, answered 2026-04-10", "none"),
        ("unused", "not used: answered without an extension", "none"),
    ]
    late = _read(CA_ROWS, date(2026, 6, 20), status="closed", responded_on=date(2026, 4, 20))
    assert late[1] == ("late", "answered 2026-04-20, 5 d late", "none")
    assert late[2] == ("lapsed", "passed, no extension", "none")
    extended_then_answered = _read(
        CA_ROWS, date(2026, 6, 20), status="responded", events=TAKEN, responded_on=date(2026, 5, 20)
    )
    assert [state for state, _text, _urgency in extended_then_answered] == ["late", "extended", "decided", "met"]
    assert extended_then_answered[3][1] == "met 2026-05-20"


def test_an_unused_extension_window_closes_without_warning_colour() -> None:
    today = date(2026, 4, 20)
    assert _read(CA_ROWS, today)[1:] == [
        ("running", "5 d overdue", "overdue"),
        ("lapsed", "passed, no extension", "none"),
        ("unused", "not used: no extension was taken in time", "none"),
    ]
    assert _read(CA_ROWS, date(2026, 4, 10))[2:] == [
        ("running", "in 5 d", "soon"),
        ("if_extended", "only if extended", "none"),
    ]


def test_a_right_its_law_cannot_extend_keeps_its_date_and_a_right_added_after_the_answer_keeps_running() -> None:
    opt_out = Row("respond", date(2026, 3, 23), "opt_out_sale_share")
    assert _read([*CA_ROWS, opt_out], date(2026, 4, 2), status="extended", events=TAKEN)[4] == (
        "running",
        "10 d overdue",
        "overdue",
    )
    added = Row("respond", date(2026, 5, 1), "delete")
    readings = _read(
        [CA_ROWS[1], added],
        date(2026, 4, 20),
        status="responded",
        outcomes={"access": "complied", "delete": ""},
        responded_on=date(2026, 4, 10),
    )
    assert readings == [("met", "met 2026-04-10", "none"), ("running", "in 11 d", "later")]


def test_history_and_merged_duplicates_never_count_down() -> None:
    old = Row("respond", date(2026, 4, 2), superseded_at=datetime(2026, 3, 10, 9, tzinfo=UTC))
    assert _read([old], date(2026, 4, 20)) == [("superseded", "superseded 2026-03-10", "none")]
    assert {state for state, _t, _u in _read(CA_ROWS, date(2026, 4, 20), status="merged")} == {"merged"}


def test_a_case_extended_and_answered_in_the_store_reads_so(store: Store) -> None:
    """The store's own rows, clock events, outcomes and acknowledgement, through the service calls the app uses."""
    key = make_case(store, types=("access",))
    _move(store, key, "acknowledged")
    issue_extension_notice(store, key, date(2026, 3, 20))
    with store.write() as session:
        service.take_extension(session, service.find_case(session, key), date(2026, 3, 20), "complex")
    _pass_all(store, key)
    _respond(store, key, "complied", at=datetime(2026, 5, 4, 12, tzinfo=UTC))
    with store.read() as session:
        detail = case_detail(session, service.find_case(session, key).id or 0)
    assert detail is not None and detail.outcomes == {"access": "complied"}
    readings = read_deadlines(
        detail.deadlines,
        status=detail.case.status,
        events=detail.clock_events,
        outcomes=detail.outcomes,
        responded_on=date(2026, 5, 4),
        acknowledged_on=detail.acknowledged_on,
        today=date(2026, 6, 1),
    )
    by_event = {row.event: reading for row, reading in zip(detail.deadlines, readings, strict=True)}
    assert by_event["respond"].text == "extended on 2026-03-20"
    assert by_event["extension_notice_by"].text == "decided 2026-03-20"
    assert by_event["respond_extended"].text == "met 2026-05-04"
    assert by_event["acknowledge"].text.startswith(f"acknowledged {date.today().isoformat()}")  # moved today
    assert not any(reading.running for reading in readings)

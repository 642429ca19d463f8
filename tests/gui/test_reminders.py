"""Dashboard counts, reminders, notification memory and the due/calendar commands, on real stores."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from icalendar import Calendar
from sqlmodel import select

from lumetra_desk.cli.main import main as cli_main
from lumetra_desk.core import demo
from lumetra_desk.core.cases import service, workflow
from lumetra_desk.core.dashboard import BUCKETS, bucket_filter, countdown, dashboard_counts
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.reminders import ShownReminders, calendar_bytes, daily_digest, due_within, notifications_due
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.dashboard_queries import NO_EXTENSION_DECISION
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case
from lumetra_desk.core.store.queries import case_ids, case_rows

LEADS = [7, 3, 1]


def _open_case(store: Store, received: datetime, jurisdiction: str = "US-CA") -> str:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "ada@example.com", "Ada")
        case = service.open_case(
            session, requester=requester, request_types=["access"], received_at=received, jurisdiction=jurisdiction
        )
        return case.key


def test_each_dashboard_count_matches_the_list_it_opens(store: Store) -> None:
    demo.fill(store, 300, seed=3)
    today = date.today()
    with store.read() as session:
        counts = dashboard_counts(session, today)
        for bucket in BUCKETS:
            ids = case_ids(session, bucket_filter(bucket, today))
            assert len(ids) == counts.of(bucket)
            rows = case_rows(session, ids)
            if bucket == "overdue":
                assert all(r.due_date is not None and r.due_date < today for r in rows)
            if bucket == "due_today":
                assert all(r.due_date == today for r in rows)
            if bucket == "awaiting_requester":
                assert all(r.status == "awaiting_requester" for r in rows)
    assert counts.overdue > 0


def test_countdown_words_and_urgency() -> None:
    today = date(2026, 3, 10)
    assert countdown(date(2026, 3, 7), today).text == "3 d overdue"
    assert countdown(today, today).urgency == "today"
    assert countdown(date(2026, 3, 12), today).urgency == "soon"
    assert countdown(date(2026, 4, 12), today).urgency == "later"
    assert countdown(None, today).urgency == "none"


def test_a_case_becoming_due_fires_one_reminder_per_lead_time_across_restarts(
    store: Store, app_paths: AppPaths
) -> None:
    key = _open_case(store, datetime(2026, 1, 5, 10, tzinfo=UTC))
    with store.read() as session:
        due = session.exec(select(Case).where(Case.key == key)).one().due_date
    assert due is not None
    far_ahead = due - timedelta(days=20)
    with store.read() as session:
        assert [r for r in notifications_due(session, far_ahead, LEADS) if r.case_key == key] == []
    for days_before, lead in ((6, 7), (3, 3), (1, 1)):
        shown = ShownReminders(app_paths)  # a fresh object each day: as after a restart
        with store.read() as session:
            fired = shown.unseen(r for r in notifications_due(session, due - timedelta(days_before), LEADS))
        assert [(r.case_key, r.lead) for r in fired if r.kind == "due"] == [(key, lead)]
        shown.mark_shown(fired, due - timedelta(days_before))
        with store.read() as session:
            again = ShownReminders(app_paths).unseen(notifications_due(session, due - timedelta(days_before), LEADS))
        assert [r for r in again if r.kind == "due"] == []
    with store.read() as session:
        late = notifications_due(session, due + timedelta(days=2), LEADS)
    assert [(r.kind, r.days_left) for r in late if r.case_key == key] == [("overdue", -2)]
    assert ShownReminders(app_paths).unseen(late)
    assert "1 overdue" in daily_digest(late, due + timedelta(days=2))


def test_extension_decision_windows_are_reminded(store: Store) -> None:
    key = _open_case(store, datetime(2026, 1, 5, 10, tzinfo=UTC), jurisdiction="EU")
    with store.read() as session:
        windows = [r for r in due_within(session, date(2026, 1, 5), 60, LEADS) if r.kind == "extension_window"]
    assert [r.case_key for r in windows] == [key]
    assert "decide on an extension" in windows[0].title


def test_due_and_calendar_commands(
    store: Store, app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    key = _open_case(store, datetime.now(UTC) - timedelta(days=2))
    store.close()
    assert cli_main(["--data-dir", str(app_paths.data_dir), "due", "--within", "400", "--json"]) == 0
    listed = json.loads(capsys.readouterr().out)
    assert any(item["case"] == key and item["kind"] == "due" and item["basis"] for item in listed)
    target = tmp_path / "deadlines.ics"
    assert cli_main(["--data-dir", str(app_paths.data_dir), "calendar", "export", str(target)]) == 0
    calendar = Calendar.from_ical(target.read_bytes())
    events = [c for c in calendar.walk("VEVENT") if str(c["uid"]).startswith(key)]
    assert events
    triggers = sorted(alarm["trigger"].dt for alarm in events[0].walk("VALARM"))
    assert triggers == [timedelta(days=-7), timedelta(days=-3), timedelta(days=-1), timedelta(0)]


def test_an_extended_or_answered_case_is_not_reminded_on_its_original_dates(store: Store) -> None:
    """Extended: due on the extended date, no extension decision left. Answered, then appealed: nothing at all."""
    received = datetime.now(UTC) - timedelta(days=3)
    extended_key = _open_case(store, received, jurisdiction="EU")
    issue_letter(
        store,
        extended_key,
        "extension_notice",
        Settings(),
        LetterExtras(extension_reason="many records"),
        today=date.today(),
    )
    with store.write() as session:
        service.take_extension(session, service.find_case(session, extended_key), date.today(), "many systems")
    with store.write() as session:
        requester = service.find_or_create_requester(session, "bo@example.com", "Bo")
        answered = service.open_case(
            session,
            requester=requester,
            request_types=["opt_out_sale_share"],
            received_at=received,
            jurisdiction="US-VA",
        )
        workflow.respond(session, answered, "complied", reason="opted out", purge_id_documents=True)
        service.open_appeal(session, answered, datetime.now(UTC), actor=None)
        answered_key = answered.key
        original = {d.event: d.due for d in service.current_deadlines(session, answered.id or 0)}
    with store.read() as session:
        extended = service.find_case(session, extended_key)
        initial = min(d.due for d in service.current_deadlines(session, extended.id or 0) if d.event == "respond")
        after_initial = due_within(session, initial + timedelta(days=1), 400, LEADS)
        assert extended.due_date is not None and extended.due_date > initial
        assert [(r.kind, r.event, r.due) for r in after_initial if r.case_key == extended_key] == [
            ("due", "respond_extended", extended.due_date)
        ]
        assert [r for r in due_within(session, date.today(), 400, LEADS) if r.case_key == answered_key] == []
        assert set(NO_EXTENSION_DECISION) == service.ANSWERED_STATUSES | {"extended"}
        late = due_within(session, original["respond"] + timedelta(days=1), 400, LEADS)
        assert [r for r in late if r.case_key == answered_key] == []


def test_the_calendar_event_of_an_extended_case_moves_to_the_extended_date(store: Store) -> None:
    """Same UID before and after the extension, so a re-imported export updates the event instead of adding one."""
    key = _open_case(store, datetime.now(UTC) - timedelta(days=3), jurisdiction="EU")

    def answer_events() -> dict[str, date]:
        with store.read() as session:
            ics, _count = calendar_bytes(session, date.today(), 400, LEADS)
        events = Calendar.from_ical(ics).walk("VEVENT")
        return {str(e["uid"]): e["dtstart"].dt for e in events if str(e["uid"]).startswith(key)}

    before = answer_events()
    assert set(before) == {f"{key}-answer@lumetra-desk", f"{key}-extension@lumetra-desk"}
    issue_letter(
        store, key, "extension_notice", Settings(), LetterExtras(extension_reason="volume"), today=date.today()
    )
    with store.write() as session:
        case = service.find_case(session, key)
        service.take_extension(session, case, date.today(), "many systems")
        extended_due = case.due_date
    after = answer_events()
    assert after == {f"{key}-answer@lumetra-desk": extended_due}
    assert extended_due is not None and extended_due > before[f"{key}-answer@lumetra-desk"]

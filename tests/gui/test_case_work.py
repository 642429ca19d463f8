"""The case list's filters and search, the case view's jurisdiction change, and merging at intake review."""

from __future__ import annotations

import re
import shutil
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QComboBox, QTreeWidgetItem
from pytestqt.qtbot import QtBot
from sqlmodel import select
from test_daily_flow import CORPUS, WAIT, ScriptedAsker, _click_action, _press, _status, _window

from lumetra_desk.core import demo
from lumetra_desk.core.cases import service
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, ClockEvent, Deadline, Message
from lumetra_desk.gui.case_view import CaseView
from lumetra_desk.gui.main_window import MainWindow
from lumetra_desk.gui.style import urgency_color

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]


def _choose(qtbot: QtBot, window: MainWindow, combo: QComboBox, value: str) -> list[int]:
    """Pick a filter value and return the rows the list then shows (as case ids)."""
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT):
        combo.setCurrentIndex(combo.findData(value))
    return [window.cases.case_id(row) or 0 for row in range(window.cases.rowCount())]


def test_each_filter_narrows_the_list_to_exactly_its_cases(qtbot: QtBot, store: Store) -> None:
    demo.fill(store, 200, seed=11)
    window = _window(qtbot, store)
    ui = window.ui
    qtbot.waitUntil(lambda: window.cases.rowCount() > 0, timeout=WAIT)
    with store.read() as session:
        cases = {case.id: Case.model_validate(case) for case in session.exec(select(Case)).all()}
        types = {case_id: set(service.request_types_of(session, case_id or 0)) for case_id in cases}
    _choose(qtbot, window, ui.statusFilter, "")  # all statuses, so each filter below is seen on its own

    shown = _choose(qtbot, window, ui.statusFilter, "verifying")
    assert shown and {cases[i].status for i in shown} == {"verifying"}
    assert len(shown) == sum(1 for c in cases.values() if c.status == "verifying")
    _choose(qtbot, window, ui.statusFilter, "")

    shown = _choose(qtbot, window, ui.requestTypeFilter, "delete")
    assert shown and all("delete" in types[i] for i in shown)
    assert len(shown) == sum(1 for t in types.values() if "delete" in t)
    _choose(qtbot, window, ui.requestTypeFilter, "")

    shown = _choose(qtbot, window, ui.tierFilter, "paid")
    assert shown and {cases[i].tier for i in shown} == {"paid"}
    _choose(qtbot, window, ui.tierFilter, "")

    today = date.today()
    shown = _choose(qtbot, window, ui.dueFilter, "due_week")
    assert shown and all(today <= (cases[i].due_date or date.min) <= today + timedelta(days=6) for i in shown)
    dues = [cases[i].due_date for i in shown]
    assert dues == sorted(dues)  # soonest first
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT):
        ui.caseTable.sortByColumn(1, Qt.SortOrder.DescendingOrder)
    dues = [window.cases.row_at(r).due_date for r in range(window.cases.rowCount())]  # type: ignore[union-attr]
    assert dues == sorted(dues, reverse=True)


def test_search_finds_words_in_messages_and_in_notes(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        for name, subject in (("Ada", "My data please"), ("Bo", "Delete me")):
            requester = service.find_or_create_requester(session, f"{name.lower()}@example.com", name)
            service.open_case(
                session,
                requester=requester,
                request_types=["access"],
                received_at=datetime.now(UTC),
                jurisdiction="US-CA",
                subject=subject,
            )
    shutil.copy(CORPUS / "004_dsgvo_auskunft_de.eml", store.paths.data_dir / "auskunft.eml")
    window = _window(qtbot, store)
    window.import_files([store.paths.data_dir / "auskunft.eml"])
    qtbot.waitUntil(lambda: window.cases.rowCount() == 3, timeout=WAIT)
    view, table = window.case_view, window.ui.caseTable

    def settled() -> bool:  # the case open when the list came back stays open, and its row is selected
        return view.current is not None and window.cases.case_id(table.currentIndex().row()) == view.case_id

    qtbot.waitUntil(settled, timeout=WAIT)
    first = view.case_id
    view.ui.caseTabs.setCurrentWidget(view.ui.notesTab)
    view.ui.noteEdit.setPlainText("Phoned the requester: the Zanzibar office holds the paper file")
    qtbot.keyClick(view.ui.noteEdit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: "Zanzibar" in view.ui.notesView.toPlainText(), timeout=WAIT)

    _press(qtbot, window, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.ui.searchEdit.hasFocus()
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT, check_params_cb=lambda n: n == 1):
        qtbot.keyClicks(window.ui.searchEdit, "zanzib")  # a note, by the start of a word
    assert window.cases.case_id(0) == first
    window.ui.searchEdit.clear()
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT, check_params_cb=lambda n: n == 1):
        qtbot.keyClicks(window.ui.searchEdit, "Auskunft")  # the imported mail's text
        qtbot.keyClick(window.ui.searchEdit, Qt.Key.Key_Return)
    row = window.cases.row_at(0)
    assert row is not None and row.jurisdiction == "EU"


def test_changing_the_jurisdiction_recomputes_the_deadlines_and_is_audited(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "lee@example.com", "Lee")
        case = service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime(2026, 3, 2, 10, tzinfo=UTC),
            jurisdiction="US-CA",
        )
        ca_due = case.due_date
    window = _window(qtbot, store)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    assert not view.ui.applyJurisdictionButton.isEnabled()
    view.ui.jurisdictionCombo.setCurrentIndex(view.ui.jurisdictionCombo.findData("UK"))
    assert view.ui.applyJurisdictionButton.isEnabled()
    view.ask = ScriptedAsker("The requester lives in Leeds")
    qtbot.mouseClick(view.ui.applyJurisdictionButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.jurisdiction == "UK", timeout=WAIT)
    assert view.current.detail.case.due_date != ca_due
    assert "UK GDPR" in view.ui.dueLabel.toolTip()
    states = [view.ui.deadlineTree.topLevelItem(i).text(5) for i in range(view.ui.deadlineTree.topLevelItemCount())]
    assert any(s.startswith("current") for s in states) and any(s.startswith("superseded") for s in states)
    audit_rows = [
        (view.ui.auditTree.topLevelItem(i).text(2), view.ui.auditTree.topLevelItem(i).text(3))
        for i in range(view.ui.auditTree.topLevelItemCount())
    ]
    changed = [change for action, change in audit_rows if action == "case.jurisdiction_changed"]
    assert changed and "US-CA → UK" in changed[0] and "Leeds" in changed[0]
    with store.read() as session:
        current = session.exec(select(Deadline).where(Deadline.superseded_at == None)).all()  # noqa: E711
        assert current and all("UK GDPR" in d.basis for d in current)


def test_merging_a_mail_into_an_existing_case_by_keyboard(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    for name in ("002_ccpa_rtk_categories_only.eml", "072_support_export_question.eml"):
        shutil.copy(CORPUS / name, tmp_path / name)
    window = _window(qtbot, store)
    window.import_files(sorted(tmp_path.glob("*.eml")))
    intake = window.intake
    qtbot.waitUntil(lambda: intake.model.rowCount() == 2, timeout=WAIT)
    with store.read() as session:
        (case,) = (Case.model_validate(c) for c in session.exec(select(Case)).all())
    window.ui.actionIntake.trigger()
    row = next(r for r in range(2) if intake.model.index(r, 4).data() == "no case")
    intake.ui.pendingTable.setCurrentIndex(intake.model.index(row, 0))
    qtbot.waitUntil(lambda: intake.current is not None and intake.current.summary.case_id is None)
    question = intake.current.summary.id
    intake.ask = ScriptedAsker(case.key)
    _press(qtbot, intake.ui.pendingTable, Qt.Key.Key_M)
    qtbot.waitUntil(lambda: intake.model.rowCount() == 1, timeout=WAIT)
    assert window.last_error == ""
    with store.read() as session:
        attached = session.get(Message, question)
        assert attached is not None and (attached.case_id, attached.review_state) == (case.id, "attached")


def test_an_extended_date_counts_down_only_once_the_case_is_extended(qtbot: QtBot, store: Store) -> None:
    demo.fill(store, 300, seed=12)
    with store.read() as session:
        extended = session.exec(select(Case.id).where(Case.status == "extended")).first()
        plain = session.exec(  # not extended, and the extension could still be decided
            select(Case.id)
            .join(Deadline, Deadline.case_id == Case.id)  # type: ignore[arg-type]
            .where(Case.status == "new", Deadline.event == "extension_notice_by", Deadline.due >= date.today())
        ).first()
    assert extended is not None and plain is not None
    window = _window(qtbot, store)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)  # the list opened its first case
    for case_id, expected in ((plain, "only if extended"), (extended, "current")):
        window.open_case(case_id)
        qtbot.waitUntil(
            lambda case_id=case_id: view.current is not None and view.current.detail.case.id == case_id, timeout=WAIT
        )
        tree = view.ui.deadlineTree
        rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
        longer = [
            row
            for row in rows
            if row is not None and row.text(0) == "Respond (extended)" and not row.text(5).startswith("superseded")
        ]
        assert longer and all(row.text(5).startswith(expected) for row in longer)
        assert all((row.text(2) == "") == (expected != "current") for row in longer)


def test_asking_the_requester_for_their_id_offers_it_as_ID_and_records_the_clock_event(
    qtbot: QtBot, store: Store
) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "kai@example.com", "Kai")
        service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime.now(UTC),
            jurisdiction="UK",
        )
    window = _window(qtbot, store)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    view.ask = ScriptedAsker("ID", "Asked for a copy of a photo ID")  # an answer not offered fails the asker
    _click_action(qtbot, view, "ask_requester")
    qtbot.waitUntil(lambda: _status(view) == "awaiting_requester", timeout=WAIT)
    assert view.ask.questions[0] == "What must the requester send?" and window.last_error == ""
    with store.read() as session:
        events = session.exec(select(ClockEvent)).all()
        assert [(e.kind, e.reason) for e in events] == [("id_requested", "Asked for a copy of a photo ID")]


def test_a_merged_duplicate_is_not_among_the_open_cases(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "dup@example.com", "Dup")
        keep, duplicate = (
            service.open_case(
                session, requester=requester, request_types=[kind], received_at=datetime.now(UTC), jurisdiction="EU"
            )
            for kind in ("access", "delete")
        )
        service.merge(session, keep, duplicate, actor="officer", reason="same request twice")
    window = _window(qtbot, store)
    qtbot.waitUntil(lambda: window.cases.rowCount() > 0, timeout=WAIT)
    _choose(qtbot, window, window.ui.statusFilter, "")
    assert _choose(qtbot, window, window.ui.statusFilter, "open") == [keep.id]
    assert _choose(qtbot, window, window.ui.statusFilter, "merged") == [duplicate.id]


def _timeline(view: CaseView) -> dict[tuple[str, str], QTreeWidgetItem]:
    """The current rows of the deadline timeline by (deadline, right)."""
    tree = view.ui.deadlineTree
    rows = [tree.topLevelItem(i) for i in range(tree.topLevelItemCount())]
    return {(r.text(0), r.text(3)): r for r in rows if r is not None and not r.text(5).startswith("superseded")}


def _coloured(item: QTreeWidgetItem) -> str | None:
    brush = item.data(2, Qt.ItemDataRole.ForegroundRole)
    return brush.color().name() if brush is not None else None


def test_after_an_extension_and_an_answer_only_running_deadlines_count_down(qtbot: QtBot, store: Store) -> None:
    today = date.today()
    with store.write() as session:
        requester = service.find_or_create_requester(session, "noa@example.com", "Noa")
        extended = service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime.now(UTC) - timedelta(days=5),
            jurisdiction="EU",
        ).id
        late = service.open_case(
            session,
            requester=service.find_or_create_requester(session, "ilo@example.com", "Ilo"),
            request_types=["opt_out_sale_share"],
            received_at=datetime.now(UTC) - timedelta(days=40),  # California: past its 15 business days
            jurisdiction="US-CA",
        ).id
    window = _window(qtbot, store)
    view = window.case_view
    window.open_case(extended or 0)
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.id == extended, timeout=WAIT)

    # The extension: its notice letter first, then the Extend button.
    view.ui.letterKindCombo.setCurrentIndex(view.ui.letterKindCombo.findData("extension_notice"))
    view.ask = ScriptedAsker("Records are held in several systems")
    _press(qtbot, view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.ui.letterList.count() == 1, timeout=WAIT)
    view.ask = ScriptedAsker("Records are held in several systems")
    _click_action(qtbot, view, "extend")
    qtbot.waitUntil(lambda: _status(view) == "extended", timeout=WAIT)
    rows = _timeline(view)
    respond, decide, longer = (rows[(name, "access")] for name in ("Respond", "Decide on an extension",
                                                                    "Respond (extended)"))  # fmt: skip
    assert (respond.text(2), respond.text(5)) == ("", f"extended on {today.isoformat()}")
    assert (decide.text(2), decide.text(5)) == ("", f"decided {today.isoformat()}")
    assert _coloured(respond) is None and _coloured(decide) is None
    assert longer.text(5) == "current" and longer.text(2).startswith("in ")
    assert view.ui.dueLabel.text().startswith("Respond (extended) by")

    # The answer: nothing counts down any more, and the extended date reads as met.
    view.ask = ScriptedAsker("complied", "Copy of the data sent")
    _click_action(qtbot, view, "respond")
    qtbot.waitUntil(lambda: _status(view) == "responded", timeout=WAIT)
    rows = _timeline(view)
    assert rows[("Respond (extended)", "access")].text(5) == f"met {today.isoformat()}"
    assert rows[("Respond", "access")].text(5) == f"extended on {today.isoformat()}"
    assert all(row.text(2) == "" and _coloured(row) is None for row in rows.values())

    # A case answered after its date: red while it runs, then plainly "answered ..., N d late".
    window.open_case(late or 0)
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.id == late, timeout=WAIT)
    overdue = _timeline(view)[("Respond", "opt out sale share")]
    assert overdue.text(2).endswith("d overdue") and _coloured(overdue) == urgency_color("overdue").name()
    view.ask = ScriptedAsker("complied", "Opted out of sale and sharing")
    _click_action(qtbot, view, "respond")
    qtbot.waitUntil(lambda: _status(view) == "responded", timeout=WAIT)
    answered = _timeline(view)[("Respond", "opt out sale share")]
    assert answered.text(2) == "" and _coloured(answered) is None
    assert re.match(rf"answered {today.isoformat()}, \d+ d late", answered.text(5)), answered.text(5)
    assert window.last_error == ""


def test_a_case_opened_before_the_list_arrives_stays_open(qtbot: QtBot, store: Store) -> None:
    """Opening a case (from the dashboard or intake) while the case list is still loading: the list, once it
    arrives, selects that case instead of replacing it with its first row."""
    with store.write() as session:
        first = service.open_case(
            session,
            requester=service.find_or_create_requester(session, "ilo@example.com", "Ilo"),
            request_types=["opt_out_sale_share"],
            received_at=datetime.now(UTC) - timedelta(days=40),  # overdue: the list's first row
            jurisdiction="US-CA",
        ).id
        wanted = service.open_case(
            session,
            requester=service.find_or_create_requester(session, "noa@example.com", "Noa"),
            request_types=["access"],
            received_at=datetime.now(UTC) - timedelta(days=5),
            jurisdiction="EU",
        ).id
    window = _window(qtbot, store)
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT):
        window.cases.reload()  # the list is read again (F5, or after a change) ...
        window.ui.caseTable.setCurrentIndex(window.cases.index(-1, 0))
        window.open_case(wanted or 0)  # ... and a case is opened before it arrives
    assert window.cases.case_id(0) == first
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.case.id == wanted, timeout=WAIT)
    qtbot.wait(200)  # any late selection would load another case now
    assert view.case_id == wanted and window.cases.case_id(window.ui.caseTable.currentIndex().row()) == wanted

    # The table takes the keyboard as the list arrives (the window activated late): with no current row it picks
    # its first one itself, and the open case must still win.
    def focus_the_table() -> None:
        window.ui.searchEdit.setFocus()
        window.ui.caseTable.setFocus()

    window.cases.modelReset.connect(focus_the_table)
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT):
        window.cases.reload()
    window.cases.modelReset.disconnect(focus_the_table)
    qtbot.wait(200)
    assert view.case_id == wanted and window.cases.case_id(window.ui.caseTable.currentIndex().row()) == wanted

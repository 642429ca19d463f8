"""Letters for many cases from the case list: chosen with the keyboard, issued in the background, cancellable."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from pytestqt.qtbot import QtBot
from sqlmodel import select
from test_daily_flow import WAIT, ScriptedAsker, _press, _window

from lumetra_desk.core.cases import service
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Letter

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
CTRL_SHIFT = Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier


def _open_cases(store: Store, count: int) -> list[str]:
    with store.write() as session:
        keys = []
        for number in range(count):
            requester = service.find_or_create_requester(session, f"req{number}@example.org", f"Requester {number}")
            case = service.open_case(
                session,
                requester=requester,
                request_types=["access"],
                received_at=datetime.now(UTC) - timedelta(days=number % 9),
                jurisdiction="US-CA",
            )
            keys.append(case.key)
        return keys


def _letters(store: Store) -> list[tuple[int, str, bytes]]:
    with store.read() as session:
        return [(letter.case_id, letter.kind, letter.pdf[:4]) for letter in session.exec(select(Letter)).all()]


def test_acknowledging_the_selected_cases_in_one_go(qtbot: QtBot, store: Store) -> None:
    _open_cases(store, 4)
    window = _window(qtbot, store)
    table = window.ui.caseTable
    qtbot.waitUntil(lambda: window.cases.rowCount() == 4, timeout=WAIT)
    table.setFocus()
    table.setCurrentIndex(window.cases.index(0, 0))
    for _row in range(2):  # the first three cases, with the keyboard
        qtbot.keyClick(table, Qt.Key.Key_Down, Qt.KeyboardModifier.ShiftModifier)
    window.ask = ScriptedAsker("acknowledgement", True)
    _press(qtbot, table, Qt.Key.Key_G, CTRL_SHIFT)
    qtbot.waitUntil(lambda: window.last_summary != "", timeout=WAIT)
    assert window.ask.questions[0] == "Which letter for the 3 selected cases?"
    assert window.last_summary == "Issued 3 acknowledgement letters."
    chosen = {window.cases.case_id(row) for row in range(3)}
    assert sorted(_letters(store)) == sorted((case_id, "acknowledgement", b"%PDF") for case_id in chosen)
    assert window.last_error == "" and window.progress_bar.isHidden()


def test_nothing_selected_is_a_plain_message(qtbot: QtBot, store: Store) -> None:
    window = _window(qtbot, store)
    window.ui.actionBatchLetters.trigger()
    assert window.last_error.startswith("Select the cases in the case list first")


def test_cancelling_keeps_the_letters_already_issued(qtbot: QtBot, store: Store) -> None:
    total = 40
    _open_cases(store, total)
    window = _window(qtbot, store)
    qtbot.waitUntil(lambda: window.cases.rowCount() == total, timeout=WAIT)
    window.ui.caseTable.selectAll()
    window.ask = ScriptedAsker("acknowledgement", True)
    window.ui.actionBatchLetters.trigger()
    qtbot.waitUntil(lambda: window.progress_bar.value() >= 1, timeout=WAIT)
    assert window.progress_bar.maximum() == total and window.cancel_button.isVisible()
    qtbot.mouseClick(window.cancel_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: window.progress_bar.isHidden(), timeout=WAIT)
    assert window.statusBar().currentMessage() == "Cancelled; the letters already issued are kept."
    letters = _letters(store)
    assert 1 <= len(letters) < total
    assert all(kind == "acknowledgement" and head == b"%PDF" for _case, kind, head in letters)

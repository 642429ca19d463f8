"""Recording the requester's Engram account from the case view: California then verifies by its sign-in.

Mail does not say whether its sender holds an account, so a California request from a mail is verified as one
from a requester without an account (11 CCR §7062) until the officer records the account (11 CCR §7061(a)).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QMessageBox
from pytestqt.qtbot import QtBot
from sqlmodel import select
from test_daily_flow import CORPUS, WAIT, ScriptedAsker, _press, _window

from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent
from lumetra_desk.gui.case_view import CaseView
from lumetra_desk.gui.main_window import MainWindow

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
FOUND = "The sender's address is the login of a Paid account"


def _step_codes(view: CaseView) -> list[str]:
    tree = view.ui.verificationTree
    return [str(tree.topLevelItem(i).data(0, Qt.ItemDataRole.UserRole)) for i in range(tree.topLevelItemCount())]


def _california_access_case_from_a_mail(qtbot: QtBot, store: Store, tmp_path: Path) -> tuple[MainWindow, CaseView]:
    mail = tmp_path / "request.eml"
    shutil.copy(CORPUS / "001_ccpa_rtk_categories_and_specific.eml", mail)
    window = _window(qtbot, store)
    window.import_files([mail])
    window.ui.actionCases.trigger()
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1, timeout=WAIT)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    view.ui.caseTabs.setCurrentWidget(view.ui.verificationTab)
    return window, view


def _close_error_box(qtbot: QtBot) -> str:
    """The warning the window shows, read and dismissed with Enter as the officer would."""
    qtbot.waitUntil(lambda: isinstance(QApplication.activeWindow(), QMessageBox), timeout=WAIT)
    box = QApplication.activeWindow()
    assert isinstance(box, QMessageBox)
    said = box.text()
    qtbot.keyClick(box, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not box.isVisible(), timeout=WAIT)
    return said


def test_recording_a_paid_account_turns_the_checklist_into_signing_in_again(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window, view = _california_access_case_from_a_mail(qtbot, store, tmp_path)
    assert view.current is not None and view.current.detail.case.tier == "unknown"
    assert _step_codes(view) == ["data_point_1", "data_point_2", "data_point_3", "signed_declaration"]
    summary = view.ui.verificationSummary.text()
    assert "Whether the requester holds an Engram account is not recorded" in summary and "11 CCR §7061(a)" in summary
    assert "Engram account not recorded" in view.ui.requesterLabel.text()
    button = view.ui.recordAccountButton
    assert button.isEnabled() and button.accessibleName() == "Record the requester's Engram account"
    assert view.ui.accountHint.text() == ""

    # Alt+R on the Verification tab asks for the tier, the reference and how the account was found.
    view.ask = ScriptedAsker("Paid", "ENG-0000042", FOUND)
    _press(qtbot, view.ui.verificationTree, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.waitUntil(lambda: _step_codes(view) == ["account_reauthentication"], timeout=WAIT)
    assert view.ask.questions == [
        f"Which Engram account does the requester of {view.current.detail.case.key} hold?",
        "Account reference (e.g. ENG-0001234; empty keeps the one on record)",
        "How was the account found? (required, recorded in the audit trail)",
    ]
    assert window.last_error == ""
    assert view.ui.requesterLabel.text().endswith("· paid account ENG-0000042")
    summary = view.ui.verificationSummary.text()
    assert "11 CCR §7061(a)" in summary and "instead of matching data points" in summary
    assert "is not recorded" not in summary
    tree = view.ui.verificationTree
    step = tree.topLevelItem(0)
    assert step.text(0).startswith("The requester signs in to their Engram account again")
    status = tree.visualRect(tree.indexFromItem(step, 1))  # the long step wraps; its status stays in sight
    assert step.text(1) == "planned" and tree.viewport().rect().contains(status)
    audit = [view.ui.auditTree.topLevelItem(i) for i in range(view.ui.auditTree.topLevelItemCount())]
    recorded = [item.text(3) for item in audit if item.text(2) == "case.account_recorded"]
    assert recorded and "tier: unknown → paid" in recorded[0] and FOUND in recorded[0]
    assert button.isEnabled()  # nothing decided yet: a wrong tier can still be corrected


def test_an_account_recorded_without_saying_how_it_was_found_is_refused_in_plain_words(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window, view = _california_access_case_from_a_mail(qtbot, store, tmp_path)
    view.ask = ScriptedAsker("Free", "", "  ")
    qtbot.mouseClick(view.ui.recordAccountButton, Qt.MouseButton.LeftButton)
    said = _close_error_box(qtbot)
    assert "a reason is required" in said and "Traceback" not in said and window.last_error == said
    assert view.current is not None and view.current.detail.case.tier == "unknown"
    assert _step_codes(view)[-1] == "signed_declaration"
    with store.read() as session:
        assert session.exec(select(AuditEvent).where(AuditEvent.action == "case.account_recorded")).all() == []


def test_once_a_step_is_decided_the_account_can_no_longer_be_recorded_and_the_view_says_why(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window, view = _california_access_case_from_a_mail(qtbot, store, tmp_path)
    qtbot.waitUntil(lambda: view.ui.verificationTree.currentItem() is not None, timeout=WAIT)
    view.ui.evidenceEdit.setText("Billing e-mail matches the records")
    qtbot.mouseClick(view.ui.passStepButton, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view.current is not None and view.ui.verificationTree.topLevelItem(0).text(1) == "passed")
    button = view.ui.recordAccountButton
    key = view.current.detail.case.key
    reason = f"Verification of case {key} has started under its current plan; the account can no longer change it."
    assert not button.isEnabled()
    assert button.toolTip() == f"Not now: {reason}" and button.accessibleDescription() == reason
    assert view.ui.accountHint.text() == f"Not now: {reason}"
    view.ask = ScriptedAsker()  # a disabled button asks nothing, even by its key
    _press(qtbot, view.ui.verificationTree, Qt.Key.Key_R, Qt.KeyboardModifier.AltModifier)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert view.ask.questions == [] and window.last_error == ""
    assert _step_codes(view) == ["data_point_1", "data_point_2", "data_point_3", "signed_declaration"]
    assert view.current.detail.case.tier == "unknown"

"""The officer's day through the real window: mail dropped in → reviewed → verified → letter → answered → closed.

Dialogs that ask the officer something go through ``view.ask``; the tests answer them with ``ScriptedAsker``
the way the officer would, and everything else (widgets, store, statute engine, letters) is the real thing.
"""

from __future__ import annotations

import shutil
from collections import deque
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDropEvent
from PySide6.QtPdf import QPdfDocument
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QApplication,
    QComboBox,
    QLineEdit,
    QMessageBox,
    QPlainTextEdit,
    QWidget,
)
from pytestqt.qtbot import QtBot
from sqlmodel import select

from lumetra_desk.core import demo, secrets
from lumetra_desk.core.cases import service
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import Settings, load_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import AuditEvent, Case, Message
from lumetra_desk.gui.case_view import CaseView
from lumetra_desk.gui.main_window import CASES_TAB, MainWindow
from lumetra_desk.gui.reminder_tray import ReminderService
from lumetra_desk.gui.settings_dialog import SettingsDialog
from lumetra_desk.gui.shortcuts import SHORTCUTS, ShortcutsDialog

pytestmark = [
    pytest.mark.gui,
    # The demo names use scripts whose OpenType shaping the bundled test fonts lack; Qt falls back and says so.
    pytest.mark.qt_log_ignore("OpenType support missing"),
]
CORPUS = Path(__file__).resolve().parents[1] / "intake" / "corpus"  # the committed copy of the reference corpus
WAIT = 30_000


class ScriptedAsker:
    """Answers the officer's questions in order; an unexpected question fails the test."""

    def __init__(self, *answers: object) -> None:
        self.answers: deque[object] = deque(answers)
        self.questions: list[str] = []

    def _next(self, label: str) -> object:
        self.questions.append(label)
        assert self.answers, f"unexpected question: {label}"
        return self.answers.popleft()

    def text(self, title: str, label: str, default: str = "", password: bool = False) -> str | None:
        answer = self._next(label)
        return default if answer is ... else answer  # type: ignore[return-value]

    def choice(self, title: str, label: str, items: Sequence[str], current: int = 0) -> str | None:
        answer = self._next(label)
        assert answer is None or answer in items, f"{answer!r} is not offered in {list(items)}"
        return answer  # type: ignore[return-value]

    def confirm(self, title: str, question: str) -> bool:
        return bool(self._next(question))

    def save_path(self, title: str, suggested: str, filter_text: str) -> str | None:
        return self._next(title)  # type: ignore[return-value]

    def tell(self, title: str, message: str) -> None:
        self.questions.append(message)


def _window(qtbot: QtBot, store: Store) -> MainWindow:
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1300, 820)
    window.show()
    qtbot.waitExposed(window)
    _activate(qtbot, window)
    return window


def _keyboard_holder() -> str:
    """The window that has the keyboard, in words for a failure message (a box says what it says)."""
    holder = QApplication.activeWindow()
    if holder is None:
        return "no window"
    said = f" saying {holder.text()!r}" if isinstance(holder, QMessageBox) else ""
    return f"{type(holder).__name__} {holder.windowTitle()!r}{said}"


def _activate(qtbot: QtBot, window: QWidget) -> None:
    """Make ``window`` the active one, as the officer's click into it would: Qt gives shortcuts to no other."""
    if window.isActiveWindow():
        return
    window.activateWindow()

    def active() -> None:
        assert window.isActiveWindow(), f"the window never became active: {_keyboard_holder()} has the keyboard"

    qtbot.waitUntil(active)


def _press(
    qtbot: QtBot, widget: QWidget, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    """A key pressed in ``widget`` as the officer presses it: in the active window, where shortcuts work."""
    _activate(qtbot, widget.window())
    qtbot.keyClick(widget, key, modifiers)


def _drop(window: MainWindow, files: list[Path]) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    event = QDropEvent(
        QPointF(10, 10), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
    )
    window.dropEvent(event)


def _status(view: CaseView) -> str:
    return view.current.detail.case.status if view.current else ""


def _click_action(qtbot: QtBot, view: CaseView, name: str) -> None:
    button = view._buttons[name]
    assert button.isEnabled(), button.toolTip()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def test_daily_flow_end_to_end(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    mail = tmp_path / "request.eml"
    shutil.copy(CORPUS / "002_ccpa_rtk_categories_only.eml", mail)
    window = _window(qtbot, store)
    qtbot.waitUntil(lambda: window.count_label.text() == "0 cases", timeout=WAIT)

    # 1. The mail is dropped on the window and imported in the background.
    _drop(window, [mail])
    qtbot.waitUntil(lambda: window.intake.model.rowCount() == 1, timeout=WAIT)
    assert "New cases: 1" in window.last_summary
    qtbot.waitUntil(lambda: window.dashboard.counts is not None and window.dashboard.counts.to_review == 1)

    # 2. Review: the classification and its evidence are shown; one keystroke (A) accepts it.
    window.ui.actionIntake.trigger()
    intake = window.intake
    qtbot.waitUntil(lambda: intake.current is not None, timeout=WAIT)
    assert "access categories" in intake.ui.classificationLabel.text()
    assert intake.ui.evidenceList.count() > 0
    _press(qtbot, intake.ui.pendingTable, Qt.Key.Key_A)
    qtbot.waitUntil(lambda: intake.model.rowCount() == 0, timeout=WAIT)

    # 3. The case: opened from the list with the keyboard; its deadline says how it was computed.
    window.ui.actionCases.trigger()
    qtbot.waitUntil(lambda: window.cases.rowCount() == 1, timeout=WAIT)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    assert "Rule:" in view.ui.dueLabel.toolTip()
    assert view.ui.deadlineTree.topLevelItemCount() > 0
    assert not view._buttons["close"].isEnabled() and view._buttons["close"].toolTip().startswith("Not now:")

    view.ask = ScriptedAsker(...)  # the suggested reason, accepted with Enter
    _click_action(qtbot, view, "acknowledge")
    qtbot.waitUntil(lambda: _status(view) == "acknowledged", timeout=WAIT)

    view.ask = ScriptedAsker(...)
    _click_action(qtbot, view, "verify")
    qtbot.waitUntil(lambda: _status(view) == "verifying" and view.current.detail.steps != [], timeout=WAIT)
    assert view.current is not None
    for _step in view.current.detail.steps:
        qtbot.waitUntil(lambda: view.ui.verificationTree.currentItem() is not None, timeout=WAIT)
        before = len([s for s in view.current.detail.steps if s.status == "passed"])
        view.ui.evidenceEdit.setText("Matched against the account's billing e-mail and last invoice")
        qtbot.mouseClick(view.ui.passStepButton, Qt.MouseButton.LeftButton)
        qtbot.waitUntil(
            lambda before=before: len([s for s in view.current.detail.steps if s.status == "passed"]) > before,
            timeout=WAIT,
        )
    assert view.current.verification_state == "passed"

    view.ask = ScriptedAsker(...)
    _click_action(qtbot, view, "start_work")
    qtbot.waitUntil(lambda: _status(view) == "in_progress", timeout=WAIT)

    # 4. The letter: generated, previewed inside the app with QtPdf, saved.
    view.ui.letterKindCombo.setCurrentIndex(view.ui.letterKindCombo.findData("access_response"))
    _press(qtbot, view, Qt.Key.Key_G, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(lambda: view.ui.letterList.count() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: view.pdf.status() == QPdfDocument.Status.Ready, timeout=WAIT)
    assert view.pdf.pageCount() >= 1
    saved = tmp_path / "letter.pdf"
    view.ask = ScriptedAsker(str(saved))
    qtbot.mouseClick(view.ui.saveLetterButton, Qt.MouseButton.LeftButton)
    assert saved.read_bytes().startswith(b"%PDF")

    # 5. Respond (outcome and reason), then close.
    view.ask = ScriptedAsker("complied", "Categories sent in the access response letter")
    _click_action(qtbot, view, "respond")
    qtbot.waitUntil(lambda: _status(view) == "responded", timeout=WAIT)
    view.ask = ScriptedAsker(...)
    _click_action(qtbot, view, "close")
    qtbot.waitUntil(lambda: _status(view) == "closed", timeout=WAIT)
    assert window.last_error == ""

    actions = [view.ui.auditTree.topLevelItem(i).text(2) for i in range(view.ui.auditTree.topLevelItemCount())]
    for expected in ("case.opened", "message.accepted", "verification.step_decided", "letter.issued", "case.responded"):
        assert expected in actions


def test_core_refusals_reach_the_officer_as_plain_sentences(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "eve@example.com", "Eve")
        service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime.now(UTC),
            jurisdiction="US-CA",
        )
    window = _window(qtbot, store)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    view.ask = ScriptedAsker("complied", "Sent everything")
    _click_action(qtbot, view, "respond")
    qtbot.waitUntil(lambda: window.last_error != "", timeout=WAIT)
    assert "verified" in window.last_error and "Traceback" not in window.last_error
    assert _status(view) == "new"


def test_intake_correction_and_dismissal_by_keyboard(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    for name in ("003_gdpr_access_en_nl.eml", "072_support_export_question.eml"):
        shutil.copy(CORPUS / name, tmp_path / name)
    window = _window(qtbot, store)
    window.import_files([tmp_path / "003_gdpr_access_en_nl.eml", tmp_path / "072_support_export_question.eml"])
    intake = window.intake
    qtbot.waitUntil(lambda: intake.model.rowCount() == 2, timeout=WAIT)
    window.ui.actionIntake.trigger()
    by_subject = {intake.model.index(r, 4).data(): r for r in range(2)}
    request_row = next(r for key, r in by_subject.items() if key != "no case")
    intake.ui.pendingTable.setCurrentIndex(intake.model.index(request_row, 0))
    qtbot.waitUntil(lambda: intake.current is not None and intake.current.summary.case_id is not None)
    case_id = intake.current.summary.case_id
    _press(qtbot, intake.ui.pendingTable, Qt.Key.Key_C)
    assert intake.ui.correctionBox.isVisible()
    intake.set_correction(["access", "delete"], "UK")
    _press(qtbot, intake.ui.typeList, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: intake.model.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: intake.current is not None and intake.current.summary.case_id is None)
    _press(qtbot, intake.ui.pendingTable, Qt.Key.Key_D)
    qtbot.waitUntil(lambda: intake.model.rowCount() == 0, timeout=WAIT)
    with store.read() as session:
        case = session.get(Case, case_id)
        assert case is not None and case.jurisdiction == "UK"
        assert set(service.request_types_of(session, case_id)) >= {"access", "delete"}
        states = sorted(m.review_state for m in session.exec(select(Message)).all())
        assert states == ["accepted", "dismissed"]
        overrides = [m.override for m in session.exec(select(Message)).all() if m.override != "{}"]
        assert '"UK"' in overrides[0]
        changed = session.exec(select(AuditEvent).where(AuditEvent.action == "case.jurisdiction_changed")).all()
        assert changed


def test_dashboard_counts_open_their_cases(qtbot: QtBot, store: Store) -> None:
    demo.fill(store, 300, seed=4)
    window = _window(qtbot, store)
    qtbot.waitUntil(lambda: window.dashboard.counts is not None, timeout=WAIT)
    counts = window.dashboard.counts
    assert counts is not None and counts.overdue > 0
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT, check_params_cb=lambda n: n == counts.overdue):
        qtbot.mouseClick(window.dashboard.ui.overdueButton, Qt.MouseButton.LeftButton)
    assert window.ui.views.currentIndex() == CASES_TAB
    today = window.cases.today
    for row in range(window.cases.rowCount()):
        case_row = window.cases.row_at(row)
        assert case_row is not None and case_row.due_date is not None and case_row.due_date < today
    tooltip = window.cases.index(0, 1).data(Qt.ItemDataRole.ToolTipRole)
    assert "Rule:" in tooltip
    with qtbot.waitSignal(window.cases.loaded, timeout=WAIT, check_params_cb=lambda n: n == counts.awaiting_requester):
        _press(qtbot, window, Qt.Key.Key_4, Qt.KeyboardModifier.AltModifier)


def test_models_pass_the_model_tester(qtbot: QtBot, store: Store, tmp_path: Path, qtmodeltester: object) -> None:
    demo.fill(store, 150, seed=6)
    shutil.copy(CORPUS / "072_support_export_question.eml", tmp_path / "q.eml")
    window = _window(qtbot, store)
    window.import_files([tmp_path / "q.eml"])
    qtbot.waitUntil(lambda: window.intake.model.rowCount() == 1, timeout=WAIT)
    qtbot.waitUntil(lambda: window.dashboard.model.rowCount() > 0, timeout=WAIT)
    for model in (window.cases, window.dashboard.model, window.intake.model):
        qtmodeltester.check(model)  # type: ignore[attr-defined]


def test_attachments_open_only_after_a_warning(qtbot: QtBot, store: Store, tmp_path: Path) -> None:
    shutil.copy(CORPUS / "051_agent_opt_out_with_signed_permission_pdf.eml", tmp_path / "agent.eml")
    window = _window(qtbot, store)
    window.import_files([tmp_path / "agent.eml"])
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None and view.current.detail.attachments != [], timeout=WAIT)
    view.ui.caseTabs.setCurrentWidget(view.ui.messagesTab)
    qtbot.waitUntil(lambda: view.ui.attachmentCombo.count() > 0, timeout=WAIT)
    opened: list[QUrl] = []
    view.open_url = lambda url: opened.append(url) or True
    view.ask = ScriptedAsker(False)
    qtbot.mouseClick(view.ui.openAttachmentButton, Qt.MouseButton.LeftButton)
    assert opened == [] and "another program" in view.ask.questions[0]
    view.ask = ScriptedAsker(True)
    qtbot.mouseClick(view.ui.openAttachmentButton, Qt.MouseButton.LeftButton)
    assert len(opened) == 1
    written = Path(opened[0].toLocalFile())
    assert written.read_bytes()[:4] == b"%PDF"
    view.cleanup()
    assert not written.exists()
    risky = next(iter(view.current.detail.attachments))
    warning = CaseView._attachment_warning(type(risky)(0, None, "invoice.html", "text/html", 10, True, ""))
    assert warning.startswith("Warning:")


def test_no_password_reaches_a_file(qtbot: QtBot, store: Store, app_paths: AppPaths) -> None:
    imap_password, smtp_password = "Imap-Geheim-7319!", "Smtp-Geheim-4471!"
    dialog = SettingsDialog(app_paths)
    qtbot.addWidget(dialog)
    dialog.ui.companyName.setText("Lumetra LLC")
    dialog.ui.imapHost.setText("imap.example.net")
    dialog.ui.imapUser.setText("privacy@lumetra.io")
    dialog.ui.imapPassword.setText(imap_password)
    dialog.ui.smtpHost.setText("smtp.example.net")
    dialog.ui.smtpUser.setText("privacy@lumetra.io")
    dialog.ui.smtpPassword.setText(smtp_password)
    dialog.ui.leadDays.setText("10, 2, 1")
    dialog.save()
    assert dialog.error == ""
    settings = load_settings(app_paths)
    assert settings.imap.host == "imap.example.net" and settings.reminders.lead_days == [10, 2, 1]
    assert secrets.get_secret(Settings.imap_secret_name(settings.imap)) == imap_password
    assert secrets.get_secret(Settings.smtp_secret_name(settings.smtp)) == smtp_password
    store.close()
    for folder in (app_paths.data_dir, app_paths.config_dir, app_paths.log_dir):
        for file in folder.rglob("*"):
            if file.is_file():
                data = file.read_bytes()
                for password in (imap_password, smtp_password):
                    assert password.encode() not in data, f"{password} found in {file}"
                    assert password.encode("utf-16-le") not in data, f"{password} found in {file}"


def test_a_reminder_fires_once_when_a_case_becomes_due(qtbot: QtBot, store: Store, app_paths: AppPaths) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "ann@example.com", "Ann")
        case = service.open_case(
            session,
            requester=requester,
            request_types=["delete"],
            received_at=datetime(2026, 2, 2, 9, tzinfo=UTC),
            jurisdiction="US-CA",
        )
        key, due = case.key, case.due_date
    assert due is not None
    window = _window(qtbot, store)
    reminders = window.reminders
    # The window's own first check (today's date: this case is long overdue) must be over before the clock is
    # moved, or its late result would be taken for the one the test waits for.
    qtbot.waitUntil(lambda: bool(window.reminder_label.text()), timeout=WAIT)
    reminders.today = lambda: due - timedelta(days=30)
    with qtbot.waitSignal(reminders.checked, timeout=WAIT):
        reminders.check()
    reminders.today = lambda: due - timedelta(days=2)  # the case becomes due within the 3-day lead time
    with qtbot.waitSignal(reminders.notified, timeout=WAIT) as fired:
        reminders.check()
    assert [(r.case_key, r.lead) for r in fired.args[0] if r.kind == "due"] == [(key, 3)]
    assert reminders.tray is None and reminders.notice is not None  # no tray offscreen: the window says it
    assert key in reminders.notice.text() and not reminders.notice.isModal()
    assert window.isActiveWindow()  # the notice did not take the keyboard from the officer
    restarted = ReminderService(store, app_paths, window)  # a restart on the same day repeats nothing
    restarted.today = reminders.today
    with qtbot.assertNotEmitted(restarted.notified, wait=500), qtbot.waitSignal(restarted.checked, timeout=WAIT):
        restarted.check()


def test_every_control_has_an_accessible_name_and_shortcuts_are_listed(qtbot: QtBot, store: Store) -> None:
    window = _window(qtbot, store)
    nameless = []
    for kind in (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit):
        for widget in window.findChildren(kind):
            if widget.objectName().startswith("qt_") or not widget.objectName():
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            if not (widget.accessibleName() or text):
                nameless.append(widget.objectName())
    assert nameless == []
    dialog = ShortcutsDialog(window)
    qtbot.addWidget(dialog)
    assert dialog.ui.shortcutTree.topLevelItemCount() == len(SHORTCUTS)
    listed = " ".join(keys for keys, _does in SHORTCUTS)
    for action in window.findChildren(type(window.ui.actionImport)):
        if action.shortcut().toString():
            assert action.shortcut().toString() in listed, action.text()

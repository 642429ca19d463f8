"""Settings saved as typed and named for screen readers; the daily digest once a day; what a drop may bring."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent
from PySide6.QtWidgets import QAbstractButton, QAbstractItemView, QAbstractSpinBox, QComboBox, QLineEdit, QPlainTextEdit
from pytestqt.qtbot import QtBot
from test_daily_flow import WAIT, _window

from lumetra_desk.core.cases import service
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import load_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.settings_dialog import SettingsDialog

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
CONTROLS = (QAbstractButton, QLineEdit, QComboBox, QAbstractItemView, QPlainTextEdit, QAbstractSpinBox)


def test_every_settings_control_has_its_own_accessible_name(qtbot: QtBot, app_paths: AppPaths) -> None:
    dialog = SettingsDialog(app_paths)
    qtbot.addWidget(dialog)
    names = []
    for kind in CONTROLS:
        for widget in dialog.findChildren(kind):
            if widget.objectName().startswith("qt_") or not widget.objectName():
                continue
            text = widget.text() if isinstance(widget, QAbstractButton) else ""
            names.append(widget.accessibleName() or text)
    assert "" not in names
    assert len(names) == len(set(names)), sorted(n for n in names if names.count(n) > 1)


def test_holiday_calendars_and_the_digest_hour_are_saved(qtbot: QtBot, app_paths: AppPaths) -> None:
    dialog = SettingsDialog(app_paths)
    qtbot.addWidget(dialog)
    calendars = dialog.ui.calendarList
    assert calendars.count() > 0
    chosen = calendars.item(0)
    assert chosen is not None
    chosen.setCheckState(Qt.CheckState.Checked)
    dialog.ui.digestHour.setValue(7)
    dialog.save()
    assert dialog.error == ""
    saved = load_settings(app_paths)
    assert saved.extra_calendars == [chosen.data(Qt.ItemDataRole.UserRole)]
    assert saved.reminders.daily_digest_hour == 7


def test_the_daily_digest_comes_once_a_day_at_its_hour(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "noa@example.com", "Noa")
        service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime.now(UTC) - timedelta(days=60),
            jurisdiction="US-CA",
        )
    window = _window(qtbot, store)
    reminders = window.reminders
    qtbot.waitUntil(lambda: window.reminder_label.text() != "", timeout=WAIT)
    tomorrow = date.today() + timedelta(days=1)
    reminders.today = lambda: tomorrow  # a new day: today's digest may already have come at the start
    reminders.now_hour = lambda: 6  # before the digest hour (9 by default)
    with qtbot.assertNotEmitted(reminders.digest, wait=200), qtbot.waitSignal(reminders.checked, timeout=WAIT):
        reminders.check()
    reminders.now_hour = lambda: 10
    with qtbot.waitSignal(reminders.digest, timeout=WAIT) as digest:
        reminders.check()
    assert "1 overdue" in digest.args[0]
    with qtbot.assertNotEmitted(reminders.digest, wait=200), qtbot.waitSignal(reminders.checked, timeout=WAIT):
        reminders.check()  # the same day again: no second digest


def test_the_window_takes_mail_files_and_folders_but_not_other_files(
    qtbot: QtBot, store: Store, tmp_path: Path
) -> None:
    window = _window(qtbot, store)
    for name, accepted in (("request.eml", True), ("inbox.mbox", True), ("Maildir", True), ("photo.png", False)):
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(tmp_path / name))])
        if name == "Maildir":
            (tmp_path / name).mkdir()
        event = QDragEnterEvent(
            QPointF(5, 5), Qt.DropAction.CopyAction, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier
        )
        window.dragEnterEvent(event)
        assert event.isAccepted() is accepted, name

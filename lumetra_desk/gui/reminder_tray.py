"""Reminders in the desktop: a tray icon with the count due soon, notifications at the lead times, a daily digest.

The reminders are computed from the store on every check (a timer), so nothing is lost across restarts; which
notifications were shown is remembered beside the settings, so a restart does not repeat them either. A desktop
without a system tray gets the notifications in a box of the window instead.
"""

from __future__ import annotations

from datetime import date, datetime

import shiboken6
from PySide6.QtCore import QEvent, QObject, Qt, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMenu, QMessageBox, QStyle, QSystemTrayIcon, QWidget

from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.reminders import Reminder, ShownReminders, daily_digest, notifications_and_within
from lumetra_desk.core.settings import load_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.tasks import run_in_background

CHECK_EVERY_MS = 15 * 60 * 1000
MAX_SINGLE_NOTIFICATIONS = 3  # more than this at once become one summary notification


class ReminderService(QObject):
    checked = Signal(int)  # how many deadlines are overdue or due within the longest lead time
    notified = Signal(list)  # the reminders just notified (list[Reminder])
    digest = Signal(str)
    failed = Signal(str)

    def __init__(self, store: Store, paths: AppPaths, window: QWidget) -> None:
        super().__init__(window)
        self.store = store
        self.paths = paths
        self.window = window
        self.shown = ShownReminders(paths)
        self.today = date.today  # replaceable so a test can move the calendar
        self.now_hour = lambda: datetime.now().hour
        self.tray: QSystemTrayIcon | None = None
        self.notice: QMessageBox | None = None  # the window's own notice when there is no tray
        if QSystemTrayIcon.isSystemTrayAvailable():
            self.tray = QSystemTrayIcon(window.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning), self)
            menu = QMenu(window)
            menu.addAction("Show Lumetra Desk", self._raise_window)
            menu.addAction("Check reminders now", self.check)
            menu.addSeparator()
            menu.addAction("Quit", QApplication.quit)
            self.tray.setContextMenu(menu)
            self.tray.activated.connect(lambda _reason: self._raise_window())
            self.tray.setToolTip("Lumetra Desk")
            self.tray.show()
        window.installEventFilter(self)  # the notice box closes with the window, so quitting is not held up
        self.timer = QTimer(self)
        self.timer.setInterval(CHECK_EVERY_MS)
        self.timer.timeout.connect(self.check)

    def start(self) -> None:
        self.timer.start()
        self.check()

    def check(self) -> None:
        store, today = self.store, self.today()
        settings = load_settings(self.paths)
        leads = settings.reminders.lead_days

        def work() -> tuple[list[Reminder], list[Reminder]]:
            with store.read() as session:
                return notifications_and_within(session, today, leads)

        def done(result: tuple[list[Reminder], list[Reminder]]) -> None:
            due, within = result
            self._apply(today, due, within, settings.reminders.daily_digest_hour)

        run_in_background(work, done, self.failed.emit, self)

    def _apply(self, today: date, due: list[Reminder], within: list[Reminder], digest_hour: int) -> None:
        count = len(within)
        if self.tray is not None:
            self.tray.setToolTip(f"Lumetra Desk: {count} deadline{'s' if count != 1 else ''} overdue or due soon")
        self.checked.emit(count)
        fresh = self.shown.unseen(due)
        if fresh:
            self._notify(fresh)
            self.shown.mark_shown(fresh, today)
            self.notified.emit(fresh)
        if self.shown.digest_due(today, self.now_hour(), digest_hour):
            text = daily_digest(within, today)
            self.shown.mark_digest_shown(today)
            if self.tray is not None or within:  # the window's own box only when there is something to do
                self._tell("Lumetra Desk: today", text, QSystemTrayIcon.MessageIcon.Information, 30000)
            self.digest.emit(text)

    def _notify(self, reminders: list[Reminder]) -> None:
        icon = QSystemTrayIcon.MessageIcon.Warning
        if len(reminders) > MAX_SINGLE_NOTIFICATIONS:
            overdue = sum(1 for r in reminders if r.kind == "overdue")
            self._tell("Lumetra Desk", f"{len(reminders)} deadlines need attention ({overdue} overdue).", icon, 15000)
            return
        for reminder in reminders:
            self._tell("Lumetra Desk", reminder.title, icon, 15000)

    def _tell(self, title: str, text: str, icon: QSystemTrayIcon.MessageIcon, milliseconds: int) -> None:
        """A desktop notification from the tray; without a tray (e.g. GNOME without its tray extension) the
        window says it in one box that collects what comes while it is open, without taking the keyboard."""
        if self.tray is not None:
            self.tray.showMessage(title, text, icon, milliseconds)
            return
        if self.notice is not None and shiboken6.isValid(self.notice) and self.notice.isVisible():
            self.notice.setText(f"{self.notice.text()}\n\n{text}")
            return
        self.notice = QMessageBox(QMessageBox.Icon.Information, title, text, QMessageBox.StandardButton.Ok, self.window)
        self.notice.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        self.notice.setAttribute(Qt.WidgetAttribute.WA_ShowWithoutActivating)
        self.notice.setModal(False)
        typing_in = QApplication.activeWindow()
        self.notice.show()
        if typing_in is not None:
            typing_in.activateWindow()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.window and event.type() == QEvent.Type.Close and self.notice is not None:
            if shiboken6.isValid(self.notice):
                self.notice.close()
            self.notice = None
        return False

    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

"""Reminders in the desktop: a tray icon with the count due soon, notifications at the lead times, a daily digest.

The reminders are computed from the store on every check (a timer), so nothing is lost across restarts; which
notifications were shown is remembered beside the settings, so a restart does not repeat them either.
"""

from __future__ import annotations

from datetime import date, datetime

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QApplication, QMenu, QStyle, QSystemTrayIcon, QWidget

from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.reminders import Reminder, ShownReminders, daily_digest, due_within, notifications_due
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
                return notifications_due(session, today, leads), due_within(session, today, max(leads, default=7))

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
            if self.tray is not None:
                self.tray.showMessage("Lumetra Desk: today", text, QSystemTrayIcon.MessageIcon.Information, 30000)
            self.digest.emit(text)

    def _notify(self, reminders: list[Reminder]) -> None:
        if self.tray is None:
            return
        icon = QSystemTrayIcon.MessageIcon.Warning
        if len(reminders) > MAX_SINGLE_NOTIFICATIONS:
            overdue = sum(1 for r in reminders if r.kind == "overdue")
            self.tray.showMessage(
                "Lumetra Desk", f"{len(reminders)} deadlines need attention ({overdue} overdue).", icon, 15000
            )
            return
        for reminder in reminders:
            self.tray.showMessage("Lumetra Desk", reminder.title, icon, 15000)

    def _raise_window(self) -> None:
        self.window.showNormal()
        self.window.raise_()
        self.window.activateWindow()

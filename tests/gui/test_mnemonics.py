"""Every Alt+letter on screen belongs to one control: two visible controls with the same mnemonic make Qt move the
focus between them instead of pressing either, so the officer's keystroke silently does nothing."""

from __future__ import annotations

from collections import defaultdict
from datetime import UTC, datetime

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import QAbstractButton, QGroupBox, QLabel, QMenuBar, QTabBar, QTabWidget, QWidget
from pytestqt.qtbot import QtBot
from test_daily_flow import WAIT, _window

from lumetra_desk.core.cases import service
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import load_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.first_run import FirstRunWizard
from lumetra_desk.gui.settings_dialog import SettingsDialog


def _mnemonic(text: str) -> str | None:
    key = QKeySequence.mnemonic(text).toString()  # "Alt+S", or "" when the text has none
    return key or None


def _visible_mnemonics(top: QWidget) -> dict[str, list[str]]:
    """Each Alt+letter of a visible control of ``top``, with the controls (by text) that carry it."""
    found: dict[str, list[str]] = defaultdict(list)

    def add(text: str) -> None:
        key = _mnemonic(text)
        if key is not None:
            found[key].append(text)

    for widget in top.findChildren(QWidget):
        if not widget.isVisibleTo(top):  # disabled ones count: they clash as soon as they are enabled
            continue
        if isinstance(widget, QAbstractButton) or (isinstance(widget, QLabel) and widget.buddy() is not None):
            add(widget.text())
        elif isinstance(widget, QGroupBox):
            add(widget.title())
        elif isinstance(widget, QTabBar):
            for index in range(widget.count()):
                add(widget.tabText(index))
        elif isinstance(widget, QMenuBar):
            for action in widget.actions():
                add(action.text())
    return found


def _assert_unique(top: QWidget, where: str) -> None:
    clashes = {key: texts for key, texts in _visible_mnemonics(top).items() if len(texts) > 1}
    assert not clashes, f"{where}: {clashes}"


def _every_tab(tabs: QTabWidget, top: QWidget, where: str) -> None:
    for index in range(tabs.count()):
        tabs.setCurrentIndex(index)
        _assert_unique(top, f"{where}, tab {tabs.tabText(index)!r}")


def test_the_main_window_has_one_control_per_mnemonic(qtbot: QtBot, store: Store) -> None:
    with store.write() as session:
        service.open_case(
            session,
            requester=service.find_or_create_requester(session, "ada@example.com", "Ada"),
            request_types=["access"],
            received_at=datetime.now(UTC),
            jurisdiction="US-CA",
        )
    window = _window(qtbot, store)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    for index in range(window.ui.views.count()):
        window.ui.views.setCurrentIndex(index)
        _assert_unique(window, f"main window, {window.ui.views.tabText(index)!r}")
    window.ui.views.setCurrentWidget(window.ui.casesTab)
    _every_tab(view.ui.caseTabs, window, "case view")


def test_the_settings_and_the_first_run_have_one_control_per_mnemonic(qtbot: QtBot, app_paths: AppPaths) -> None:
    dialog = SettingsDialog(app_paths)
    qtbot.addWidget(dialog)
    dialog.show()
    _every_tab(dialog.ui.settingsTabs, dialog, "settings")
    wizard = FirstRunWizard(load_settings(app_paths))
    qtbot.addWidget(wizard)
    wizard.show()
    for page_id in wizard.pageIds():
        while wizard.currentId() != page_id:
            wizard.next()
        _assert_unique(wizard, f"first run, page {wizard.currentPage().title()!r}")

"""Appearance: the window follows the system's dark palette while it is open, and names in any bundled script show."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, datetime, timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from lumetra_desk.core.cases import service
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.app import configure_application
from lumetra_desk.gui.main_window import MainWindow
from lumetra_desk.gui.style import is_dark, urgency_color

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
WAIT = 30_000
DARK = {
    QPalette.ColorRole.Window: "#2b2b2b",
    QPalette.ColorRole.WindowText: "#e6e6e6",
    QPalette.ColorRole.Base: "#1e1e1e",
    QPalette.ColorRole.AlternateBase: "#262626",
    QPalette.ColorRole.Text: "#e6e6e6",
    QPalette.ColorRole.Button: "#353535",
    QPalette.ColorRole.ButtonText: "#e6e6e6",
    QPalette.ColorRole.Highlight: "#3d6fb4",
    QPalette.ColorRole.HighlightedText: "#ffffff",
}


@pytest.fixture
def configured_app(qapp: QApplication) -> Iterator[QApplication]:
    """The test application set up as `lumetra-desk` sets up its own; the light palette is restored after."""
    light = QPalette(QGuiApplication.palette())
    configure_application(qapp)
    yield qapp
    qapp.setPalette(light)
    qapp.setStyleSheet("")


def _dark_palette() -> QPalette:
    palette = QPalette()
    for role, name in DARK.items():
        palette.setColor(role, QColor(name))
    return palette


def test_switching_to_dark_mode_while_the_window_is_open(
    qtbot: QtBot, store: Store, configured_app: QApplication
) -> None:
    with store.write() as session:
        requester = service.find_or_create_requester(session, "mia@example.com", "Mia")
        service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime.now(UTC) - timedelta(days=50),  # California: five days overdue
            jurisdiction="US-CA",
        )
    window = MainWindow(store)
    qtbot.addWidget(window)
    window.resize(1300, 820)
    window.show()
    qtbot.waitExposed(window)
    view = window.case_view
    qtbot.waitUntil(lambda: view.current is not None, timeout=WAIT)
    assert not is_dark()
    light_overdue = urgency_color("overdue")
    assert light_overdue is not None and light_overdue.name() in view.ui.dueLabel.styleSheet()
    qtbot.waitUntil(lambda: light_overdue.name() in window.dashboard.ui.overdueButton.styleSheet(), timeout=WAIT)

    configured_app.setPalette(_dark_palette())  # what the platform does when the officer turns dark mode on
    qtbot.waitUntil(is_dark)
    dark_overdue = urgency_color("overdue")
    assert dark_overdue is not None and dark_overdue != light_overdue
    qtbot.waitUntil(lambda: dark_overdue.name() in view.ui.dueLabel.styleSheet())
    assert dark_overdue.name() in window.dashboard.ui.overdueButton.styleSheet()
    assert window.dashboard.ui.todayButton.styleSheet() == ""  # nothing due today: no warning colour
    countdown_item = view.ui.deadlineTree.topLevelItem(0)
    assert countdown_item is not None
    assert countdown_item.foreground(2).color().lightness() > 128  # light text on the dark table
    assert window.cases.index(0, 1).data(Qt.ItemDataRole.ForegroundRole).color() == dark_overdue

    qtbot.wait(50)
    table = window.ui.caseTable.viewport().grab().toImage()
    empty_area = table.pixelColor(table.width() - 5, table.height() - 5)  # below the one row
    assert empty_area.lightness() < 80, empty_area.name()
    tabs = view.ui.caseTabs.grab().toImage()
    assert tabs.pixelColor(tabs.width() // 2, tabs.height() - 8).lightness() < 80


def test_bundled_fonts_show_chinese_japanese_and_korean_names(configured_app: QApplication) -> None:
    fallback = QFontMetrics(QFont("Droid Sans Fallback"))
    assert all(fallback.inFontUcs4(ord(char)) for char in "王芳さ김")

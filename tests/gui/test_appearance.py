"""Appearance: the window follows the system's dark palette while it is open, and names in any bundled script show."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import QPointF, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics, QGuiApplication, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot
from reportlab.pdfbase import pdfmetrics

from lumetra_desk.core.cases import service
from lumetra_desk.core.letters.fonts import DEVANAGARI_FONT
from lumetra_desk.core.letters.issue import issue_letter
from lumetra_desk.core.settings import Settings
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


DEVANAGARI_NAME = "अनन्या शर्मा"  # from the demo data: the conjuncts न्य and र्म


def _ink_columns(image: QImage, rows: range) -> tuple[int, int]:
    """The first and last column holding ink (a dark pixel) within the given rows."""
    dark = [x for x in range(image.width()) if any(image.pixelColor(x, y).lightness() < 160 for y in rows)]
    return dark[0], dark[-1]


def _first_line_below_the_letterhead(page: QImage) -> range:
    """The rows of the first line of text under the letterhead's full-width rule (the recipient's name)."""
    y = next(y for y in range(page.height()) if page.pixelColor(page.width() // 2, y).lightness() < 200)
    y = next(y for y in range(y, page.height()) if page.pixelColor(page.width() // 2, y).lightness() > 240)
    margin = range(0, page.width(), 2)
    top = next(y for y in range(y, page.height()) if any(page.pixelColor(x, y).lightness() < 160 for x in margin))
    bottom = next(y for y in range(top, page.height()) if all(page.pixelColor(x, y).lightness() > 240 for x in margin))
    return range(top, bottom)


def test_devanagari_names_print_in_letters_as_the_window_draws_them(
    configured_app: QApplication, store: Store, tmp_path: Path
) -> None:
    """The letter's shaped name against Qt's (which shapes with HarfBuzz too), with the same bundled font."""
    with store.write() as session:
        requester = service.find_or_create_requester(session, "ananya@example.in", DEVANAGARI_NAME)
        key = service.open_case(
            session, requester=requester, request_types=["opt_out_sale_share"],
            received_at=datetime(2026, 11, 2, tzinfo=UTC), jurisdiction="US-CA",
        ).key  # fmt: skip
    pdf = tmp_path / "letter.pdf"
    pdf.write_bytes(issue_letter(store, key, "acknowledgement", Settings(), today=date(2026, 11, 3)).rendered.pdf)
    subprocess.run(
        ["pdftoppm", "-png", "-r", "144", "-f", "1", "-l", "1", "-singlefile", str(pdf), str(tmp_path / "page")],
        check=True,
    )
    page = QImage(str(tmp_path / "page.png"))
    left, right = _ink_columns(page, _first_line_below_the_letterhead(page))

    drawn = QImage(800, 80, QImage.Format.Format_RGB32)
    drawn.fill(QColor("white"))
    font = QFont("Lohit Devanagari")
    font.setPixelSize(20)  # the letter's 10 points at 144 dpi
    painter = QPainter(drawn)
    painter.setFont(font)
    painter.setPen(QColor("black"))
    painter.drawText(QPointF(10, 50), DEVANAGARI_NAME)
    painter.end()
    qt_left, qt_right = _ink_columns(drawn, range(drawn.height()))
    letter_width, qt_width = right - left, qt_right - qt_left
    assert abs(letter_width - qt_width) <= 0.04 * qt_width, (letter_width, qt_width)
    unshaped = pdfmetrics.stringWidth(DEVANAGARI_NAME, DEVANAGARI_FONT, 20)  # each letter's own glyph, side by side
    assert unshaped > 1.08 * qt_width  # so the comparison tells shaped from unshaped


def test_without_any_system_font_the_window_draws_devanagari_with_the_bundled_font(tmp_path: Path) -> None:
    """A machine with no Devanagari font (fontconfig sees no system font at all): the bundled one is used."""
    config = tmp_path / "fonts.conf"
    config.write_text(f"<fontconfig><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>")
    probe = f"""
from PySide6.QtGui import QFont, QTextLayout
from PySide6.QtWidgets import QApplication

def glyph_runs():
    layout = QTextLayout({DEVANAGARI_NAME!r}, QFont())
    layout.beginLayout(); layout.createLine(); layout.endLayout()
    return [(run.rawFont().familyName(), len(run.glyphIndexes())) for run in layout.glyphRuns()]

app = QApplication([])
print(glyph_runs())
from lumetra_desk.gui.app import configure_application
configure_application(app)
print(glyph_runs())
"""
    env = {**os.environ, "FONTCONFIG_FILE": str(config), "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", probe], env=env, capture_output=True, text=True, check=True)
    before, after = result.stdout.splitlines()[-2:]
    assert "Lohit Devanagari" not in before
    assert after == "[('Lohit Devanagari', 10)]", result.stdout  # 12 letters shaped into 10 glyphs

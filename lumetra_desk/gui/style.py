"""Colours that carry meaning (overdue, due soon), chosen to stay readable on light and dark palettes."""

from __future__ import annotations

from PySide6.QtGui import QColor, QGuiApplication, QPalette

from lumetra_desk.core.dashboard import Urgency

_LIGHT = {"overdue": "#b71c1c", "today": "#bf360c", "soon": "#9a5b00"}
_DARK = {"overdue": "#ff8a80", "today": "#ffab91", "soon": "#ffd180"}


def is_dark() -> bool:
    palette = QGuiApplication.palette()
    return (
        palette.color(QPalette.ColorRole.Window).lightness() < palette.color(QPalette.ColorRole.WindowText).lightness()
    )


def urgency_color(urgency: Urgency) -> QColor | None:
    """The text colour for a deadline of this urgency; None keeps the palette's own text colour."""
    table = _DARK if is_dark() else _LIGHT
    name = table.get(urgency)
    return QColor(name) if name else None

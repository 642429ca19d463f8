"""The questions views put to the officer (a reason, a choice, a confirmation), in one replaceable object.

Views ask through an ``Asker`` rather than calling the static dialogs directly, so a test can answer the
questions the way the officer would and drive the real widgets end to end.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QFileDialog, QInputDialog, QLineEdit, QMessageBox, QWidget


class Asker:
    def __init__(self, parent: QWidget) -> None:
        self._parent = parent

    def text(self, title: str, label: str, default: str = "", password: bool = False) -> str | None:
        """One line of text; None when the officer cancels."""
        mode = QLineEdit.EchoMode.Password if password else QLineEdit.EchoMode.Normal
        value, ok = QInputDialog.getText(self._parent, title, label, mode, default)
        return value if ok else None

    def choice(self, title: str, label: str, items: Sequence[str], current: int = 0) -> str | None:
        value, ok = QInputDialog.getItem(self._parent, title, label, list(items), current, False)
        return value if ok else None

    def confirm(self, title: str, question: str) -> bool:
        answer = QMessageBox.question(
            self._parent,
            title,
            question,
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.No,
            QMessageBox.StandardButton.No,
        )
        return answer == QMessageBox.StandardButton.Yes

    def save_path(self, title: str, suggested: str, filter_text: str) -> str | None:
        path, _selected = QFileDialog.getSaveFileName(self._parent, title, suggested, filter_text)
        return path or None

    def tell(self, title: str, message: str) -> None:
        QMessageBox.information(self._parent, title, message)

"""The app's icon, apart from the About dialog so the window can set it without loading that dialog's needs."""

from __future__ import annotations

from PySide6.QtGui import QIcon

from lumetra_desk.core.paths import resources_dir

APP_ID = "io.lumetra.Desk"


def app_icon() -> QIcon:
    """The app icon from its PNG sizes (16 to 512 px), so it needs no SVG plugin to show."""
    icon = QIcon()
    for png in sorted((resources_dir() / "icons" / "png").glob(f"{APP_ID}-*.png")):
        icon.addFile(str(png))
    return icon

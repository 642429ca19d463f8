"""Open the window: the first look at the store starts before Qt is imported, so the two overlap."""

from __future__ import annotations

from collections.abc import Callable

from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.first_look import PendingLook


def open_window(paths: AppPaths, on_first_rows: Callable[[], None] | None = None) -> int:
    """Run the window on the store of ``paths`` until it is closed; the exit status."""
    look = PendingLook(paths)  # keys the store and reads the first rows on its own thread
    from lumetra_desk.gui.app import run_app  # Qt loads meanwhile

    return run_app(paths, look, on_first_rows)

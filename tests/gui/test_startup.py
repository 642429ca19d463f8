"""Starting the window as ``lumetra-desk gui`` does: the first deadlines before the heavy libraries, then the rest.

Run in a child process (a real start, offscreen) on a passphrase store given as $LUMETRA_DESK_PASSPHRASE, the
way scripts and the startup benchmark open it.
"""

from __future__ import annotations

import os
import subprocess
import sys

from lumetra_desk.core import demo
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import load_settings, save_settings
from lumetra_desk.core.store.db import Store

START = """
import sys
from lumetra_desk.cli import main as cli
from lumetra_desk.gui import launch

HEAVY = {"sqlalchemy", "sqlmodel", "alembic", "keyring", "pydantic", "reportlab"}
open_window = launch.open_window


def first_rows() -> None:
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication
    from lumetra_desk.gui.main_window import MainWindow

    window = next(w for w in QApplication.topLevelWidgets() if isinstance(w, MainWindow))
    loaded = sorted({name.split(".")[0] for name in sys.modules} & HEAVY)
    print("first rows", window.dashboard.model.rowCount(), "attached", window.attached, "loaded", loaded, flush=True)

    def when_attached() -> None:
        loaded = window.count_label.text() and window.dashboard.counts is not None
        if not (window.attached and loaded and window.reminder_label.text()):  # the reminders' box closes too
            QTimer.singleShot(20, when_attached)
            return
        print("then", window.count_label.text(), "and", window.dashboard.counts.overdue, "overdue", flush=True)
        window.close()

    QTimer.singleShot(0, when_attached)


launch.open_window = lambda paths, on_first_rows=None: open_window(paths, on_first_rows=first_rows)
sys.exit(cli.main(["--data-dir", sys.argv[1]]))
"""


def test_the_window_shows_the_first_deadlines_before_the_rest_of_the_app_loads(
    app_paths: AppPaths,
) -> None:
    store = Store.open(app_paths, passphrase="opening words")
    summary = demo.fill(store, 150, seed=6)
    store.close()
    settings = load_settings(app_paths)
    settings.first_run_done = True
    save_settings(app_paths, settings)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LUMETRA_DESK_PASSPHRASE": "opening words"}
    done = subprocess.run(
        [sys.executable, "-c", START, str(app_paths.data_dir)], capture_output=True, text=True, env=env, timeout=300
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr, done.stderr
    first, then = done.stdout.splitlines()
    assert first.startswith("first rows ") and first.endswith("attached False loaded []"), first
    assert int(first.split()[2]) > 0
    assert then.startswith("then ") and " cases and " in then and then.endswith(" overdue"), then
    assert summary.cases == 150

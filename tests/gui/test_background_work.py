"""Background workers: a closed view gets no late result, and quitting while work runs is clean."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from datetime import UTC, datetime, timedelta
from pathlib import Path

import pytest
import shiboken6
from PySide6.QtCore import QThreadPool
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lumetra_desk.core import audit
from lumetra_desk.core.cases import service
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.settings import load_settings, save_settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.tasks import Progress, run_in_background, run_with_progress

pytestmark = [pytest.mark.gui, pytest.mark.qt_log_ignore("OpenType support missing")]
CORPUS = Path(__file__).resolve().parents[1] / "intake" / "corpus"  # the committed copy of the reference corpus

# Start the real window as `lumetra-desk` does; once its reminder notice is up (there is no tray offscreen), begin
# loading the demo cases and importing the mail corpus, and press Quit while both still run.
QUIT_WHILE_BUSY = """
import sys
from pathlib import Path
from PySide6.QtCore import QTimer
from lumetra_desk.core.paths import resolve_paths
from lumetra_desk.gui.app import create_application, run_app
from lumetra_desk.gui.main_window import MainWindow

app = create_application()

def start_work_then_quit():
    window = next((w for w in app.topLevelWidgets() if isinstance(w, MainWindow)), None)
    if getattr(getattr(window, "reminders", None), "notice", None) is None:  # the window is still being built
        QTimer.singleShot(50, start_work_then_quit)
        return
    window.load_demo_data()
    window.import_files(sorted(Path(sys.argv[2]).glob("*.eml")))
    window.ui.actionQuit.trigger()
    print("quit pressed", flush=True)

QTimer.singleShot(300, start_work_then_quit)
sys.exit(run_app(resolve_paths(sys.argv[1])))
"""


def test_a_closed_view_gets_no_late_result(qtbot: QtBot, capfd: pytest.CaptureFixture[str]) -> None:
    release = threading.Event()
    delivered: list[object] = []
    closed, open_view = QWidget(), QWidget()
    qtbot.addWidget(open_view)
    run_in_background(lambda: release.wait(30) and "late", delivered.append, delivered.append, closed)
    run_in_background(lambda: release.wait(30) and "on time", delivered.append, delivered.append, open_view)
    closed.deleteLater()
    qtbot.waitUntil(lambda: not shiboken6.isValid(closed))
    release.set()
    assert QThreadPool.globalInstance().waitForDone(30_000)
    qtbot.waitUntil(lambda: delivered == ["on time"])
    assert "Traceback" not in capfd.readouterr().err


def test_long_work_reports_progress_and_stops_at_cancel(qtbot: QtBot) -> None:
    steps: list[int] = []
    outcome: list[str] = []
    started = threading.Event()

    def work(progress: Progress) -> str:
        for step in range(1, 10_000):
            progress(step, 0, f"step {step}")
            started.set()
            threading.Event().wait(0.005)
        return "finished"

    view = QWidget()
    qtbot.addWidget(view)
    _task, progress = run_with_progress(
        work, outcome.append, outcome.append, view, lambda done, _t, _x: steps.append(done), lambda: outcome.append("x")
    )
    assert started.wait(30)
    qtbot.waitUntil(lambda: steps != [])
    progress.cancel()
    qtbot.waitUntil(lambda: outcome == ["x"])
    assert progress.cancelled and steps == sorted(steps)


def test_quitting_while_work_runs_is_clean(app_paths: AppPaths) -> None:
    store = Store.open(app_paths, create=True)
    with store.write() as session:  # an overdue case, so the reminder notice is open too
        requester = service.find_or_create_requester(session, "ida@example.com", "Ida")
        service.open_case(
            session,
            requester=requester,
            request_types=["access"],
            received_at=datetime.now(UTC) - timedelta(days=60),
            jurisdiction="US-CA",
        )
    store.close()
    settings = load_settings(app_paths)
    settings.first_run_done = True
    save_settings(app_paths, settings)
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", QUIT_WHILE_BUSY, str(app_paths.data_dir), str(CORPUS)],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert "quit pressed" in done.stdout, done.stderr
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "Error calling Python override" not in done.stderr, done.stderr
    store = Store.open(app_paths)  # the store opens again and its audit trail is whole
    try:
        with store.read() as session:
            assert audit.verify(session) == []
    finally:
        store.close()

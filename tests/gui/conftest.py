"""Fixtures of the GUI tests: the intake tests' real Dovecot (TLS on loopback), for the mailbox in the window.

Each GUI test also ends with nothing of its windows left: see ``pytest_runtest_teardown``.
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import QCoreApplication, QEvent, QThreadPool
from PySide6.QtWidgets import QApplication

_spec = importlib.util.spec_from_file_location("intake_fixtures", Path(__file__).parents[1] / "intake" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_intake = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _intake
_spec.loader.exec_module(_intake)

dovecot = _intake.dovecot
WORK_FINISHES_MS = 60_000  # a test's background work, cancelled or not, ends well within this
SETTLING_ROUNDS = 20  # a result may start more work (an import, then the reminders); this many rounds is plenty


@pytest.fixture
def imap_passwords() -> dict[str, str]:
    """The Dovecot accounts and their passwords."""
    return dict(_intake.USERS)


def _visible_windows() -> list[str]:
    return [f"{type(w).__name__} {w.windowTitle()!r}" for w in QApplication.topLevelWidgets() if w.isVisible()]


def _settle(what: str) -> None:
    """Close every window still shown, wait for every worker and deliver its result, until nothing is left.

    A result delivered to a closed window may open a box (an error, a reminder) or start more work, so this
    repeats until no window is shown and no worker runs.
    """
    pool = QThreadPool.globalInstance()
    for _round in range(SETTLING_ROUNDS):
        for widget in QApplication.topLevelWidgets():
            if widget.isVisible():
                widget.close()
        assert pool.waitForDone(WORK_FINISHES_MS), f"background work {what} still runs after {WORK_FINISHES_MS} ms"
        QCoreApplication.sendPostedEvents()
        QCoreApplication.processEvents()
        if pool.activeThreadCount() == 0 and not _visible_windows():
            return
    pytest.fail(f"windows or background work {what} keep coming back: {_visible_windows()}")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_teardown(item: pytest.Item) -> Iterator[None]:
    """Nothing of a test's windows outlives it.

    pytest-qt closes a test's windows at teardown but they are deleted only when the next test first waits for
    an event; until then their timers, their late background results and the boxes those open (an error, a
    reminder) act inside the next test, where a box that opens takes the keyboard from that test's window.
    So, before the fixtures close the store, the windows and boxes are closed and every worker is waited for
    and delivered; after the teardown, the closed windows are deleted.
    """
    if QApplication.instance() is None:
        return (yield)
    _settle("of the test")
    result = yield
    _settle("started while the test's windows closed")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    QCoreApplication.processEvents()
    return result

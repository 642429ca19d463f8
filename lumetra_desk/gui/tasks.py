"""Run core work off the GUI thread and hand the result back to it.

A ``Task`` runs a plain function on the global thread pool; its ``finished``/``failed`` signals are delivered
in the GUI thread (queued connections), so slots may touch widgets. Widgets are never touched from the worker.
"""

from __future__ import annotations

import logging
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from lumetra_desk.core.errors import LumetraError

log = logging.getLogger("lumetra_desk.gui")


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self._work()
        except LumetraError as exc:
            self.signals.failed.emit(str(exc))
        except Exception:  # a bug: log the traceback, show the officer a plain sentence
            log.error("background task failed:\n%s", traceback.format_exc())
            self.signals.failed.emit("Something went wrong inside Lumetra Desk; the details are in the log.")
        else:
            self.signals.finished.emit(result)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    parent: QObject,
) -> Task:
    """Start ``work`` on the thread pool; ``parent`` owns the signal object so it dies with the view."""
    task = Task(work)
    task.signals.setParent(parent)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    QThreadPool.globalInstance().start(task)
    return task

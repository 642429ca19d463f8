"""Run core work off the GUI thread and hand the result back to it.

A ``Task`` runs a plain function on the global thread pool; its ``finished``/``failed`` signals are delivered
in the GUI thread (queued connections), so slots may touch widgets. Widgets are never touched from the worker.
"""

from __future__ import annotations

import logging
import threading
import traceback
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal

from lumetra_desk.core.errors import LumetraError

log = logging.getLogger("lumetra_desk.gui")


class Cancelled(Exception):
    """Raised inside long work when the officer pressed Cancel; what was done so far stays done."""


class _Signals(QObject):
    finished = Signal(object)
    failed = Signal(str)
    progress = Signal(int, int, str)  # done, total (0: unknown), what is happening
    cancelled = Signal()


class Progress:
    """Handed to long work: report how far it got; raises ``Cancelled`` at the next report after Cancel."""

    def __init__(self, signals: _Signals) -> None:
        self._signals = signals
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, text: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._signals.progress.emit(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


class Task(QRunnable):
    def __init__(self, work: Callable[[], Any]) -> None:
        super().__init__()
        self._work = work
        self.signals = _Signals()

    def run(self) -> None:
        try:
            result = self._work()
        except Cancelled:
            self.signals.cancelled.emit()
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


def run_with_progress(
    work: Callable[[Progress], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    parent: QObject,
    on_progress: Callable[[int, int, str], None],
    on_cancelled: Callable[[], None],
) -> tuple[Task, Progress]:
    """Like ``run_in_background`` for long work that reports progress and can be cancelled."""
    holder: list[Progress] = []
    task = Task(lambda: work(holder[0]))
    holder.append(Progress(task.signals))
    task.signals.setParent(parent)
    task.signals.finished.connect(on_done)
    task.signals.failed.connect(on_error)
    task.signals.progress.connect(on_progress)
    task.signals.cancelled.connect(on_cancelled)
    QThreadPool.globalInstance().start(task)
    return task, holder[0]

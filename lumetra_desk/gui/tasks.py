"""Run core work off the GUI thread and hand the result back to it.

Workers report through one signal hub that lives as long as the process, so a worker never emits on an object
that a closed view has already deleted. The hub runs in the GUI thread (queued connections) and calls a view's
callbacks only while that view still exists, so callbacks may touch widgets; widgets are never touched from a
worker. When the application quits, long work is cancelled and every worker is waited for, so nothing runs
against a closed store and no worker reports into a torn-down window.
"""

from __future__ import annotations

import itertools
import logging
import threading
import traceback
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import shiboken6
from PySide6.QtCore import QCoreApplication, QObject, QRunnable, QThreadPool, Signal, Slot

from lumetra_desk.core.errors import LumetraError

log = logging.getLogger("lumetra_desk.gui")
BUG_MESSAGE = "Something went wrong inside Lumetra Desk; the details are in the log."


class Cancelled(Exception):
    """Raised inside long work when the officer pressed Cancel; what was done so far stays done."""


class Progress:
    """Handed to long work: report how far it got; raises ``Cancelled`` at the next report after Cancel."""

    def __init__(self, report: Callable[[int, int, str], None]) -> None:
        self._report = report
        self._cancel = threading.Event()

    def __call__(self, done: int, total: int, text: str) -> None:
        if self._cancel.is_set():
            raise Cancelled
        self._report(done, total, text)

    def cancel(self) -> None:
        self._cancel.set()

    @property
    def cancelled(self) -> bool:
        return self._cancel.is_set()


@dataclass
class _Delivery:
    """Where one task's outcome goes: callbacks of ``receiver``, called only while it exists."""

    receiver: QObject
    on_done: Callable[[Any], None]
    on_error: Callable[[str], None]
    on_progress: Callable[[int, int, str], None] | None = None
    on_cancelled: Callable[[], None] | None = None
    progress: Progress | None = None

    def alive(self) -> bool:
        return shiboken6.isValid(self.receiver)


class _Hub(QObject):
    finished = Signal(int, object)  # task id, result
    failed = Signal(int, str)
    progress = Signal(int, int, int, str)  # task id, done, total (0: unknown), what is happening
    cancelled = Signal(int)

    def __init__(self) -> None:
        super().__init__()
        self._deliveries: dict[int, _Delivery] = {}
        self._ids = itertools.count(1)
        self.closing = False  # the application is quitting: no new work starts
        self.finished.connect(self._on_finished)
        self.failed.connect(self._on_failed)
        self.progress.connect(self._on_progress)
        self.cancelled.connect(self._on_cancelled)
        app = QCoreApplication.instance()
        if app is not None:
            app.aboutToQuit.connect(self.finish_all)

    def register(self, delivery: _Delivery) -> int:
        task_id = next(self._ids)
        self._deliveries[task_id] = delivery
        return task_id

    def _take(self, task_id: int) -> _Delivery | None:
        delivery = self._deliveries.pop(task_id, None)
        return delivery if delivery is not None and delivery.alive() else None

    @Slot(int, object)
    def _on_finished(self, task_id: int, result: object) -> None:
        delivery = self._take(task_id)
        if delivery is not None:
            delivery.on_done(result)

    @Slot(int, str)
    def _on_failed(self, task_id: int, message: str) -> None:
        delivery = self._take(task_id)
        if delivery is not None:
            delivery.on_error(message)

    @Slot(int, int, int, str)
    def _on_progress(self, task_id: int, done: int, total: int, text: str) -> None:
        delivery = self._deliveries.get(task_id)
        if delivery is not None and delivery.on_progress is not None and delivery.alive():
            delivery.on_progress(done, total, text)

    @Slot(int)
    def _on_cancelled(self, task_id: int) -> None:
        delivery = self._take(task_id)
        if delivery is not None and delivery.on_cancelled is not None:
            delivery.on_cancelled()

    @Slot()
    def finish_all(self) -> None:
        """Quitting: start nothing new (Qt may still fire a due timer before the loop ends), cancel long work at
        its next step, wait for every worker, deliver nothing more."""
        self.closing = True
        for delivery in self._deliveries.values():
            if delivery.progress is not None:
                delivery.progress.cancel()
        QThreadPool.globalInstance().waitForDone()
        self._deliveries.clear()


_hub: _Hub | None = None


def _the_hub() -> _Hub:
    """The process's hub, made on first use in the GUI thread (so its slots run there)."""
    global _hub
    if _hub is None:
        _hub = _Hub()
    return _hub


class Task(QRunnable):
    def __init__(self, task_id: int, work: Callable[[], Any], hub: _Hub) -> None:
        super().__init__()
        self.task_id = task_id
        self._work = work
        self._hub = hub

    def run(self) -> None:
        try:
            result = self._work()
        except Cancelled:
            self._hub.cancelled.emit(self.task_id)
        except LumetraError as exc:
            self._hub.failed.emit(self.task_id, str(exc))
        except Exception:  # a bug: log the traceback, show the officer a plain sentence
            log.error("background task failed:\n%s", traceback.format_exc())
            self._hub.failed.emit(self.task_id, BUG_MESSAGE)
        else:
            self._hub.finished.emit(self.task_id, result)


def run_in_background(
    work: Callable[[], Any],
    on_done: Callable[[Any], None],
    on_error: Callable[[str], None],
    parent: QObject,
) -> Task:
    """Start ``work`` on the thread pool; its outcome reaches ``on_done``/``on_error`` only while ``parent`` lives."""
    hub = _the_hub()
    task = Task(hub.register(_Delivery(parent, on_done, on_error)), work, hub)
    if not hub.closing:
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
    hub = _the_hub()
    delivery = _Delivery(parent, on_done, on_error, on_progress, on_cancelled)
    task_id = hub.register(delivery)
    progress = Progress(lambda done, total, text: hub.progress.emit(task_id, done, total, text))
    delivery.progress = progress
    task = Task(task_id, lambda: work(progress), hub)
    if not hub.closing:
        QThreadPool.globalInstance().start(task)
    return task, progress

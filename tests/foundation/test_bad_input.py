"""The issue's bad input, for real: a full disk and a read-only data folder (a small tmpfs in a private mount
namespace, seen by nobody else), a second window on a store another process holds, a store from a newer
version opened by the window, and a mistyped new passphrase. Each gives a plain message, writes nothing half-way
and loses nothing.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import shlex
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QInputDialog, QMessageBox

from lumetra_desk.core.errors import StoreError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.db import Store
from lumetra_desk.gui.app import configure_logging, open_store_interactively

PASSPHRASE = "correct horse battery staple"
CLI = f"{shlex.quote(sys.executable)} -m lumetra_desk"


def run_with_own_tmpfs(tmp_path: Path, size: str, script: str, **variables: str) -> Path:
    """Run ``script`` (bash) with ``$DESK`` a fresh tmpfs of ``size``, in a mount namespace of its own.

    ``$LD`` is the command line on that folder; results go to files in the returned folder ``$OUT``; ``variables``
    become more environment variables of the script.
    """
    desk, out = tmp_path / "desk", tmp_path / "out"
    desk.mkdir()
    out.mkdir()
    namespace = ["unshare", "--mount", "--propagation", "private"]
    if os.geteuid() != 0:
        namespace.insert(1, "--map-root-user")  # a user namespace lets a non-root developer mount a tmpfs
    prologue = f'mount -t tmpfs -o size={size} tmpfs "$DESK"\nLD="{CLI} --data-dir $DESK"\n'
    env = {
        "PATH": os.environ["PATH"],
        "HOME": str(tmp_path),
        "DESK": str(desk),
        "OUT": str(out),
        "LUMETRA_DESK_PASSPHRASE": PASSPHRASE,
        **variables,
    }
    result = subprocess.run(
        [*namespace, shutil.which("bash") or "/bin/bash", "-euc", prologue + script],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert not any(desk.iterdir()), "the tmpfs must not be visible outside its namespace"
    return out


def _one_plain_line(err: str) -> str:
    assert err.startswith("lumetra-desk: ") and err.count("\n") == 1 and "Traceback" not in err, err
    return err


@pytest.mark.slow
def test_a_full_disk_gives_a_plain_message_and_loses_nothing(tmp_path: Path) -> None:
    out = run_with_own_tmpfs(
        tmp_path,
        "1m",
        """
        $LD demo --cases 20 --seed 5 > /dev/null
        $LD cases list --json > "$OUT/before.json"
        $LD demo --cases 4000 --seed 6 2> "$OUT/full.err" && echo 0 > "$OUT/full.rc" || echo $? > "$OUT/full.rc"
        $LD cases list --json > "$OUT/after.json"
        $LD cases list --search delete --json > "$OUT/search.json"
        $LD db check > "$OUT/check.out"
        $LD audit verify > "$OUT/audit.out"
        """,
    )
    assert (out / "full.rc").read_text().strip() == "1"
    assert "The disk is full; nothing was saved" in _one_plain_line((out / "full.err").read_text())
    before = json.loads((out / "before.json").read_text())
    assert len(before) == 20 and json.loads((out / "after.json").read_text()) == before
    assert json.loads((out / "search.json").read_text()), "the full-text index survived the failed load"
    assert "healthy" in (out / "check.out").read_text()
    assert "intact" in (out / "audit.out").read_text()


@pytest.mark.slow
def test_a_read_only_data_folder_gives_a_plain_message_and_loses_nothing(tmp_path: Path) -> None:
    out = run_with_own_tmpfs(
        tmp_path,
        "16m",
        """
        $LD demo --cases 10 --seed 5 > /dev/null
        $LD cases list --json > "$OUT/before.json"
        mount -o remount,ro "$DESK"
        for command in "cases list" "demo --cases 5" "db backup $DESK/copy.db"; do
          name=${command%% *}
          $LD $command 2> "$OUT/$name.err" && echo 0 > "$OUT/$name.rc" || echo $? > "$OUT/$name.rc"
        done
        "$PYTHON" -c "$WINDOW_OPEN" "$DESK" > "$OUT/window.err" && rc=0 || rc=$?
        echo $rc > "$OUT/window.rc"
        mount -o remount,rw "$DESK"
        $LD cases list --json > "$OUT/after.json"
        """,
        PYTHON=sys.executable,
        WINDOW_OPEN=(
            "import sys\nfrom lumetra_desk.core.errors import StoreError\nfrom lumetra_desk.core.paths import "
            "resolve_paths\nfrom lumetra_desk.core.store.db import Store\ntry:\n    Store.open(resolve_paths("
            "sys.argv[1]), exclusive=True)\nexcept StoreError as exc:\n    print(f'lumetra-desk: {exc}')\n"
            "    sys.exit(1)"
        ),
    )
    for name in ("cases", "demo", "db", "window"):
        assert (out / f"{name}.rc").read_text().strip() == "1", name
        assert "read-only" in _one_plain_line((out / f"{name}.err").read_text())
    before = json.loads((out / "before.json").read_text())
    assert len(before) == 10 and json.loads((out / "after.json").read_text()) == before


def _answer_the_message_box(shown: list[str]) -> None:
    """Read the modal message box the code under test opens, then press its OK button."""

    def answer() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox)
        shown.append(box.text())
        box.button(QMessageBox.StandardButton.Ok).click()

    QTimer.singleShot(0, answer)


@pytest.mark.gui
def test_a_second_window_on_a_store_another_process_holds_is_refused(qapp: QApplication, app_paths: AppPaths) -> None:
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from lumetra_desk.core.paths import resolve_paths; from lumetra_desk.core.store.db import "
            "Store; s = Store.open(resolve_paths(sys.argv[1]), exclusive=True); print('open', flush=True); "
            "sys.stdin.read(); s.close()",
            str(app_paths.data_dir),
        ],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline() == "open\n"
        shown: list[str] = []
        _answer_the_message_box(shown)
        assert open_store_interactively(app_paths) is None
        assert shown == ["Lumetra Desk is already open on this store in another window; switch to that window."]
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        assert holder.wait(timeout=60) == 0
    store = open_store_interactively(app_paths)  # the first window closed: this one opens
    assert store is not None
    store.close()


@pytest.mark.gui
def test_the_window_refuses_a_store_from_a_newer_version_in_plain_words(qapp: QApplication, store: Store) -> None:
    with store.write() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    store.close()
    before = hashlib.sha256(store.paths.store_file.read_bytes()).hexdigest()
    shown: list[str] = []
    _answer_the_message_box(shown)
    assert open_store_interactively(store.paths) is None
    assert len(shown) == 1 and "written by a newer version of Lumetra Desk" in shown[0]
    assert hashlib.sha256(store.paths.store_file.read_bytes()).hexdigest() == before, "the newer store is untouched"


def _answer_input_dialogs(answers: list[str], asked: list[str]) -> None:
    """Type each answer into the next password dialog the code under test opens, and record what it asked."""

    def answer() -> None:
        dialog = QApplication.activeModalWidget()
        if not isinstance(dialog, QInputDialog):  # the next dialog is not open yet
            QTimer.singleShot(10, answer)
            return
        asked.append(dialog.labelText())
        dialog.setTextValue(answers.pop(0))
        dialog.accept()
        if answers:
            QTimer.singleShot(0, answer)

    QTimer.singleShot(0, answer)


@pytest.mark.gui
def test_a_new_stores_passphrase_is_typed_twice_and_a_mismatch_asks_again(
    qapp: QApplication, app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={app_paths.data_dir}/no-bus")  # no keyring here
    asked: list[str] = []
    _answer_input_dialogs(["first try", "frist try", "correct horse", "correct horse"], asked)
    store = open_store_interactively(app_paths)
    assert store is not None
    store.close()
    assert len(asked) == 4 and "No system keyring" in asked[0] and "again" in asked[1]
    assert "were not the same" in asked[2]
    Store.open(app_paths, passphrase="correct horse").close()
    with pytest.raises(StoreError, match="wrong"):
        Store.open(app_paths, passphrase="first try")


@pytest.mark.gui
def test_an_existing_stores_passphrase_is_asked_once(qapp: QApplication, app_paths: AppPaths) -> None:
    Store.open(app_paths, passphrase="correct horse").close()
    asked: list[str] = []
    _answer_input_dialogs(["correct horse"], asked)
    store = open_store_interactively(app_paths)
    assert store is not None and len(asked) == 1 and "protected by a passphrase" in asked[0]
    store.close()


def test_a_log_folder_that_cannot_be_written_does_not_stop_the_window(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The window starts, logging to standard error, so it can go on to say what is wrong with the folder."""
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the log folder should be")
    paths = AppPaths(data_dir=tmp_path / "data", config_dir=tmp_path / "config", log_dir=blocker / "logs")
    logger = logging.getLogger("lumetra_desk")
    before = list(logger.handlers)
    try:
        configure_logging(paths)
        added = [handler for handler in logger.handlers if handler not in before]
        assert len(added) == 1 and not isinstance(added[0], logging.FileHandler)
        assert "the log cannot be written" in capsys.readouterr().err
    finally:
        for handler in logger.handlers[len(before) :]:
            logger.removeHandler(handler)

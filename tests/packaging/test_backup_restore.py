"""Back up and restore, as the README describes it: ``db backup PATH``, then ``db restore PATH``.

A keyring-keyed store also needs its key on the new computer: ``db export-key`` before, ``db import-key --backup``
there. A "new computer" here is a fresh data folder with the key removed from the (test) keyring. Restoring over
the current store (after a crash that left its write-ahead log behind) keeps the replaced store and leaves an
intact audit trail.
"""

from __future__ import annotations

import io
import secrets as pysecrets
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from sqlmodel import col, select

from lumetra_desk.cli.main import main
from lumetra_desk.core import audit, demo, secrets
from lumetra_desk.core.paths import AppPaths, resolve_paths
from lumetra_desk.core.store.db import Store, StoreMeta
from lumetra_desk.core.store.models import Requester
from lumetra_desk.core.store.queries import count_cases
from lumetra_desk.core.store.restore import restore_backup

NAME = "Łukasz Wiśniewski"


def _cli(capsys: pytest.CaptureFixture[str], paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(paths.data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _restore(capsys: pytest.CaptureFixture[str], backup: Path, tmp_path: Path) -> AppPaths:
    """The README's restore, on the new computer's (empty) data folder."""
    restored = resolve_paths(tmp_path / "new-computer")
    code, out, err = _cli(capsys, restored, "db", "restore", str(backup))
    assert code == 0, err
    assert "Restored" in out and "moved, not deleted" not in out, "there was no store to move aside"
    return restored


def _names(paths: AppPaths) -> list[str]:
    store = Store.open(paths, create=False)
    try:
        with store.read() as session:
            return list(session.exec(select(Requester.name)).all())
    finally:
        store.close()


def test_keyring_store_restores_on_a_new_computer_with_its_exported_key(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    with store.write() as session:
        session.add(Requester(email="lukasz@example.pl", name=NAME))
    paths, secret_name = store.paths, store.meta.key_secret_name
    backup = tmp_path / "backups" / "desk-2026-11-27.db"
    backup.parent.mkdir()
    assert _cli(capsys, paths, "db", "backup", str(backup))[0] == 0
    code, key, warning = _cli(capsys, paths, "db", "export-key")
    assert code == 0 and "password manager" in warning
    store.close()

    secrets.delete_secret(secret_name)  # the new computer's keyring does not know the store
    new_computer = resolve_paths(tmp_path / "new-computer")
    code, _, err = _cli(capsys, new_computer, "db", "restore", str(backup))
    assert code == 1 and f"db import-key --backup {backup}" in err
    assert not new_computer.store_file.exists()

    monkeypatch.setattr("sys.stdin", io.StringIO(key))
    code, out, _ = _cli(capsys, new_computer, "db", "import-key", "--backup", str(backup))
    assert code == 0 and "Saved the key of the backup" in out
    try:
        restored = _restore(capsys, backup, tmp_path)
        assert _cli(capsys, restored, "db", "check")[0] == 0
        assert _names(restored) == [NAME]
    finally:
        secrets.delete_secret(secret_name)


def test_a_wrong_or_malformed_key_is_refused_and_the_keyring_is_untouched(
    store: Store, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    paths, secret_name = store.paths, store.meta.key_secret_name
    original = secrets.get_secret(secret_name)
    monkeypatch.setattr("sys.stdin", io.StringIO(pysecrets.token_hex(32) + "\n"))
    code, _, err = _cli(capsys, paths, "db", "import-key")
    assert code == 1 and "does not open the store" in err
    monkeypatch.setattr("sys.stdin", io.StringIO("not-a-key\n"))
    code, _, err = _cli(capsys, paths, "db", "import-key")
    assert code == 1 and "64 hexadecimal characters" in err
    assert secrets.get_secret(secret_name) == original


def test_passphrase_store_backup_needs_only_the_passphrase(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "correct horse battery staple")
    assert _cli(capsys, app_paths, "db", "init")[0] == 0
    store = Store.open(app_paths)
    with store.write() as session:
        session.add(Requester(email="lukasz@example.pl", name=NAME))
    backup = tmp_path / "portable.db"
    store.backup(backup)
    store.close()
    assert StoreMeta.read(Path(f"{backup}.store.json")).encryption == "passphrase"

    code, _, err = _cli(capsys, app_paths, "db", "export-key")
    assert code == 1 and "keep the passphrase" in err
    restored = _restore(capsys, backup, tmp_path)
    assert _names(restored) == [NAME]


def _case_count(paths: AppPaths) -> int:
    store = Store.open(paths, create=False)
    try:
        with store.read() as session:
            return count_cases(session)
    finally:
        store.close()


def test_restoring_over_a_store_left_by_a_crash_keeps_both_and_the_audit_trail_intact(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    demo.fill(store, 12, seed=4)
    backup = tmp_path / "desk.db"
    store.backup(backup)
    store.close()
    crash = subprocess.run(  # more cases, then killed: its write-ahead log stays in the data folder
        [
            sys.executable,
            "-c",
            "import os, sys; from lumetra_desk.core import demo; from lumetra_desk.core.paths import resolve_paths; "
            "from lumetra_desk.core.store.db import Store; "
            "demo.fill(Store.open(resolve_paths(sys.argv[1])), 30, seed=5); os.kill(os.getpid(), 9)",
            str(store.paths.data_dir),
        ],
        check=False,
    )
    assert crash.returncode == -signal.SIGKILL
    assert Path(f"{store.paths.store_file}-wal").exists()

    code, out, err = _cli(capsys, store.paths, "db", "restore", str(backup))
    assert code == 0, err
    assert "Restored 12 cases" in out
    (aside,) = store.paths.data_dir.glob("before-restore-*")
    assert f"moved, not deleted, to {aside}" in out
    assert _cli(capsys, store.paths, "db", "check")[0] == 0
    code, out, err = _cli(capsys, store.paths, "audit", "verify")
    assert code == 0 and "intact" in out, out + err
    assert _case_count(store.paths) == 12
    replaced = AppPaths(data_dir=aside, config_dir=aside / "config", log_dir=aside / "logs")
    assert _case_count(replaced) == 42, "the replaced store, with its log, still holds everything"


def test_restore_is_refused_while_the_window_is_open(
    store: Store, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    backup = tmp_path / "desk.db"
    store.backup(backup)
    store.close()
    window = Store.open(store.paths, exclusive=True)
    try:
        code, _, err = _cli(capsys, store.paths, "db", "restore", str(backup))
        assert code == 1 and "already open" in err and err.count("\n") == 1
        assert not list(store.paths.data_dir.glob("before-restore-*"))
    finally:
        window.close()


def test_a_backup_that_does_not_open_leaves_the_current_store_untouched(
    app_paths: AppPaths, tmp_path: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "the current store's passphrase")
    current = Store.open(app_paths)
    demo.fill(current, 5, seed=1)
    current.close()
    other = resolve_paths(tmp_path / "other")
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "another passphrase")
    other_store = Store.open(other)
    other_store.backup(tmp_path / "other.db")
    other_store.close()
    before = app_paths.store_file.read_bytes()

    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "the current store's passphrase")
    code, _, err = _cli(capsys, app_paths, "db", "restore", str(tmp_path / "other.db"))
    assert code == 1 and "key or passphrase is wrong" in err and "not touched" in err
    assert str(tmp_path / "other.db") in err and ".restore-" not in err
    assert app_paths.store_file.read_bytes() == before
    assert sorted(p.name for p in app_paths.data_dir.iterdir() if p.name.startswith((".restore", "before"))) == []
    code, _, err = _cli(capsys, app_paths, "db", "restore", str(tmp_path / "missing.db"))
    assert code == 1 and "There is no backup file" in err


def test_backup_while_the_app_writes_is_a_consistent_store(store: Store, tmp_path: Path) -> None:
    """``db backup`` runs while the window keeps committing: the copy is one consistent moment of the store."""
    demo.fill(store, 20, seed=3)
    app = Store.open(store.paths)  # the window's own connections, writing all along
    committed = 0
    stop = threading.Event()

    def keep_writing() -> None:
        nonlocal committed
        while not stop.is_set():
            with app.write() as session:
                session.add(Requester(email=f"writer{committed}@example.org"))
                audit.record(session, action="requester.created", entity="requester", after={"n": committed})
            committed += 1

    writer = threading.Thread(target=keep_writing)
    writer.start()
    try:
        while committed < 5 and writer.is_alive():
            time.sleep(0.01)
        store.backup(tmp_path / "online.db")
        during = committed
        while committed < during + 5 and writer.is_alive():  # the writer goes on after the backup
            time.sleep(0.01)
        assert writer.is_alive(), "the writer stopped with an error"
    finally:
        stop.set()
        writer.join(timeout=60)
        app.close()
    restored = resolve_paths(tmp_path / "restored")
    restore_backup(restored, tmp_path / "online.db")
    copy = Store.open(restored, create=False)
    try:
        assert copy.check() == []
        with copy.read() as session:
            assert audit.verify(session) == []
            emails = session.exec(select(Requester.email).order_by(col(Requester.id))).all()
            written = [email for email in emails if email.startswith("writer")]
        assert 5 <= len(written) <= during + 1
        assert written == [f"writer{n}@example.org" for n in range(len(written))], "no commit is half in the copy"
    finally:
        copy.close()

"""Back up and restore, as the README describes it: the backup and its store.json put back in a data folder.

A keyring-keyed store also needs its key on the new computer: ``db export-key`` before, ``db import-key`` after.
A "new computer" here is a fresh data folder with the key removed from the (test) keyring.
"""

from __future__ import annotations

import io
import secrets as pysecrets
from pathlib import Path

import pytest
from sqlmodel import select

from lumetra_desk.cli.main import main
from lumetra_desk.core import secrets
from lumetra_desk.core.paths import AppPaths, resolve_paths
from lumetra_desk.core.store.db import Store, StoreMeta
from lumetra_desk.core.store.models import Requester

NAME = "Łukasz Wiśniewski"


def _cli(capsys: pytest.CaptureFixture[str], paths: AppPaths, *argv: str) -> tuple[int, str, str]:
    code = main(["--data-dir", str(paths.data_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def _restore(backup: Path, tmp_path: Path) -> AppPaths:
    """The README's restore: lumetra-desk.db and store.json in the data folder of the new computer."""
    restored = resolve_paths(tmp_path / "new-computer")
    restored.ensure()
    backup.replace(restored.store_file)
    Path(f"{backup}.store.json").replace(restored.store_meta_file)
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
    restored = _restore(backup, tmp_path)
    code, _, err = _cli(capsys, restored, "db", "check")
    assert code == 1 and "not in the system keyring" in err

    monkeypatch.setattr("sys.stdin", io.StringIO(key))
    code, out, _ = _cli(capsys, restored, "db", "import-key")
    assert code == 0 and "Saved the key" in out
    try:
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
    restored = _restore(backup, tmp_path)
    assert _names(restored) == [NAME]

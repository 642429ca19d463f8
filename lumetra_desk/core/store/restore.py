"""Restoring a backup made by ``Store.backup`` over (or into) a data folder, safely.

Copying the files by hand goes wrong in two quiet ways: a write-ahead log left by a crash is replayed onto the
copied-in backup and damages it, and the audit anchor still names the newer trail, so ``audit verify`` reports
the restored events as deleted. Here the backup is first opened and checked in a staging folder, the current
store is moved aside with its log and anchor (nothing is deleted), and the restore is the first event of the
restored trail, which also starts a new anchor.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from lumetra_desk.core import audit
from lumetra_desk.core.errors import StoreError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store.db import SIDE_FILES, Store, StoreMeta, backup_meta_file, take_window_lock
from lumetra_desk.core.store.queries import count_cases


@dataclass(frozen=True)
class RestoreSummary:
    cases: int
    encryption: str
    previous_store: Path | None  # where the store that was replaced now lies, if there was one


def restore_backup(paths: AppPaths, backup: Path, passphrase: str | None = None) -> RestoreSummary:
    """Make ``backup`` the store of ``paths``; refused while the window is open, and whenever the backup does not
    open with its key or fails its integrity check (then nothing in the data folder changes)."""
    backup = backup.expanduser().resolve()
    meta_file = backup_meta_file(backup)
    if not backup.is_file():
        raise StoreError(f"There is no backup file {backup}.")
    if not meta_file.is_file():
        raise StoreError(f"{meta_file} is missing: a backup is restored together with the description beside it.")
    meta = StoreMeta.read(meta_file)
    try:
        paths.ensure()
    except OSError as exc:
        raise StoreError(f"The data folder {paths.data_dir} cannot be created ({exc.strerror}).") from exc
    lock_fd = take_window_lock(paths)
    try:
        staging = Path(tempfile.mkdtemp(prefix=".restore-", dir=paths.data_dir))
        try:
            staged = AppPaths(data_dir=staging, config_dir=staging / "config", log_dir=staging / "logs")
            shutil.copyfile(backup, staged.store_file)
            meta.write(staged.store_meta_file)
            _check_staged(staged, backup, meta, passphrase)
            previous = _move_current_store_aside(paths)
            try:
                for name in _store_file_names(paths):
                    if (staging / name).exists():
                        (staging / name).replace(paths.data_dir / name)
            except OSError as exc:
                kept = f"; the store it was to replace is kept in {previous}" if previous else ""
                raise StoreError(f"The backup could not be put in place ({exc.strerror}){kept}.") from exc
        except OSError as exc:
            raise StoreError(f"The backup could not be copied into {paths.data_dir} ({exc.strerror}).") from exc
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    finally:
        os.close(lock_fd)
    store = Store.open(paths, create=False, passphrase=passphrase)
    try:
        with store.write() as session:
            audit.record(
                session,
                action="store.restored",
                entity="store",
                after={"backup": str(backup), "previous_store": str(previous) if previous else None},
            )
        with store.read() as session:
            cases = count_cases(session)
    finally:
        store.close()
    return RestoreSummary(cases=cases, encryption=meta.encryption, previous_store=previous)


def _check_staged(staged: AppPaths, backup: Path, meta: StoreMeta, passphrase: str | None) -> None:
    """Open the staged copy (key check, migration of an older backup) and run the integrity check on it."""
    try:
        store = Store.open(staged, create=False, passphrase=passphrase)
    except StoreError as exc:
        if meta.encryption == "keyring" and "not in the system keyring" in str(exc):
            raise StoreError(
                f"The key of the backup {backup} is not in this computer's keyring. Put it there first with "
                f"'lumetra-desk db import-key --backup {backup}' (the key printed by 'db export-key'), then restore."
            ) from exc
        reason = str(exc).replace(str(staged.store_file), str(backup))
        raise StoreError(f"The backup cannot be restored: {reason} The current store was not touched.") from exc
    try:
        problems = store.check()
    finally:
        store.close()
    if problems:
        raise StoreError(f"The backup {backup} is damaged ({problems[0]}); the current store was not touched.")


def _store_file_names(paths: AppPaths) -> list[str]:
    name = paths.store_file.name
    return [name, *(name + suffix for suffix in SIDE_FILES), paths.store_meta_file.name]


def _move_current_store_aside(paths: AppPaths) -> Path | None:
    """Move the store being replaced, its log and its audit anchor into a dated folder beside it."""
    present = [n for n in [*_store_file_names(paths), audit.ANCHOR_FILE] if (paths.data_dir / n).exists()]
    if not present:
        return None
    aside = paths.data_dir / f"before-restore-{datetime.now(UTC):%Y%m%dT%H%M%SZ}"
    aside.mkdir()
    for name in present:
        (paths.data_dir / name).replace(aside / name)
    return aside

"""One SQLCipher connection to the store file: its description, its key, its settings and the window lock.

Everything here needs only the standard library and sqlcipher3, so the window can open the store and read its
first rows before SQLAlchemy, Alembic or the keyring are loaded (``first_look``); the engine of ``db.Store``
makes every later connection the same way. A keyring store's key is the only thing that needs the keyring,
which is then loaded on demand.
"""

from __future__ import annotations

import errno
import json
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, get_args

import sqlcipher3.dbapi2 as sqlcipher

from lumetra_desk import __version__
from lumetra_desk.core.errors import StoreError, StoreLockedError
from lumetra_desk.core.paths import AppPaths

PASSPHRASE_ENV = "LUMETRA_DESK_PASSPHRASE"
Encryption = Literal["keyring", "passphrase", "none"]
# Each page SQLCipher reads is decrypted and checked first, so a connection keeps up to this many KiB of them:
# the case table of a 100k-case store (about 20 MB) and the case list's indexes stay decrypted between queries.
PAGE_CACHE_KIB = 32 * 1024
BUSY_TIMEOUT_S = 15


class PassphraseRequiredError(StoreError):
    """The store needs a passphrase and none was given (the GUI asks for one)."""


@dataclass(frozen=True)
class StoreMeta:
    store_id: str
    encryption: Encryption

    @property
    def key_secret_name(self) -> str:
        return f"store-key:{self.store_id}"

    @classmethod
    def read(cls, file: Path) -> StoreMeta:
        try:
            raw = json.loads(file.read_text())
            encryption = raw["encryption"]
            if encryption not in get_args(Encryption):
                raise ValueError(f"unknown encryption {encryption!r}")
            return cls(store_id=str(raw["store_id"]), encryption=encryption)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            raise StoreError(f"The store description {file} is missing or damaged ({exc}).") from exc

    def write(self, file: Path) -> None:
        payload = {"store_id": self.store_id, "encryption": self.encryption, "created_by": __version__}
        tmp = file.with_suffix(".tmp")
        try:
            tmp.write_text(json.dumps(payload, indent=2))
            tmp.replace(file)
        except OSError as exc:
            tmp.unlink(missing_ok=True)
            raise StoreError(f"The store description {file} could not be written ({exc.strerror or exc}).") from exc


def sql_key(meta: StoreMeta, passphrase: str | None) -> str | None:
    """The literal for ``PRAGMA key``: a raw hex key from the keyring, or the passphrase."""
    if meta.encryption == "none":
        return None
    if meta.encryption == "keyring":
        from lumetra_desk.core import secrets  # the keyring and its backends load only for a keyring store

        hex_key = secrets.get_secret(meta.key_secret_name)
        if not hex_key:
            if not secrets.keyring_usable():
                raise StoreError(
                    "The key of this store is kept in the system keyring, and no keyring is available. "
                    "Unlock or start your keyring (for example GNOME Keyring) and try again."
                )
            raise StoreError("The key of this store is not in the system keyring; the store cannot be opened.")
        return raw_key_literal(hex_key)
    given = passphrase if passphrase is not None else os.environ.get(PASSPHRASE_ENV)
    if not given:
        raise PassphraseRequiredError(
            f"This store is protected by a passphrase: enter it, or set {PASSPHRASE_ENV} for scripts."
        )
    return "'" + given.replace("'", "''") + "'"


def raw_key_literal(hex_key: str) -> str:
    """``PRAGMA key``'s literal for a raw 256-bit key kept as hex (no key derivation)."""
    return f"\"x'{hex_key}'\""


def connect(file: Path) -> sqlcipher.Connection:
    return sqlcipher.connect(str(file), check_same_thread=False, timeout=BUSY_TIMEOUT_S)


def configure(dbapi_conn: sqlcipher.Connection, key: str | None) -> None:
    """Key a new connection, check the key on the first page, and set the store's pragmas.

    With a passphrase, the first read derives the key (PBKDF2, tens of milliseconds): connections are
    therefore kept and reused rather than opened per query.
    """
    dbapi_conn.isolation_level = None  # transactions are begun explicitly (BEGIN DEFERRED or IMMEDIATE)
    cur = dbapi_conn.cursor()
    try:
        if key is not None:
            cur.execute("PRAGMA cipher_log_level = NONE")
            cur.execute(f"PRAGMA key = {key}")
        cur.execute("SELECT count(*) FROM sqlite_master")  # fails here on a wrong key / not a store
        cur.execute("PRAGMA journal_mode = WAL")
        cur.execute("PRAGMA foreign_keys = ON")
        cur.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_S * 1000}")
        cur.execute("PRAGMA synchronous = NORMAL")
        cur.execute(f"PRAGMA cache_size = -{PAGE_CACHE_KIB}")
    finally:
        cur.close()


def plain_open_error(message: str, file: Path) -> StoreError:
    """SQLite's words for a store that cannot be opened, as a sentence the officer can act on."""
    if "full" in message:
        return StoreError(f"The disk holding {file} is full; free some space and try again.")
    if "not a database" in message:
        return StoreError(
            f"{file} could not be opened: the key or passphrase is wrong, or the file is not a Lumetra Desk store."
        )
    if "malformed" in message:
        return StoreError(f"{file} is damaged; restore it from a backup (lumetra-desk db restore BACKUP).")
    if "readonly" in message or "unable to open" in message:
        return StoreError(
            f"{file} cannot be opened for writing: the data folder or the file is read-only; check its permissions."
        )
    return StoreError(f"{file} could not be opened ({message}).")


def _lock_exclusive(fd: int) -> None:
    """Take a non-blocking exclusive lock that the OS releases when the process ends, however it ends."""
    if sys.platform == "win32":
        import msvcrt

        msvcrt.locking(fd, msvcrt.LK_NBLCK, 1)
    else:
        import fcntl

        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)


def take_window_lock(paths: AppPaths) -> int:
    """The window's claim on the store of ``paths`` (also held while a backup is restored); ``os.close`` frees it."""
    lock_file = paths.data_dir / "window.lock"
    try:
        fd = os.open(lock_file, os.O_RDWR | os.O_CREAT, 0o600)
    except OSError as exc:
        raise StoreError(
            f"{lock_file} cannot be written ({exc.strerror}): the data folder is read-only; check its permissions."
        ) from exc
    try:
        _lock_exclusive(fd)
    except OSError as exc:
        os.close(fd)
        if exc.errno in (errno.EAGAIN, errno.EACCES, errno.EDEADLK):
            raise StoreLockedError(
                "Lumetra Desk is already open on this store in another window; switch to that window."
            ) from exc
        raise
    return fd

"""The store: one SQLite file encrypted with SQLCipher, opened, keyed, migrated and locked here.

This module and the query modules beside it are the only code that knows the SQL dialect. The key of an
encrypted store is a random 256-bit key kept in the system keyring, or, where no keyring exists, derived by
SQLCipher from a passphrase the officer types or scripts pass as ``$LUMETRA_DESK_PASSPHRASE``. A small
``store.json`` beside the file says which (it never holds a key). A keyring key can be exported and imported
(``export_key``/``import_key``) so that a backup can be restored on another computer.
"""

from __future__ import annotations

import contextlib
import logging
import os
import re
import secrets as pysecrets
import uuid
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

import sqlcipher3.dbapi2 as sqlcipher
from sqlalchemy import Engine, create_engine, event
from sqlalchemy.exc import DatabaseError, OperationalError
from sqlmodel import Session

from lumetra_desk.core import secrets
from lumetra_desk.core.errors import InvalidInputError, LumetraError, StoreError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store import connection
from lumetra_desk.core.store.connection import (
    PASSPHRASE_ENV,
    PassphraseRequiredError,
    StoreMeta,
    plain_open_error,
    sql_key,
    take_window_lock,
)

if TYPE_CHECKING:
    from lumetra_desk.core.store.first_look import FirstLook

log = logging.getLogger("lumetra_desk.store")

_HEX_KEY = re.compile(r"^[0-9a-f]{64}$")  # a keyring store's key: 256 random bits as hex
SIDE_FILES = ("-wal", "-shm", "-journal")  # SQLite's companions of the store file


def _make_engine(file: Path, key: str | None, first: sqlcipher.Connection | None = None) -> Engine:
    """The engine's connections are made by ``connection``; ``first``, already keyed, is used before any."""
    adopted = [first] if first is not None else []

    def make() -> sqlcipher.Connection:
        if adopted:
            return adopted.pop()
        conn = connection.connect(file)
        try:
            connection.configure(conn, key)
        except BaseException:
            conn.close()
            raise
        return conn

    engine = create_engine(
        f"sqlite:///{file}",  # a file URL: the pool keeps several connections (the URL is not used to connect)
        module=sqlcipher,
        creator=make,
        pool_size=4,
        max_overflow=4,
        pool_use_lifo=True,  # the connection used last has the decrypted pages in its cache
    )

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        mode = conn.get_execution_options().get("sqlite_begin", "DEFERRED")
        conn.exec_driver_sql(f"BEGIN {mode}")

    return engine


class Store:
    """An open store. Use ``write()`` for a transaction that changes things, ``read()`` to look."""

    def __init__(
        self, paths: AppPaths, meta: StoreMeta, engine: Engine, sql_key: str | None, lock_fd: int | None
    ) -> None:
        self.paths = paths
        self.meta = meta
        self.engine = engine
        self._sql_key = sql_key
        self._writer = engine.execution_options(sqlite_begin="IMMEDIATE")
        self._lock_fd = lock_fd

    # ----------------------------------------------------------------- opening
    @classmethod
    def open(
        cls,
        paths: AppPaths,
        *,
        create: bool = True,
        passphrase: str | None = None,
        encrypted: bool = True,
        exclusive: bool = False,
    ) -> Store:
        """Open the store of ``paths`` (creating it if allowed), check the key and migrate it.

        ``exclusive`` takes the window lock: a second window on the same store is refused with a plain
        message, while command-line tools may still read and write alongside it (SQLite serialises them).
        """
        try:
            paths.ensure()
        except OSError as exc:
            raise StoreError(f"The data folder {paths.data_dir} cannot be created ({exc.strerror}).") from exc
        lock_fd = take_window_lock(paths) if exclusive else None
        try:
            store = cls._open_unlocked(paths, create, passphrase, encrypted, lock_fd)
        except BaseException:
            if lock_fd is not None:
                os.close(lock_fd)
            raise
        return store

    @classmethod
    def adopt(cls, look: FirstLook) -> Store:
        """The store the first look opened: its window lock, key and connection, at this version's schema."""
        engine = _make_engine(look.paths.store_file, look.key, first=look.connection)
        return cls(look.paths, look.meta, engine, look.key, look.lock_fd)

    @classmethod
    def _open_unlocked(
        cls, paths: AppPaths, create: bool, passphrase: str | None, encrypted: bool, lock_fd: int | None
    ) -> Store:
        file, meta_file = paths.store_file, paths.store_meta_file
        if file.exists():
            if not meta_file.exists():
                raise StoreError(
                    f"{file} has no store description (store.json) beside it; it is not a Lumetra Desk store "
                    "or the description was lost."
                )
            return cls._connect(paths, StoreMeta.read(meta_file), passphrase, lock_fd)
        if not create:
            raise StoreError(f"There is no store in {paths.data_dir}.")
        meta = _new_store_meta(encrypted, passphrase)
        try:
            store = cls._connect(paths, meta, passphrase, lock_fd)
            meta.write(meta_file)  # replaces a description left behind by a deleted store
        except BaseException:
            _discard_new_store(paths, meta)
            raise
        return store

    @classmethod
    def _connect(cls, paths: AppPaths, meta: StoreMeta, passphrase: str | None, lock_fd: int | None) -> Store:
        """Key the store file, check the key, and migrate it to this version's schema."""
        key = sql_key(meta, passphrase)
        engine = _make_engine(paths.store_file, key)
        try:
            with engine.connect():
                pass
        except DatabaseError as exc:
            engine.dispose()
            raise _plain_open_error(exc, paths.store_file) from exc
        from lumetra_desk.core.store import migrate

        store = cls(paths, meta, engine, key, lock_fd)
        try:
            migrate.upgrade(store)
        except (OperationalError, sqlcipher.OperationalError) as exc:  # a full disk or a read-only file
            engine.dispose()  # not store.close(): the window lock belongs to open(), which releases it
            raise _plain_write_error(exc) from exc
        except DatabaseError as exc:  # damaged pages the first query did not touch
            engine.dispose()
            raise _plain_open_error(exc, paths.store_file) from exc
        except BaseException:
            engine.dispose()
            raise
        return store

    # ------------------------------------------------------------ transactions
    @contextlib.contextmanager
    def write(self) -> Iterator[Session]:
        """One write transaction: everything in it lands together or not at all."""
        with Session(self._writer, expire_on_commit=False, info=self._session_info()) as session:
            try:
                yield session
                session.commit()
            except (OperationalError, sqlcipher.OperationalError) as exc:  # the latter from bulk raw cursors
                session.rollback()
                raise _plain_write_error(exc) from exc
            except BaseException:
                session.rollback()
                raise

    @contextlib.contextmanager
    def read(self) -> Iterator[Session]:
        with Session(self.engine, expire_on_commit=False, info=self._session_info()) as session:
            yield session
            session.rollback()

    def _session_info(self) -> dict[str, object]:
        """Lets code holding only a session (the audit anchor) find this store's data folder."""
        return {"lumetra_desk.data_dir": str(self.paths.data_dir)}

    # --------------------------------------------------------------- upkeep
    def backup(self, target: Path) -> None:
        """Online backup with SQLite's backup API; the copy keeps this store's key and encryption."""
        target = target.expanduser().resolve()
        if target.exists():
            raise StoreError(f"{target} already exists; choose a new file for the backup.")
        raw = self.engine.raw_connection()
        try:
            source = raw.dbapi_connection
            assert source is not None, "a checked-out connection has its DB-API connection"
            dest = sqlcipher.connect(str(target))
            try:
                if self._sql_key is not None:
                    dest.execute(f"PRAGMA key = {self._sql_key}")
                source.backup(dest)
            finally:
                dest.close()
        except sqlcipher.Error as exc:
            target.unlink(missing_ok=True)
            raise StoreError(f"The backup could not be written to {target} ({exc}).") from exc
        finally:
            raw.close()
        self.meta.write(backup_meta_file(target))

    def check(self) -> list[str]:
        """SQLite's integrity check plus the foreign-key check; an empty list means healthy."""
        problems: list[str] = []
        with self.engine.connect() as conn:
            try:
                rows = conn.exec_driver_sql("PRAGMA integrity_check").fetchall()
                problems += [line for r in rows if str(r[0]) != "ok" for line in str(r[0]).splitlines()]
                for table, rowid, parent, _ in conn.exec_driver_sql("PRAGMA foreign_key_check").fetchall():
                    problems.append(f"row {rowid} of {table} points to a missing {parent}")
            except DatabaseError as exc:  # a page that fails its authentication code cannot even be read
                problems.append(f"part of the store cannot be read ({exc.orig if exc.orig is not None else exc})")
            conn.rollback()
        return problems

    def close(self) -> None:
        self.engine.dispose()
        if self._lock_fd is not None:
            os.close(self._lock_fd)
            self._lock_fd = None


def export_key(paths: AppPaths) -> str:
    """The key of a keyring-keyed store, for the officer's password manager: without it, a backup of the store
    cannot be opened on another computer (or after the keyring is lost)."""
    meta = _keyring_store_meta(paths)
    hex_key = secrets.get_secret(meta.key_secret_name)
    if not hex_key:
        raise StoreError("The key of this store is not in this computer's keyring, so it cannot be exported.")
    return hex_key


def import_key(paths: AppPaths, hex_key: str, store_file: Path | None = None) -> None:
    """Put an exported key into this computer's keyring for the store of ``paths``, or for the backup
    ``store_file`` (with its ``.store.json``) that is about to be restored.

    The key is tried on the store first, so a wrong key never replaces anything in the keyring.
    """
    store_file = store_file or paths.store_file
    meta = _keyring_store_meta(paths if store_file == paths.store_file else backup_meta_file(store_file))
    hex_key = hex_key.strip().lower()
    if not _HEX_KEY.match(hex_key):
        raise InvalidInputError("A store key is 64 hexadecimal characters, as printed by 'lumetra-desk db export-key'.")
    if not store_file.exists():
        raise StoreError(f"There is no store file {store_file} to import the key for.")
    conn = sqlcipher.connect(str(store_file))
    try:
        conn.execute("PRAGMA cipher_log_level = NONE")
        conn.execute(f"PRAGMA key = \"x'{hex_key}'\"")
        conn.execute("SELECT count(*) FROM sqlite_master").fetchone()
    except sqlcipher.DatabaseError as exc:
        raise StoreError("This key does not open the store; nothing was saved in the keyring.") from exc
    finally:
        conn.close()
    secrets.set_secret(meta.key_secret_name, hex_key)


def engine_versions() -> dict[str, str]:
    """The versions of SQLCipher, SQLite and OpenSSL compiled into sqlcipher3, as the running library reports
    them (the About dialog names each with its licence)."""
    conn = sqlcipher.connect(":memory:")
    try:
        conn.execute("PRAGMA key = 'versions'")  # the crypto provider answers only on a keyed connection
        cipher = str(conn.execute("PRAGMA cipher_version").fetchone()[0])
        sqlite = str(conn.execute("SELECT sqlite_version()").fetchone()[0])
        provider = str(conn.execute("PRAGMA cipher_provider_version").fetchone()[0])
    finally:
        conn.close()
    return {"SQLCipher": cipher.split()[0], "SQLite": sqlite, "OpenSSL": provider.removeprefix("OpenSSL ").split()[0]}


def backup_meta_file(backup: Path) -> Path:
    """The description ``db backup`` writes beside a backup: ``PATH.store.json``."""
    return backup.with_name(backup.name + ".store.json")


def _keyring_store_meta(described_by: AppPaths | Path) -> StoreMeta:
    meta = StoreMeta.read(described_by if isinstance(described_by, Path) else described_by.store_meta_file)
    if meta.encryption == "passphrase":
        raise StoreError("This store is protected by a passphrase, not by a key in the keyring: keep the passphrase.")
    if meta.encryption == "none":
        raise StoreError("This store is not encrypted, so it has no key.")
    return meta


def _new_store_meta(encrypted: bool, passphrase: str | None) -> StoreMeta:
    store_id = uuid.uuid4().hex
    if not encrypted:
        return StoreMeta(store_id, "none")
    if passphrase or os.environ.get(PASSPHRASE_ENV):
        return StoreMeta(store_id, "passphrase")
    if secrets.keyring_usable():
        meta = StoreMeta(store_id, "keyring")
        secrets.set_secret(meta.key_secret_name, pysecrets.token_hex(32))
        return meta
    raise PassphraseRequiredError(
        "No system keyring is available to hold the key of a new store: choose a passphrase "
        f"(or set {PASSPHRASE_ENV} for scripts)."
    )


def _discard_new_store(paths: AppPaths, meta: StoreMeta) -> None:
    """A store that could not be created completely leaves nothing behind: no half-made file, no orphan key."""
    for leftover in (paths.store_file, *(paths.store_file.with_name(paths.store_file.name + s) for s in SIDE_FILES)):
        with contextlib.suppress(OSError):
            leftover.unlink(missing_ok=True)
    if meta.encryption == "keyring":
        with contextlib.suppress(LumetraError):
            secrets.delete_secret(meta.key_secret_name)


def _plain_open_error(exc: DatabaseError, file: Path) -> StoreError:
    return plain_open_error(str(exc.orig) if exc.orig is not None else str(exc), file)


def _plain_write_error(exc: OperationalError | sqlcipher.OperationalError) -> StoreError:
    orig = getattr(exc, "orig", None)
    message = str(orig if orig is not None else exc)
    if "full" in message:
        return StoreError("The disk is full; nothing was saved. Free some space and try again.")
    if "readonly" in message:
        return StoreError("The store is read-only; nothing was saved. Check the data folder's permissions.")
    if "disk I/O" in message:
        return StoreError("The disk reported an error (it may be full or failing); nothing was saved.")
    if "locked" in message or "busy" in message:
        return StoreError("The store is busy with another task; nothing was saved. Try again in a moment.")
    return StoreError(f"The store could not save the change ({message}); nothing was saved.")

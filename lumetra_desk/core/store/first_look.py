"""The window's first rows, read while Qt starts and before SQLAlchemy, Alembic or keyring are loaded.

A thread started first thing takes the window lock, keys one connection (a passphrase's key derivation runs
there, beside Qt's start-up), checks that the store is at this version's schema and reads the dashboard's
first deadlines. ``db.Store.adopt`` then takes over the lock, the key and the connection, so nothing is done
twice. A keyring store's key is read from the Secret Service directly (``core.secret_service``). Whenever
anything is unusual (no store yet, a passphrase to ask for, a key only keyring itself can read, a wrong key,
another window on the store, a schema to migrate or a newer one, damage), the first look steps aside and the
ordinary opening says what is wrong in plain words.
"""

from __future__ import annotations

import logging
import os
import threading
from collections.abc import Callable
from dataclasses import dataclass

import sqlcipher3.dbapi2 as sqlcipher

from lumetra_desk.core import secret_service
from lumetra_desk.core.errors import LumetraError, StoreError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store import case_list, connection
from lumetra_desk.core.store.case_list import CaseRow, DeadlineBasis
from lumetra_desk.core.store.connection import StoreMeta

log = logging.getLogger("lumetra_desk.store")

HEAD_REVISION = "0008"  # the newest migration; a test keeps it equal to Alembic's head
FIRST_DEADLINES = 50


@dataclass
class FirstLook:
    """An open, keyed, locked store at this version's schema, and what the dashboard shows first."""

    paths: AppPaths
    meta: StoreMeta
    key: str | None
    connection: sqlcipher.Connection
    lock_fd: int
    deadlines: list[tuple[CaseRow, DeadlineBasis | None]]

    def close(self) -> None:
        """Give the connection and the window lock back (when no store adopted them)."""
        self.connection.close()
        os.close(self.lock_fd)


def read_first_look(paths: AppPaths, keying: Callable[[], None] = lambda: None) -> FirstLook | None:
    """Open the store of ``paths`` and read its first deadlines, or None when the ordinary opening must decide.

    ``keying`` is called once the lock and the key are in hand, just before the key derivation starts.
    """
    if not (paths.store_file.exists() and paths.store_meta_file.exists()):
        return None
    try:
        meta = StoreMeta.read(paths.store_meta_file)
        key = _key_without_keyring(meta)
        lock_fd = connection.take_window_lock(paths)
    except (LumetraError, OSError):
        return None
    keying()
    conn: sqlcipher.Connection | None = None
    look: FirstLook | None = None
    try:
        conn = connection.connect(paths.store_file)
        connection.configure(conn, key)
        deadlines = _first_deadlines_at_head(conn)
        if deadlines is not None:
            look = FirstLook(paths, meta, key, conn, lock_fd, deadlines)
    except sqlcipher.Error as exc:
        log.info("the first look at %s stepped aside: %s", paths.store_file, exc)
    finally:
        if look is None:
            if conn is not None:
                conn.close()
            os.close(lock_fd)
    return look


def _key_without_keyring(meta: StoreMeta) -> str | None:
    """The store's key as ``connection.sql_key`` gives it, but a keyring store's key is read from the Secret
    Service directly (``core.secret_service``); a key not found that way leaves the opening to keyring."""
    if meta.encryption != "keyring":
        return connection.sql_key(meta, None)
    hex_key = secret_service.read_unlocked_secret(meta.key_secret_name)
    if hex_key is None:
        raise StoreError("the key is not readable without keyring")
    return connection.raw_key_literal(hex_key)


def _first_deadlines_at_head(conn: sqlcipher.Connection) -> list[tuple[CaseRow, DeadlineBasis | None]] | None:
    """The first deadlines, in one read transaction, when the schema is this version's (else None)."""
    cursor = conn.cursor()
    cursor.execute("BEGIN")
    try:
        (revision,) = cursor.execute("SELECT version_num FROM alembic_version").fetchone() or (None,)
        return case_list.first_deadlines(cursor, FIRST_DEADLINES) if revision == HEAD_REVISION else None
    finally:
        cursor.execute("ROLLBACK")
        cursor.close()


class PendingLook:
    """``read_first_look`` on its own thread, started at once; ``result()`` waits for it."""

    def __init__(self, paths: AppPaths) -> None:
        self._look: FirstLook | None = None
        self._keying = False
        self._decided = threading.Event()
        self._thread = threading.Thread(target=self._run, args=(paths,), name="first-look", daemon=True)
        self._thread.start()

    def _run(self, paths: AppPaths) -> None:
        try:
            self._look = read_first_look(paths, self._start_keying)
        except Exception:  # a bug must not keep the window from opening the ordinary way
            log.exception("the first look at %s failed", paths.store_file)
        finally:
            self._decided.set()

    def _start_keying(self) -> None:
        self._keying = True
        self._decided.set()

    def keying(self) -> bool:
        """Whether the store opens without a question and is being keyed now (else the look stepped aside):
        known in milliseconds, long before the key derivation ends."""
        self._decided.wait()
        return self._keying

    def result(self) -> FirstLook | None:
        self._thread.join()
        return self._look

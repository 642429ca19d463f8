"""The first look: the window's first deadlines read with sqlcipher3 alone, or a quiet step aside.

It must read exactly what the dashboard reads, hand its lock and connection to the store, and whenever it
cannot be sure (no store, a passphrase to ask for, a wrong key, another window, another schema) leave the store
exactly as it found it, so the ordinary opening can say what is wrong.
"""

from __future__ import annotations

import subprocess
import sys
from datetime import date

import pytest
from alembic import command

from lumetra_desk.core import demo
from lumetra_desk.core.dashboard import next_deadlines
from lumetra_desk.core.errors import StoreLockedError
from lumetra_desk.core.paths import AppPaths
from lumetra_desk.core.store import migrate
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.first_look import FIRST_DEADLINES, HEAD_REVISION, PendingLook, read_first_look

TODAY = date(2026, 11, 30)
# What the window needs before its first paint; none of it may load these (they cost most of a second).
FIRST_PAINT_MODULES = ("lumetra_desk.gui.launch", "lumetra_desk.gui.app", "lumetra_desk.gui.main_window")
HEAVY = ("sqlalchemy", "sqlmodel", "alembic", "keyring", "pydantic", "reportlab", "holidays", "yaml")


def test_the_first_look_knows_the_newest_migration() -> None:
    assert migrate.head_revision() == HEAD_REVISION


def test_the_first_look_reads_the_dashboards_deadlines_and_the_store_adopts_it(store: Store) -> None:
    demo.fill(store, 120, seed=3, today=TODAY)
    with store.read() as session:
        expected = [(item.row, item.basis) for item in next_deadlines(session, FIRST_DEADLINES)]
    store.close()
    look = read_first_look(store.paths)
    assert look is not None and look.deadlines == expected and len(expected) > 10
    with pytest.raises(StoreLockedError):  # the look holds the window lock, as the window will
        Store.open(store.paths, exclusive=True)
    adopted = Store.adopt(look)
    try:
        raw = adopted.engine.raw_connection()
        assert raw.dbapi_connection is look.connection, "the look's keyed connection is reused, not keyed again"
        raw.close()
        with adopted.read() as session:
            assert [(item.row, item.basis) for item in next_deadlines(session, FIRST_DEADLINES)] == expected
    finally:
        adopted.close()
    Store.open(store.paths, exclusive=True).close()  # closing the store gave the lock back


def test_the_first_look_steps_aside_and_leaves_the_store_free(
    app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert read_first_look(app_paths) is None  # no store yet
    Store.open(app_paths, passphrase="right").close()
    monkeypatch.delenv("LUMETRA_DESK_PASSPHRASE", raising=False)
    assert read_first_look(app_paths) is None  # a passphrase to ask for
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "wrong")
    assert read_first_look(app_paths) is None  # a wrong one
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "right")
    window = Store.open(app_paths, exclusive=True)
    assert read_first_look(app_paths) is None  # another window has the store
    window.close()
    older = Store.open(app_paths)  # a store still at an older schema is migrated by the ordinary opening
    config = migrate.alembic_config()
    with older.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.downgrade(config, "-1")
        conn.commit()
    older.close()
    assert read_first_look(app_paths) is None
    Store.open(app_paths, exclusive=True).close()  # every step aside gave the window lock back
    pending = PendingLook(app_paths)  # and on its own thread it reads the migrated store
    look = pending.result()
    assert look is not None and look.deadlines == []
    look.close()


def test_nothing_the_first_paint_needs_loads_the_heavy_libraries() -> None:
    code = (
        "import importlib, sys\n"
        f"for name in {FIRST_PAINT_MODULES!r}:\n"
        "    importlib.import_module(name)\n"
        f"print(sorted({{m.split('.')[0] for m in sys.modules}} & set({HEAVY!r})))\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "[]", done.stdout


def test_a_keyring_stores_key_is_read_without_loading_keyring(store: Store) -> None:
    store.close()
    code = (
        "import sys\n"
        "from pathlib import Path\n"
        "from lumetra_desk.core.paths import resolve_paths\n"
        "from lumetra_desk.core.store.first_look import read_first_look\n"
        f"look = read_first_look(resolve_paths(Path({str(store.paths.data_dir)!r})))\n"
        "print(look is not None and len(look.deadlines) == 0, 'keyring' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["True", "False"], done.stdout + done.stderr


def test_a_keyring_store_is_left_to_keyring_when_the_officer_chose_a_backend(
    store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    store.close()
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
    assert read_first_look(store.paths) is None
    Store.open(store.paths, exclusive=True).close()  # keyring itself reads the key from the chosen backend

"""The encrypted store: creation, keys, migrations, locking, backup and plain errors."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest
import secretstorage
from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext
from sqlalchemy import event
from sqlmodel import SQLModel, select

from lumetra_desk.core import demo, secrets
from lumetra_desk.core.errors import StoreError, StoreLockedError
from lumetra_desk.core.paths import AppPaths, resolve_paths
from lumetra_desk.core.store.db import PassphraseRequiredError, Store, StoreMeta
from lumetra_desk.core.store.migrate import current_revision, head_revision, include_name
from lumetra_desk.core.store.models import Requester
from lumetra_desk.core.store.queries import case_ids, iter_case_rows


def test_new_store_is_migrated_encrypted_and_keyed_from_the_keyring(store: Store) -> None:
    assert current_revision(store) == head_revision()
    assert store.meta.encryption == "keyring"
    header = store.paths.store_file.read_bytes()[:16]
    assert header != b"SQLite format 3\x00"
    key = secrets.get_secret(store.meta.key_secret_name)
    assert key and key not in store.paths.store_meta_file.read_text()


def test_store_file_is_unreadable_without_its_key(store: Store) -> None:
    with store.write() as session:
        session.add(Requester(email="zoe@example.org", name="Zoë"))
    store.close()
    with pytest.raises(sqlite3.DatabaseError, match="not a database"):
        sqlite3.connect(store.paths.store_file).execute("SELECT * FROM requester").fetchall()


def test_wal_foreign_keys_and_busy_timeout_are_on(store: Store) -> None:
    with store.read() as session:
        conn = session.connection()
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA foreign_keys").scalar() == 1
        assert conn.exec_driver_sql("PRAGMA busy_timeout").scalar() == 15000


def test_passphrase_store_opens_only_with_the_right_passphrase(app_paths: AppPaths) -> None:
    Store.open(app_paths, passphrase="correct horse").close()
    assert StoreMeta.read(app_paths.store_meta_file).encryption == "passphrase"
    with pytest.raises(PassphraseRequiredError):
        Store.open(app_paths)
    with pytest.raises(StoreError, match="key or passphrase is wrong"):
        Store.open(app_paths, passphrase="wrong")
    Store.open(app_paths, passphrase="correct horse").close()


def test_passphrase_from_the_environment(app_paths: AppPaths, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "from-env ü'\"")
    Store.open(app_paths).close()
    Store.open(app_paths).close()
    monkeypatch.setenv("LUMETRA_DESK_PASSPHRASE", "other")
    with pytest.raises(StoreError, match="wrong"):
        Store.open(app_paths)


def test_unencrypted_only_by_explicit_choice(app_paths: AppPaths) -> None:
    Store.open(app_paths, encrypted=False).close()
    assert app_paths.store_file.read_bytes()[:16] == b"SQLite format 3\x00"
    assert StoreMeta.read(app_paths.store_meta_file).encryption == "none"


def test_a_file_that_is_not_a_store_gives_a_plain_error(app_paths: AppPaths) -> None:
    app_paths.ensure()
    app_paths.store_file.write_bytes(b"this is a shopping list, not a database" * 100)
    with pytest.raises(StoreError, match="no store description"):
        Store.open(app_paths)
    StoreMeta("x" * 32, "passphrase").write(app_paths.store_meta_file)
    with pytest.raises(StoreError, match="not a Lumetra Desk store"):
        Store.open(app_paths, passphrase="anything")
    assert app_paths.store_file.read_bytes().startswith(b"this is a shopping list")


@pytest.mark.parametrize("description", ['{"store_id": "x"}', '{"store_id": "x", "encryption": "rot13"}', "[]", ""])
def test_a_damaged_store_description_gives_a_plain_error(store: Store, description: str) -> None:
    store.close()
    store.paths.store_meta_file.write_text(description)
    with pytest.raises(StoreError, match=r"store description .* is missing or damaged"):
        Store.open(store.paths)


def test_missing_keyring_key_is_explained(store: Store) -> None:
    store.close()
    secrets.delete_secret(store.meta.key_secret_name)
    with pytest.raises(StoreError, match="not in the system keyring"):
        Store.open(store.paths)


def test_store_from_a_newer_version_is_refused(store: Store) -> None:
    with store.write() as session:
        session.connection().exec_driver_sql("UPDATE alembic_version SET version_num = '9999_future'")
    store.close()
    with pytest.raises(StoreError, match="newer version of Lumetra Desk"):
        Store.open(store.paths)
    for _ in range(2):  # the window's open: the same plain error, and the window lock is released each time
        with pytest.raises(StoreError, match="newer version of Lumetra Desk"):
            Store.open(store.paths, exclusive=True)


def _store_keys_in_keyring() -> set[str]:
    connection = secretstorage.dbus_init()
    try:
        items = secretstorage.get_default_collection(connection).search_items({"service": secrets.SERVICE})
        return {item.get_attributes()["username"] for item in items}
    finally:
        connection.close()


def test_a_store_that_cannot_be_created_completely_leaves_nothing_behind(app_paths: AppPaths) -> None:
    app_paths.ensure()
    app_paths.store_meta_file.mkdir()  # its description cannot be written: creation fails at the very end
    keys_before = _store_keys_in_keyring()
    with pytest.raises(StoreError, match="could not be written"):
        Store.open(app_paths)
    assert sorted(p.name for p in app_paths.data_dir.iterdir()) == ["config", "logs", "store.json"]
    assert _store_keys_in_keyring() == keys_before, "no orphan key is left in the keyring"


def test_a_new_store_replaces_the_description_of_a_deleted_one(app_paths: AppPaths) -> None:
    Store.open(app_paths, passphrase="first").close()
    app_paths.store_file.unlink()  # the officer deleted the store to start again, and left store.json
    fresh = Store.open(app_paths)
    fresh.close()
    assert StoreMeta.read(app_paths.store_meta_file) == fresh.meta and fresh.meta.encryption == "keyring"
    Store.open(app_paths).close()


def test_second_window_on_the_same_store_is_refused(app_paths: AppPaths) -> None:
    first = Store.open(app_paths, exclusive=True)
    try:
        with pytest.raises(StoreLockedError, match="already open"):
            Store.open(app_paths, exclusive=True)
        with Store.open(app_paths).write() as session:  # command-line tools still work alongside
            session.add(Requester(email="cli@example.org"))
    finally:
        first.close()
    Store.open(app_paths, exclusive=True).close()


def test_unusable_data_folder_gives_a_plain_error(tmp_path: Path) -> None:
    blocker = tmp_path / "not-a-folder"
    blocker.write_text("a file where the data folder should be")
    with pytest.raises(StoreError, match="cannot be created"):
        Store.open(resolve_paths(blocker / "desk"), passphrase="pw")


def test_failed_write_leaves_nothing_behind(store: Store) -> None:
    with pytest.raises(RuntimeError), store.write() as session:
        session.add(Requester(email="half@example.org"))
        session.flush()
        raise RuntimeError("crash in the middle")
    with store.read() as session:
        assert session.exec(select(Requester)).all() == []


def test_backup_is_encrypted_and_opens_with_the_same_key(store: Store, tmp_path: Path) -> None:
    with store.write() as session:
        session.add(Requester(email="backup@example.org", name="Дмитрий"))
    target = tmp_path / "backup" / "desk.db"
    target.parent.mkdir()
    store.backup(target)
    assert target.read_bytes()[:16] != b"SQLite format 3\x00"
    restored = resolve_paths(tmp_path / "restored")
    restored.ensure()
    target.replace(restored.store_file)
    Path(str(target) + ".store.json").replace(restored.store_meta_file)
    reopened = Store.open(restored)
    with reopened.read() as session:
        assert session.exec(select(Requester.name)).all() == ["Дмитрий"]
    reopened.close()
    with pytest.raises(StoreError, match="already exists"):
        store.backup(restored.store_file)


def test_integrity_check_is_clean_on_a_new_store(store: Store) -> None:
    assert store.check() == []


def test_models_and_migrations_agree(store: Store) -> None:
    with store.engine.connect() as conn:
        context = MigrationContext.configure(conn, opts={"include_name": include_name})
        diff = compare_metadata(context, SQLModel.metadata)
    assert diff == []


def test_case_listing_reads_the_ids_one_batch_at_a_time(store: Store) -> None:
    """`cases list` streams: when the first rows come out, the rest of the ids are still in the open cursor."""
    demo.fill(store, 60, seed=2)
    id_cursors: list[Any] = []

    def remember_id_cursor(_conn: Any, cursor: Any, statement: str, *_: Any) -> None:
        if statement.split("FROM")[0].split() == ["SELECT", '"case".id']:
            id_cursors.append(cursor)

    event.listen(store.engine, "after_cursor_execute", remember_id_cursor)
    try:
        with store.read() as session:
            rows = iter_case_rows(session, batch=10)
            first = next(rows)
            assert len(id_cursors) == 1 and len(id_cursors[0].fetchall()) == 50, "only one batch of ids was read"
            assert first.key.startswith("LD-")
    finally:
        event.remove(store.engine, "after_cursor_execute", remember_id_cursor)
    with store.read() as session:
        listed = [row.id for row in iter_case_rows(session, batch=7)]
        assert listed == case_ids(session) and len(set(listed)) == 60

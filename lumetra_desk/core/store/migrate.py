"""Schema migrations with Alembic, run on every start; a store from a newer version is refused."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from alembic import command
from alembic.config import Config
from alembic.runtime.migration import MigrationContext
from alembic.script import ScriptDirectory
from alembic.script.revision import ResolutionError
from alembic.util import CommandError

from lumetra_desk.core.errors import StoreError

if TYPE_CHECKING:
    from lumetra_desk.core.store.db import Store

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"


def include_name(name: str | None, type_: str, _parents: object) -> bool:
    """Autogenerate leaves the FTS5 tables alone: they are created by hand-written SQL in the migrations."""
    return not (
        type_ == "table"
        and name is not None
        and name.split("_fts")[0] in ("message", "note", "requester")
        and "_fts" in name
    )


def alembic_config() -> Config:
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def head_revision() -> str:
    head = ScriptDirectory.from_config(alembic_config()).get_current_head()
    assert head is not None, "the package ships at least one migration"
    return head


def current_revision(store: Store) -> str | None:
    with store.engine.connect() as conn:
        revision = MigrationContext.configure(conn).get_current_revision()
        conn.rollback()
    return revision


def upgrade(store: Store) -> None:
    """Bring the store to this version's schema, refusing one written by a newer version."""
    script = ScriptDirectory.from_config(alembic_config())
    current = current_revision(store)
    if current == script.get_current_head():
        return
    if current is not None and not _known(script, current):
        raise StoreError(
            "This store was written by a newer version of Lumetra Desk "
            f"(schema {current}); install the newer version to open it."
        )
    config = alembic_config()
    with store.engine.connect() as conn:
        config.attributes["connection"] = conn
        command.upgrade(config, "head")
        conn.commit()


def _known(script: ScriptDirectory, revision: str) -> bool:
    try:
        return script.get_revision(revision) is not None
    except (CommandError, ResolutionError):
        return False

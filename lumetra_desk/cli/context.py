"""What a command handler gets: the chosen folders and a store opened only when a command asks for it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from lumetra_desk.core.paths import AppPaths, resolve_paths

if TYPE_CHECKING:
    from lumetra_desk.core.store.db import Store


class CliContext:
    def __init__(self, data_dir: str | None) -> None:
        self.paths: AppPaths = resolve_paths(data_dir)
        self._store: Store | None = None

    def store(self) -> Store:
        """Open (creating and migrating if needed) the store of the chosen data folder."""
        return self.open_store()

    def open_store(self, encrypted: bool = True) -> Store:
        if self._store is None:
            from lumetra_desk.core.store.db import Store

            self._store = Store.open(self.paths, create=True, encrypted=encrypted)
        return self._store

    def close(self) -> None:
        if self._store is not None:
            self._store.close()
            self._store = None

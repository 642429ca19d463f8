"""Where Lumetra Desk keeps things: one place for every folder the app reads or writes.

The data folder is chosen, in order, from ``--data-dir``, ``$LUMETRA_DESK_HOME`` and the platform's user data
folder (platformdirs). With an explicit folder everything (store, settings, logs) lives below it, so a test or
a portable install never touches the user's real folders.
"""

from __future__ import annotations

import functools
import os
import sys
from dataclasses import dataclass
from pathlib import Path

APP_NAME = "lumetra-desk"
APP_AUTHOR = "Lumetra"
HOME_ENV = "LUMETRA_DESK_HOME"


@dataclass(frozen=True)
class AppPaths:
    """The folders of one Lumetra Desk installation."""

    data_dir: Path
    config_dir: Path
    log_dir: Path

    @property
    def store_file(self) -> Path:
        return self.data_dir / "lumetra-desk.db"

    @property
    def store_meta_file(self) -> Path:
        """Non-secret description of the store (id, encryption mode); never holds a key."""
        return self.data_dir / "store.json"

    @property
    def settings_file(self) -> Path:
        return self.config_dir / "settings.json"

    @property
    def templates_override_dir(self) -> Path:
        """Letter templates placed here by the officer win over the bundled ones."""
        return self.config_dir / "templates"

    def ensure(self) -> None:
        for folder in (self.data_dir, self.config_dir, self.log_dir):
            folder.mkdir(parents=True, exist_ok=True)


def resolve_paths(data_dir: str | os.PathLike[str] | None = None) -> AppPaths:
    """Pick the folders from the command line, the environment or the platform defaults."""
    chosen = data_dir or os.environ.get(HOME_ENV)
    if chosen:
        root = Path(chosen).expanduser().resolve()
        return AppPaths(data_dir=root, config_dir=root / "config", log_dir=root / "logs")
    import platformdirs  # only without a chosen folder: the window's start does not wait for it otherwise

    dirs = platformdirs.PlatformDirs(APP_NAME, APP_AUTHOR)
    return AppPaths(
        data_dir=Path(dirs.user_data_dir),
        config_dir=Path(dirs.user_config_dir),
        log_dir=Path(dirs.user_log_dir),
    )


@functools.cache
def _bundle_root() -> Path:
    """The repository checkout, or the unpacked folder of a frozen build."""
    frozen_root = getattr(sys, "_MEIPASS", None)
    return Path(frozen_root) if frozen_root else Path(__file__).resolve().parents[2]


def ui_dir() -> Path:
    """Qt Designer forms and the style sheet."""
    return _bundle_root() / "ui"


def resources_dir() -> Path:
    """The bundled resources (statute tables, templates, fonts, icons, inventory).

    In a frozen build they sit next to the executable's unpacked files; from a checkout they are the
    repository's top-level ``resources/`` folder.
    """
    return _bundle_root() / "resources"

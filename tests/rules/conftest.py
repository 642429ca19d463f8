"""Shared fixtures: the bundled rulebook and a writable copy of the statute folder."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from lumetra_desk.core.paths import resources_dir
from lumetra_desk.core.rules import Rulebook, load_rulebook


@pytest.fixture(scope="session")
def book() -> Rulebook:
    return load_rulebook()


@pytest.fixture
def statute_copy(tmp_path: Path) -> Path:
    """A private copy of resources/statutes that a test may break."""
    target = tmp_path / "statutes"
    shutil.copytree(resources_dir() / "statutes", target)
    return target

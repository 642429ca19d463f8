"""Fixtures of the GUI tests: the intake tests' real Dovecot (TLS on loopback), for the mailbox in the window."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

_spec = importlib.util.spec_from_file_location("intake_fixtures", Path(__file__).parents[1] / "intake" / "conftest.py")
assert _spec is not None and _spec.loader is not None
_intake = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = _intake
_spec.loader.exec_module(_intake)

dovecot = _intake.dovecot


@pytest.fixture
def imap_passwords() -> dict[str, str]:
    """The Dovecot accounts and their passwords."""
    return dict(_intake.USERS)

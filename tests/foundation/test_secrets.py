"""The keyring backend the desk uses is the one keyring's own detection chooses, found faster on Linux."""

from __future__ import annotations

import subprocess
import sys

import pytest

from lumetra_desk.core import secrets


def _keyring_own_choice() -> str:
    """What keyring itself detects in a fresh process, with the test session's Secret Service."""
    code = "import keyring; b = keyring.get_keyring(); print(f'{type(b).__module__}.{type(b).__name__}')"
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout.strip()


def test_the_backend_is_the_one_keyring_detects() -> None:
    assert secrets.keyring_backend_name() == _keyring_own_choice() == "keyring.backends.SecretService.Keyring"
    assert secrets.keyring_usable()


def test_the_linux_shortcut_steps_aside_for_the_officers_own_choice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.null.Keyring")
    assert secrets._linux_backend() is None  # keyring reads the variable itself
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    assert type(secrets._linux_backend()).__module__ == "keyring.backends.SecretService"


def test_a_secret_round_trips_through_the_chosen_backend() -> None:
    secrets.set_secret("test-round-trip", "s3cret")
    assert secrets.get_secret("test-round-trip") == "s3cret"
    secrets.delete_secret("test-round-trip")
    assert secrets.get_secret("test-round-trip") is None

"""The keyring backend the desk uses is the one keyring's own detection chooses, found faster on Linux; a
store's key is read from the Secret Service directly exactly where keyring saved it."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from keyring.util import platform_

from lumetra_desk.core import secret_service, secrets


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


def test_the_secret_service_is_read_directly_as_keyring_saved_it(monkeypatch: pytest.MonkeyPatch) -> None:
    secrets.set_secret("test-direct", "k3y ✓")
    try:
        assert secret_service.read_unlocked_secret("test-direct") == "k3y ✓"
        assert secret_service.read_unlocked_secret("test-never-saved") is None
        monkeypatch.setenv("PYTHON_KEYRING_BACKEND", "keyring.backends.SecretService.Keyring")
        assert secret_service.read_unlocked_secret("test-direct") is None  # the officer's choice: keyring reads
    finally:
        secrets.delete_secret("test-direct")
    monkeypatch.delenv("PYTHON_KEYRING_BACKEND")
    assert secret_service.read_unlocked_secret("test-direct") is None


def test_no_secret_service_reads_as_no_secret(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setenv("DBUS_SESSION_BUS_ADDRESS", f"unix:path={tmp_path / 'no-bus'}")
    assert secret_service.read_unlocked_secret("anything") is None


@pytest.mark.parametrize("config_home", ["", "custom-config"])
def test_keyrings_configuration_file_is_found_where_keyring_looks(
    config_home: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setenv("HOME", str(tmp_path))
    if config_home:
        monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / config_home))
    else:
        monkeypatch.delenv("XDG_CONFIG_HOME", raising=False)
    assert secret_service.keyring_config_file() == platform_.config_root() / "keyringrc.cfg"
    secret_service.keyring_config_file().parent.mkdir(parents=True)
    secret_service.keyring_config_file().write_text("[backend]\ndefault-keyring=keyring.backends.null.Keyring\n")
    assert not secret_service.keyring_chooses_on_linux()

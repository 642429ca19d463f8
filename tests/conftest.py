"""Test set-up shared by every test.

Before anything else is imported, HOME and the XDG folders point into a throw-away folder, so no test can touch
the developer's real data, settings or keychain. A real Secret Service (gnome-keyring in a private D-Bus
session) is started for the whole run; keyring-backed stores in tests use it exactly as the app would.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

_SANDBOX = Path(tempfile.mkdtemp(prefix="lumetra-tests-"))
for _name, _sub in (
    ("HOME", "home"),
    ("XDG_DATA_HOME", "home/.local/share"),
    ("XDG_CONFIG_HOME", "home/.config"),
    ("XDG_CACHE_HOME", "home/.cache"),
    ("XDG_STATE_HOME", "home/.local/state"),
):
    (_SANDBOX / _sub).mkdir(parents=True, exist_ok=True)
    os.environ[_name] = str(_SANDBOX / _sub)
os.environ.pop("LUMETRA_DESK_HOME", None)
os.environ.pop("LUMETRA_DESK_PASSPHRASE", None)
os.environ.pop("PYTHON_KEYRING_BACKEND", None)
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from lumetra_desk.core.paths import AppPaths, resolve_paths  # noqa: E402
from lumetra_desk.core.store.db import Store  # noqa: E402


def _start_secret_service() -> subprocess.Popen[str]:
    """A private D-Bus session with an unlocked gnome-keyring (platform-notes §5)."""
    for tool in ("dbus-daemon", "gnome-keyring-daemon"):
        if shutil.which(tool) is None:
            raise RuntimeError(f"{tool} is missing: run the README's test command, which installs it")
    runtime = _SANDBOX / "run"
    runtime.mkdir(mode=0o700, exist_ok=True)
    os.environ["XDG_RUNTIME_DIR"] = str(runtime)
    bus = subprocess.Popen(
        ["dbus-daemon", "--session", "--nofork", "--print-address=1", f"--address=unix:path={runtime}/bus"],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert bus.stdout is not None
    os.environ["DBUS_SESSION_BUS_ADDRESS"] = bus.stdout.readline().strip()
    subprocess.run(
        ["gnome-keyring-daemon", "--unlock", "--components=secrets"],
        input="lumetra-test-keyring",
        capture_output=True,
        text=True,
        check=True,
    )
    return bus


_BUS = _start_secret_service()


def pytest_sessionfinish(session: pytest.Session, exitstatus: int) -> None:
    _BUS.terminate()
    _BUS.wait(timeout=10)
    shutil.rmtree(_SANDBOX, ignore_errors=True)


@pytest.fixture
def app_paths(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> AppPaths:
    """A fresh data folder, also exported as $LUMETRA_DESK_HOME for code that resolves paths itself."""
    home = tmp_path / "desk"
    monkeypatch.setenv("LUMETRA_DESK_HOME", str(home))
    return resolve_paths(home)


@pytest.fixture
def store(app_paths: AppPaths) -> Iterator[Store]:
    """An encrypted store whose key lives in the real (test) keyring."""
    opened = Store.open(app_paths, create=True)
    try:
        yield opened
    finally:
        opened.close()

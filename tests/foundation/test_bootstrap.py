"""scripts/bootstrap.sh, behind the README's two commands: what a fresh Debian or Ubuntu machine runs into.

The functions are run from the real script, against this machine's real package database and Python; the
root-only branch (apt-get install) is left to the commands themselves.
"""

from __future__ import annotations

import os
import pwd
import shutil
import subprocess
import sys
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BOOTSTRAP = ROOT / "scripts" / "bootstrap.sh"
BASH = shutil.which("bash") or "/bin/bash"


def run_bootstrap(
    function_call: str, env: dict[str, str] | None = None, script: Path = BOOTSTRAP, as_nobody: bool = False
) -> subprocess.CompletedProcess[str]:
    """Source the script and call one of its functions, as user nobody when asked (and when running as root)."""
    command = [BASH, "-c", f'source "$0"; {function_call}', str(script)]
    if as_nobody and os.geteuid() == 0:
        nobody = pwd.getpwnam("nobody")
        command = ["setpriv", f"--reuid={nobody.pw_uid}", f"--regid={nobody.pw_gid}", "--clear-groups", *command]
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=300, check=False)


@pytest.fixture
def readable_copy() -> Iterator[Path]:
    """The scripts in a folder any user can read (pytest's tmp_path is private to its owner)."""
    folder = Path(tempfile.mkdtemp(prefix="lumetra-bootstrap-"))
    folder.chmod(0o755)
    shutil.copytree(ROOT / "scripts", folder / "scripts")
    try:
        yield folder / "scripts" / "bootstrap.sh"
    finally:
        shutil.rmtree(folder)


def test_a_package_provided_under_another_name_counts_as_installed() -> None:
    """Like libglib2.0-0 on Ubuntu 24.04 (provided by libglib2.0-0t64): here "awk" is provided by mawk."""
    result = run_bootstrap("missing_packages awk bash lumetra-no-such-package")
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["lumetra-no-such-package"]


def test_every_package_the_commands_ask_for_is_installed_here() -> None:
    """The suite runs on a machine the test command set up: nothing it needs may read as missing."""
    result = run_bootstrap('missing_packages "${APP_PACKAGES[@]}" "${TEST_PACKAGES[@]}"')
    assert result.returncode == 0 and result.stdout == "", result.stdout


def test_a_user_who_is_not_root_is_told_the_exact_apt_line(readable_copy: Path) -> None:
    result = run_bootstrap("install_system_packages bash lumetra-no-such-package", script=readable_copy, as_nobody=True)
    assert result.returncode == 1
    assert result.stderr.endswith("\n  sudo apt-get install --no-install-recommends lumetra-no-such-package\n")


def test_without_dpkg_the_packages_are_named_and_nothing_is_installed(tmp_path: Path) -> None:
    tools = tmp_path / "bin"
    tools.mkdir()
    for tool in ("dirname", "id"):
        (tools / tool).symlink_to(shutil.which(tool) or f"/usr/bin/{tool}")
    result = run_bootstrap("install_system_packages libegl1 fonts-dejavu-core", env={"PATH": str(tools)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Not a Debian/Ubuntu system: install the equivalents of: libegl1 fonts-dejavu-core\n"


def test_without_python_the_message_says_what_to_install(tmp_path: Path) -> None:
    env = {"PATH": os.environ["PATH"], "PYTHON": str(tmp_path / "python3"), "LUMETRA_DESK_VENV": str(tmp_path / "v")}
    result = run_bootstrap("ensure_venv", env=env)
    assert result.returncode == 1
    assert "Python 3.11 or newer is needed" in result.stderr and "apt-get install python3 python3-venv" in result.stderr
    assert not (tmp_path / "v").exists()


def test_a_venv_left_without_pip_is_made_again(tmp_path: Path) -> None:
    """What `python3 -m venv` leaves behind when python3-venv (ensurepip) is missing: a venv without pip."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    env = {"PATH": os.environ["PATH"], "PYTHON": sys.executable, "LUMETRA_DESK_VENV": str(venv)}
    result = run_bootstrap("ensure_venv", env=env)
    assert result.returncode == 0, result.stderr
    assert "Creating the virtual environment" in result.stdout
    pip = subprocess.run([str(venv / "bin" / "python"), "-m", "pip", "--version"], capture_output=True, text=True)
    assert pip.returncode == 0, pip.stderr

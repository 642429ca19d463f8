"""The shipped app: the frozen Linux build runs its self-test, installs from its tarball, and its desktop
entry and AppStream metadata validate.

The build (packaging/build_linux.sh, about two minutes on two cores) is skipped when dist/ already holds a
build of exactly the current inputs; the script decides that from a digest of its inputs.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tarfile
import xml.etree.ElementTree as ET
from collections.abc import Iterator
from pathlib import Path

import pytest

from lumetra_desk import __version__
from lumetra_desk.core import secrets
from lumetra_desk.core.store.db import StoreMeta

ROOT = Path(__file__).resolve().parents[2]
LINUX = ROOT / "packaging" / "linux"
DESKTOP_FILE = LINUX / "io.lumetra.Desk.desktop"
METAINFO_FILE = LINUX / "io.lumetra.Desk.metainfo.xml"
FROZEN_APP = ROOT / "dist" / "lumetra-desk" / "lumetra-desk"


def _require(tool: str) -> str:
    path = shutil.which(tool)
    if path is None:
        pytest.fail(f"{tool} is missing: run scripts/test, which installs the packaging validators")
    return path


def _frozen_env(tmp_path: Path) -> dict[str, str]:
    """The app's own environment: offscreen, and nothing from the test venv or the real data folder."""
    env = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "VIRTUAL_ENV", "LUMETRA_DESK"))}
    env.update(QT_QPA_PLATFORM="offscreen", TMPDIR=str(tmp_path))
    return env


@pytest.fixture(scope="module")
def tarball() -> Iterator[Path]:
    result = subprocess.run(
        [str(ROOT / "packaging" / "build_linux.sh")], cwd=ROOT, capture_output=True, text=True, timeout=1800
    )
    assert result.returncode == 0, f"the build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    yield ROOT / "dist" / f"lumetra-desk-{__version__}-linux-{os.uname().machine}.tar.gz"


@pytest.mark.slow
def test_frozen_app_passes_its_self_test(tarball: Path, tmp_path: Path) -> None:
    result = subprocess.run(
        [str(FROZEN_APP), "--self-test"], capture_output=True, text=True, timeout=300, env=_frozen_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert f"Lumetra Desk {__version__} self-test passed" in result.stdout
    for step in ("encrypted store", "main window", "wizard", "demo case", "letter issued", "QtPdf", "licences"):
        assert step in result.stdout
    assert not list(tmp_path.iterdir()), "the self-test left its temporary store behind"


@pytest.mark.slow
def test_frozen_app_reports_the_package_version(tarball: Path, tmp_path: Path) -> None:
    """The spec reads the version from the package: the built app must say the same."""
    result = subprocess.run(
        [str(FROZEN_APP), "version"], capture_output=True, text=True, timeout=120, env=_frozen_env(tmp_path)
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith(f"lumetra-desk {__version__} ")


@pytest.mark.slow
def test_frozen_app_creates_and_checks_a_passphrase_store(tarball: Path, tmp_path: Path) -> None:
    """The migrations travel as data files: a real store in a real folder must be created and healthy."""
    env = {**_frozen_env(tmp_path), "LUMETRA_DESK_PASSPHRASE": "correct horse battery staple"}
    data = tmp_path / "desk"
    for command in (["db", "init"], ["db", "check"]):
        result = subprocess.run(
            [str(FROZEN_APP), "--data-dir", str(data), *command], capture_output=True, text=True, timeout=120, env=env
        )
        assert result.returncode == 0, result.stderr
    assert "encryption: passphrase" in result.stdout and "healthy" in result.stdout


@pytest.mark.slow
def test_frozen_app_keeps_a_new_store_key_in_the_system_keyring(tarball: Path, tmp_path: Path) -> None:
    """keyring finds its Secret Service backend through package metadata, which the build must carry."""
    data = tmp_path / "desk"
    result = subprocess.run(
        [str(FROZEN_APP), "--data-dir", str(data), "db", "init"],
        capture_output=True,
        text=True,
        timeout=120,
        env=_frozen_env(tmp_path),  # the test session's D-Bus and gnome-keyring
    )
    assert result.returncode == 0, result.stderr
    meta = StoreMeta.read(data / "store.json")
    try:
        assert "encryption: keyring" in result.stdout
        assert secrets.get_secret(meta.key_secret_name), "the key is not in the keyring"
    finally:
        secrets.delete_secret(meta.key_secret_name)


@pytest.mark.slow
def test_tarball_installs_for_one_user(tarball: Path, tmp_path: Path) -> None:
    with tarfile.open(tarball) as archive:
        archive.extractall(tmp_path / "unpacked", filter="tar")
    (unpacked,) = (tmp_path / "unpacked").iterdir()
    prefix = tmp_path / "prefix"
    env = {**_frozen_env(tmp_path), "PREFIX": str(prefix)}
    result = subprocess.run([str(unpacked / "install.sh")], capture_output=True, text=True, env=env, timeout=300)
    assert result.returncode == 0, result.stderr
    desktop = prefix / "share" / "applications" / "io.lumetra.Desk.desktop"
    assert f"Exec={prefix}/lib/lumetra-desk/lumetra-desk" in desktop.read_text()
    subprocess.run([_require("desktop-file-validate"), str(desktop)], check=True)
    assert (prefix / "share" / "icons" / "hicolor" / "256x256" / "apps" / "io.lumetra.Desk.png").is_file()
    assert (prefix / "share" / "icons" / "hicolor" / "scalable" / "apps" / "io.lumetra.Desk.svg").is_file()
    assert (prefix / "share" / "metainfo" / "io.lumetra.Desk.metainfo.xml").is_file()
    version = subprocess.run([str(prefix / "bin" / "lumetra-desk"), "version"], capture_output=True, text=True, env=env)
    assert version.returncode == 0 and __version__ in version.stdout

    removed = subprocess.run(
        [str(unpacked / "install.sh"), "--uninstall"], capture_output=True, text=True, env=env, timeout=120
    )
    assert removed.returncode == 0, removed.stderr
    assert not (prefix / "lib" / "lumetra-desk").exists() and not desktop.exists()


def test_desktop_entry_validates() -> None:
    result = subprocess.run([_require("desktop-file-validate"), str(DESKTOP_FILE)], capture_output=True, text=True)
    assert result.returncode == 0 and not result.stdout.strip(), result.stdout


def test_metainfo_validates() -> None:
    result = subprocess.run(
        [_require("appstreamcli"), "validate", "--no-net", str(METAINFO_FILE)], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout


def test_metainfo_names_the_package_version_as_newest_release() -> None:
    releases = ET.parse(METAINFO_FILE).getroot().findall("./releases/release")
    assert releases, "the metainfo lists no release"
    assert releases[0].get("version") == __version__


def test_spec_takes_its_version_from_the_package() -> None:
    """No version is written in the spec; the Windows installer takes it from the build, not from a literal."""
    spec = (ROOT / "packaging" / "lumetra-desk.spec").read_text()
    assert "from lumetra_desk import __version__" in spec
    assert __version__ not in spec
    iss = (ROOT / "packaging" / "windows" / "lumetra-desk.iss").read_text()
    assert __version__ not in iss

"""Build step (Linux): the licences of the system libraries PyInstaller copies into the app.

PyInstaller bundles shared libraries from the build machine (libX11, GLib, the GTK libraries of Qt's theme
plugin...). For each one a Debian package installed, that package's copyright file goes into the build, with a
manifest the About dialog reads. Libraries from a wheel are covered by the wheel's own licence, and Python's by
Python's. A library that no package owns fails the build: it would ship without its licence.
"""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterable
from pathlib import Path

MANIFEST = "system-libraries.json"


class UnlicensedLibraryError(RuntimeError):
    """A bundled library whose licence cannot be found."""


def _from_a_wheel_or_python(source: Path) -> bool:
    return "site-packages" in source.parts or source.is_relative_to(Path(sys.base_prefix).resolve())


def _dpkg_candidates(source: Path) -> list[str]:
    """The names dpkg may know a file by: as given, resolved, and across the merged /usr (/lib = /usr/lib)."""
    names = []
    for path in (str(source), str(source.resolve())):
        names.append(path)
        names.append(path.removeprefix("/usr") if path.startswith("/usr/lib") else "/usr" + path)
    return list(dict.fromkeys(names))


def owning_package(source: Path) -> str | None:
    for candidate in _dpkg_candidates(source):
        found = subprocess.run(["dpkg-query", "-S", candidate], capture_output=True, text=True, check=False)
        if found.returncode == 0:
            return found.stdout.split(":", 1)[0].split(",")[0].strip()
    return None


BUNDLE_FOLDER = "resources/licenses/system"  # where the About dialog looks for them


def collect(binaries: Iterable[tuple[str, str, str]], out_dir: Path) -> list[tuple[str, str, str]]:
    """Write each owning package's copyright file and the manifest to ``out_dir``; returns TOC entries to add to
    the analysis' datas. ``binaries`` is PyInstaller's TOC: (name in the bundle, source path, kind)."""
    out_dir.mkdir(parents=True, exist_ok=True)
    packages: dict[str, list[str]] = {}
    unowned = []
    for name, source, _kind in binaries:
        path = Path(source)
        if _from_a_wheel_or_python(path.resolve()):
            continue
        package = owning_package(path)
        if package is None:
            unowned.append(source)
        else:
            packages.setdefault(package, []).append(Path(name).name)
    if unowned:
        raise UnlicensedLibraryError(f"no Debian package owns these bundled libraries: {', '.join(unowned)}")
    manifest = []
    for package, libraries in sorted(packages.items()):
        name = package.split(":")[0]
        copyright_file = Path("/usr/share/doc") / name / "copyright"
        if not copyright_file.is_file():
            raise UnlicensedLibraryError(f"{copyright_file} is missing, so {', '.join(libraries)} has no licence")
        version = subprocess.run(
            ["dpkg-query", "-W", "-f=${Version}", package], capture_output=True, text=True, check=True
        ).stdout
        (out_dir / f"{name}.copyright").write_bytes(copyright_file.read_bytes())
        manifest.append(
            {"package": name, "version": version, "libraries": sorted(libraries), "copyright": f"{name}.copyright"}
        )
    (out_dir / MANIFEST).write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return [(f"{BUNDLE_FOLDER}/{file.name}", str(file), "DATA") for file in sorted(out_dir.iterdir())]

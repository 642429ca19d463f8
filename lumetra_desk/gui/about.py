"""The About dialog: the version, and the licences of everything the app ships (fonts and libraries).

The library list is not written by hand: it is read from the installed distributions' metadata, starting at
Lumetra Desk's own runtime requirements and following theirs, so it names exactly what a build bundles (the
PyInstaller spec copies the same metadata into the frozen app). Beside them: Python itself, the libraries
compiled into sqlcipher3 (``resources/licenses/licences.yaml``, versions read from the running library), and in a
frozen build the system libraries the build copied in, each with its Debian copyright file (written by
``packaging/system_licences.py``). Choosing a row shows the licence's full text.
"""

from __future__ import annotations

import json
import platform
import re
import sysconfig
from dataclasses import dataclass
from functools import cache
from importlib import metadata
from importlib.metadata import PackageMetadata
from pathlib import Path
from typing import Any

import uharfbuzz
import yaml
from PySide6.QtCore import QLibraryInfo, Qt
from PySide6.QtWidgets import QDialog, QHeaderView, QTableWidgetItem, QWidget

from lumetra_desk import __version__
from lumetra_desk.core.paths import resources_dir
from lumetra_desk.core.store.db import engine_versions
from lumetra_desk.gui.forms.ui_about_dialog import Ui_AboutDialog
from lumetra_desk.gui.icon import app_icon

DISTRIBUTION = "lumetra-desk"
_REQUIREMENT_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")
_LICENCE_CLASSIFIER = "License :: "
# Standard sentences of common licences, for packages whose metadata names none.
_LICENCE_WORDING = (
    ("Permission is hereby granted, free of charge", "MIT"),
    ("Redistribution and use in source and binary forms", "BSD"),
    ("Permission is granted to anyone to use this software for any purpose", "zlib"),
    ("Apache License", "Apache-2.0"),
)


SYSTEM_MANIFEST = "system-libraries.json"
NO_TEXT = "This package carries no licence text; its licence is named in the Licence column."


@dataclass(frozen=True)
class BundledLibrary:
    name: str
    version: str
    licence: str
    text: str = ""  # the licence's full text, as shipped


@dataclass(frozen=True)
class BundledFont:
    name: str
    licence_text: str


def bundled_libraries() -> list[BundledLibrary]:
    """Every distribution the app needs at run time (requirements followed transitively, extras left out)."""
    seen: dict[str, BundledLibrary] = {}
    pending = list(runtime_requirements(DISTRIBUTION))
    while pending:
        name = pending.pop()
        key = normal_name(name)
        if key in seen:
            continue
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue  # a requirement for another platform or Python version: not installed, not bundled
        licence = licence_of(dist)
        seen[key] = BundledLibrary(dist.metadata["Name"] or name, dist.version, licence, licence_text(dist, licence))
        pending.extend(runtime_requirements(name))
    return sorted(seen.values(), key=lambda lib: lib.name.lower())


def everything_bundled() -> list[BundledLibrary]:
    """What the About dialog lists: Python, the Python libraries, what is compiled into them, system libraries."""
    return [python_runtime(), *bundled_libraries(), *embedded_libraries(), *system_libraries()]


def python_runtime() -> BundledLibrary:
    """The interpreter a build carries (its LICENSE.txt travels with the build, see the spec)."""
    candidates = (
        resources_dir() / "licenses" / "python" / "LICENSE.txt",
        Path(sysconfig.get_paths()["stdlib"]) / "LICENSE.txt",
    )
    text = next((c.read_text(encoding="utf-8") for c in candidates if c.is_file()), "")
    return BundledLibrary("Python", platform.python_version(), "PSF-2.0", text)


def embedded_libraries() -> list[BundledLibrary]:
    """Libraries compiled into a bundled package's binary, whose licences that package does not carry."""
    versions = {**engine_versions(), "HarfBuzz": uharfbuzz.version_string()}
    return [
        BundledLibrary(
            f"{entry['name']} (in {entry['inside']})",
            versions.get(entry["name"], ""),
            entry["licence"],
            _text(entry["text"]),
        )
        for entry in _licence_data()["embedded"]
    ]


def system_libraries() -> list[BundledLibrary]:
    """In a frozen Linux build: the system packages whose libraries the build copied in, with their copyright."""
    folder = resources_dir() / "licenses" / "system"
    manifest = folder / SYSTEM_MANIFEST
    if not manifest.is_file():
        return []  # run from a Python environment: the system's own libraries are used, not shipped
    libraries = []
    for entry in json.loads(manifest.read_text(encoding="utf-8")):
        text = (folder / entry["copyright"]).read_text(encoding="utf-8", errors="replace")
        files = ", ".join(entry["libraries"])
        libraries.append(
            BundledLibrary(f"{entry['package']} ({files})", entry["version"], _copyright_licences(text), text)
        )
    return libraries


def licence_text(dist: metadata.Distribution, licence: str) -> str:
    """The licence files a distribution ships, or the bundled text of its SPDX licence when it ships none."""
    texts = []
    for file in dist.files or []:
        parts = {part.lower() for part in file.parts}
        if ".dist-info" in str(file.parent) and (parts & {"licenses", "license_files"} or _is_licence_name(file.name)):
            texts.append(dist.read_text(str(file).split(".dist-info/", 1)[-1]) or "")
    texts = [text for text in texts if text.strip()]
    if texts:
        return "\n\n".join(texts)
    known = _licence_data()["texts"]
    for spdx in re.split(r"\s+OR\s+", licence):
        if spdx in known:
            return "\n\n".join(_text(name) for name in known[spdx])
    return NO_TEXT


def _is_licence_name(name: str) -> bool:
    return name.upper().startswith(("LICENSE", "LICENCE", "COPYING", "NOTICE"))


def _copyright_licences(text: str) -> str:
    """The licences a Debian copyright file names in its ``License:`` fields (machine-readable format)."""
    names = sorted({line.split(":", 1)[1].strip() for line in text.splitlines() if line.startswith("License:")})
    return ", ".join(name for name in names if name) or "see its copyright text"


@cache
def _licence_data() -> dict[str, Any]:
    data: dict[str, Any] = yaml.safe_load((resources_dir() / "licenses" / "licences.yaml").read_text(encoding="utf-8"))
    return data


def _text(name: str) -> str:
    return (resources_dir() / "licenses" / name).read_text(encoding="utf-8")


def licence_of(dist: metadata.Distribution) -> str:
    """A short licence name: the SPDX expression, the trove classifiers, a one-line License field, or the
    licence file recognised by its standard wording."""
    meta = dist.metadata
    expression = _field(meta, "License-Expression")
    if expression:
        return expression
    classifiers = [c.split(" :: ")[-1] for c in meta.get_all("Classifier") or [] if c.startswith(_LICENCE_CLASSIFIER)]
    if classifiers:
        return ", ".join(classifiers)
    declared = _field(meta, "License")
    if declared and "\n" not in declared and len(declared) <= 60 and declared.upper() != "UNKNOWN":
        return declared
    for licence_file in meta.get_all("License-File") or []:
        text = dist.read_text(f"licenses/{licence_file}") or dist.read_text(licence_file) or ""
        for wording, name in _LICENCE_WORDING:
            if wording in " ".join(text.split()):
                return name
    return "see the package's licence file"


def _field(meta: PackageMetadata, name: str) -> str:
    values = meta.get_all(name) or []
    return str(values[0]).strip() if values else ""


def bundled_fonts() -> list[BundledFont]:
    """The fonts in resources/fonts, named by the first line of their licence files."""
    fonts = []
    for licence in sorted((resources_dir() / "fonts").glob("LICENSE-*.txt")):
        text = licence.read_text(encoding="utf-8")
        first_line = text.splitlines()[0] if text else licence.stem.removeprefix("LICENSE-")
        fonts.append(BundledFont(first_line.split(" (")[0].strip(), text))
    return fonts


def runtime_requirements(name: str) -> list[str]:
    """The names a distribution requires, leaving out those of optional extras."""
    try:
        requirements = metadata.requires(name) or []
    except metadata.PackageNotFoundError:
        return []
    names = []
    for requirement in requirements:
        marker = requirement.partition(";")[2]
        if "extra" in marker:
            continue  # needed only for an optional feature the app does not ask for
        match = _REQUIREMENT_NAME.match(requirement)
        if match:
            names.append(match.group(1))
    return names


def normal_name(name: str) -> str:
    """PEP 503 normalisation: "PySide6_Essentials" and "pyside6-essentials" are one distribution."""
    return re.sub(r"[-_.]+", "-", name).lower()


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = Ui_AboutDialog()
        self.ui.setupUi(self)
        self.ui.iconLabel.setPixmap(app_icon().pixmap(64, 64))
        self.ui.titleLabel.setStyleSheet("font-size: 16pt; font-weight: 600;")
        self.ui.versionLabel.setText(f"Version {__version__} · Qt {QLibraryInfo.version().toString()}")
        self.libraries = everything_bundled()
        self._fill_libraries(self.libraries)
        self.ui.librariesTable.currentCellChanged.connect(self._show_licence)
        self.ui.fontLicences.setPlainText("\n\n".join(font.licence_text.strip() for font in bundled_fonts()))

    def _fill_libraries(self, libraries: list[BundledLibrary]) -> None:
        table = self.ui.librariesTable
        table.setColumnCount(3)
        table.setHorizontalHeaderLabels(["Library", "Version", "Licence"])
        table.setRowCount(len(libraries))
        for row, library in enumerate(libraries):
            for column, text in enumerate((library.name, library.version, library.licence)):
                item = QTableWidgetItem(text)
                item.setFlags(Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable)
                table.setItem(row, column, item)
        table.verticalHeader().setVisible(False)
        table.horizontalHeader().setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        table.horizontalHeader().setStretchLastSection(True)

    def _show_licence(self, row: int, *_: int) -> None:
        self.ui.licenceText.setPlainText(self.libraries[row].text if 0 <= row < len(self.libraries) else "")


def show_about(parent: QWidget | None = None) -> AboutDialog:
    """Open the About dialog (modeless, so the officer can keep working) and return it."""
    dialog = AboutDialog(parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.show()
    return dialog

"""The About dialog: version, bundled libraries with their licences (from installed metadata), font licences."""

from __future__ import annotations

import importlib.util
import re
import shutil
from importlib import metadata
from pathlib import Path
from types import ModuleType

import PIL
import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lumetra_desk import __version__
from lumetra_desk.core.store.db import engine_versions
from lumetra_desk.gui.about import (
    DISTRIBUTION,
    NO_TEXT,
    AboutDialog,
    app_icon,
    bundled_fonts,
    bundled_libraries,
    embedded_libraries,
    licence_of,
    normal_name,
    runtime_requirements,
    show_about,
    system_libraries,
)

ROOT = Path(__file__).resolve().parents[2]

pytestmark = pytest.mark.gui


def test_every_runtime_requirement_is_listed_with_version_and_licence() -> None:
    libraries = {normal_name(library.name): library for library in bundled_libraries()}
    for requirement in runtime_requirements(DISTRIBUTION):
        library = libraries[normal_name(requirement)]
        assert library.version == metadata.version(requirement)
        assert library.licence and library.licence != "see the package's licence file", library
    assert "pyside6-essentials" in libraries and "LGPL-3.0" in libraries["pyside6-essentials"].licence
    assert "sqlalchemy" in libraries, "transitive requirements are bundled too, so they are listed"


def test_optional_extras_and_test_tools_are_not_listed() -> None:
    names = {normal_name(library.name) for library in bundled_libraries()}
    assert not names & {"pytest", "hypothesis", "mypy", "ruff", "pyinstaller", "aiosmtpd", "lumetra-desk"}


@pytest.mark.parametrize(
    ("distribution", "licence"),
    [
        ("sqlcipher3", "zlib"),  # no licence metadata: recognised from the licence file's wording
        ("IMAPClient", "BSD"),
        ("PySide6_Essentials", "LGPL-3.0-only OR GPL-2.0-only OR GPL-3.0-only"),  # SPDX License-Expression
        ("python-dateutil", "BSD License, Apache Software License"),  # classifiers beat a vague "Dual License"
    ],
)
def test_licence_names_come_from_metadata_or_the_licence_file(distribution: str, licence: str) -> None:
    assert licence_of(metadata.distribution(distribution)) == licence


def test_bundled_fonts_carry_their_licences() -> None:
    fonts = {font.name: font.licence_text for font in bundled_fonts()}
    assert set(fonts) == {"DejaVu Sans", "Droid Sans Fallback", "Lohit Devanagari"}
    assert "Bitstream" in fonts["DejaVu Sans"]
    assert "Apache License" in fonts["Droid Sans Fallback"]
    assert "License: OFL-1.1" in fonts["Lohit Devanagari"]


def test_dialog_shows_version_libraries_and_font_licences(qtbot: QtBot) -> None:
    parent = QWidget()
    qtbot.addWidget(parent)
    dialog = show_about(parent)
    qtbot.waitExposed(dialog)
    assert __version__ in dialog.ui.versionLabel.text()
    assert not dialog.ui.iconLabel.pixmap().isNull()
    table = dialog.ui.librariesTable
    rows = {table.item(row, 0).text(): table.item(row, 2).text() for row in range(table.rowCount())}
    assert rows["reportlab"] == "BSD License" and rows["Jinja2"] == "BSD License"
    shown = dialog.ui.fontLicences.toPlainText()
    assert "DejaVu" in shown and "Droid" in shown and "Lohit Devanagari" in shown
    assert rows["uharfbuzz"] == "Apache License 2.0" and rows["HarfBuzz (in uharfbuzz)"] == "MIT"
    versions = {table.item(row, 0).text(): table.item(row, 1).text() for row in range(table.rowCount())}
    assert re.fullmatch(r"\d+\.\d+\.\d+", versions["HarfBuzz (in uharfbuzz)"])
    with qtbot.waitSignal(dialog.destroyed):
        dialog.ui.buttonBox.rejected.emit()  # Close


def test_app_icon_offers_every_size(qapp: object) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes


def test_every_row_carries_its_licence_text_and_choosing_it_shows_the_text(qtbot: QtBot) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    table = dialog.ui.librariesTable
    names = [table.item(row, 0).text() for row in range(table.rowCount())]
    assert "Python" in names and "SQLCipher (in sqlcipher3)" in names and "OpenSSL (in sqlcipher3)" in names
    assert all(library.text.strip() and library.text != NO_TEXT for library in dialog.libraries), [
        library.name for library in dialog.libraries if library.text == NO_TEXT
    ]
    for name, needle in (
        ("PySide6_Essentials", "GNU LESSER GENERAL PUBLIC LICENSE"),
        ("Python", "PYTHON SOFTWARE FOUNDATION LICENSE"),
        ("SQLCipher (in sqlcipher3)", "ZETETIC LLC"),
        ("reportlab", "Redistribution and use"),
    ):
        table.setCurrentCell(names.index(name), 0)
        assert needle in dialog.ui.licenceText.toPlainText(), name


def test_libraries_compiled_into_sqlcipher3_are_named_with_the_versions_it_reports() -> None:
    versions = engine_versions()
    embedded = {library.name: library for library in embedded_libraries()}
    for component in ("SQLCipher", "SQLite", "OpenSSL"):
        library = embedded[f"{component} (in sqlcipher3)"]
        assert library.version == versions[component] and re.fullmatch(r"\d+\.\d+\.\d+", library.version)


def _system_licences_module() -> ModuleType:
    spec = importlib.util.spec_from_file_location("system_licences", ROOT / "packaging" / "system_licences.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_a_build_carries_the_copyright_of_each_system_library_it_bundles(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The build step on this machine's real libraries and package database, read back as the About dialog does."""
    system_licences = _system_licences_module()
    bundled = [
        ("libz.so.1", "/lib/x86_64-linux-gnu/libz.so.1", "BINARY"),
        ("libX11.so.6", "/usr/lib/x86_64-linux-gnu/libX11.so.6", "BINARY"),
        ("libxcb.so.1", "/lib/x86_64-linux-gnu/libxcb.so.1", "BINARY"),
        ("PIL/_imaging.so", next(Path(PIL.__file__).parent.glob("_imaging*.so")).as_posix(), "EXTENSION"),
    ]
    resources = tmp_path / "resources"
    shutil.copytree(ROOT / "resources" / "licenses", resources / "licenses")
    datas = system_licences.collect(bundled, resources / "licenses" / "system")
    assert {dest for dest, _, _ in datas} >= {"resources/licenses/system/system-libraries.json"}
    monkeypatch.setattr("lumetra_desk.gui.about.resources_dir", lambda: resources)
    system = {library.name: library for library in system_libraries()}
    assert set(system) == {"libx11-6 (libX11.so.6)", "libxcb1 (libxcb.so.1)", "zlib1g (libz.so.1)"}, "a wheel's own"
    assert "Zlib" in system["zlib1g (libz.so.1)"].licence and "Jean-loup Gailly" in system["zlib1g (libz.so.1)"].text
    assert all(library.version for library in system.values())


def test_a_bundled_library_no_package_owns_fails_the_build(tmp_path: Path) -> None:
    stray = tmp_path / "libstray.so.1"
    stray.write_bytes(b"\x7fELF")
    system_licences = _system_licences_module()
    with pytest.raises(system_licences.UnlicensedLibraryError, match="libstray"):
        system_licences.collect([("libstray.so.1", str(stray), "BINARY")], tmp_path / "out")

"""The About dialog: version, bundled libraries with their licences (from installed metadata), font licences."""

from __future__ import annotations

from importlib import metadata

import pytest
from PySide6.QtWidgets import QWidget
from pytestqt.qtbot import QtBot

from lumetra_desk import __version__
from lumetra_desk.gui.about import (
    DISTRIBUTION,
    app_icon,
    bundled_fonts,
    bundled_libraries,
    licence_of,
    normal_name,
    runtime_requirements,
    show_about,
)

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
    assert set(fonts) == {"DejaVu Sans", "Droid Sans Fallback"}
    assert "Bitstream" in fonts["DejaVu Sans"]
    assert "Apache License" in fonts["Droid Sans Fallback"]


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
    assert "DejaVu" in dialog.ui.fontLicences.toPlainText() and "Droid" in dialog.ui.fontLicences.toPlainText()
    with qtbot.waitSignal(dialog.destroyed):
        dialog.ui.buttonBox.rejected.emit()  # Close


def test_app_icon_offers_every_size(qapp: object) -> None:
    icon = app_icon()
    assert not icon.isNull()
    sizes = {size.width() for size in icon.availableSizes()}
    assert {16, 32, 48, 256} <= sizes

"""``lumetra-desk gui --self-test``: prove that an installed build works, end to end, without a screen.

A frozen app can start fine and still miss a Qt plugin, a font, a statute file or a migration script; those
only show when the officer first needs them. The self-test touches each of them once: it creates a
passphrase-encrypted store in a temporary folder (no keyring needed), opens the main window offscreen, adds a
demo case, issues a letter through the letters module, reads the PDF back with pypdf and with QtPdf, prints a
short report and exits 0. Any failure ends it with one plain line naming the step, and exit 1.
"""

from __future__ import annotations

import os
import secrets
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, datetime
from io import BytesIO
from typing import TextIO, cast

from pypdf import PdfReader
from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QSize
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtPdf import QPdfDocument

from lumetra_desk import __version__
from lumetra_desk.core.cases.service import find_or_create_requester, open_case
from lumetra_desk.core.letters.issue import issue_letter
from lumetra_desk.core.paths import AppPaths, resolve_paths
from lumetra_desk.core.settings import Settings
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.migrate import current_revision, head_revision
from lumetra_desk.gui.about import (
    DISTRIBUTION,
    NO_TEXT,
    AboutDialog,
    app_icon,
    bundled_fonts,
    bundled_libraries,
    everything_bundled,
    normal_name,
    runtime_requirements,
    system_libraries,
)
from lumetra_desk.gui.app import create_application
from lumetra_desk.gui.first_run import FirstRunWizard
from lumetra_desk.gui.main_window import MainWindow

DEMO_NAME = "Zoë Ibáñez 王芳"  # Latin accents and CJK: both bundled fonts must reach the PDF
DEMO_EMAIL = "self-test@example.org"
LETTER_KIND = "acknowledgement"
SQLITE_PLAIN_HEADER = b"SQLite format 3\x00"


class SelfTestFailure(Exception):
    """One step of the self-test found something wrong."""


def run_self_test(out: TextIO | None = None) -> int:
    """Run every step; print the report to ``out`` (stdout) and return the exit code."""
    out = out or sys.stdout
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    started = time.perf_counter()
    report: list[str] = []
    step = "start"
    try:
        with tempfile.TemporaryDirectory(prefix="lumetra-self-test-") as folder:
            run = _SelfTest(resolve_paths(folder))
            try:
                for name, check in run.steps():
                    step = name
                    report.append(check())
            finally:
                run.close()
    except Exception as exc:  # every failure, of any kind, becomes the one plain line the packager reads
        print(f"Self-test FAILED at step '{step}': {exc}", file=sys.stderr)
        return 1
    print(f"Lumetra Desk {__version__} self-test passed in {time.perf_counter() - started:.1f} s", file=out)
    for line in report:
        print(f"  ok  {line}", file=out)
    return 0


class _SelfTest:
    """The steps in order; each returns one line for the report or raises."""

    def __init__(self, paths: AppPaths) -> None:
        self.paths = paths
        self.store: Store | None = None
        self.window: MainWindow | None = None
        self.case_key = ""
        self.pdf = b""

    def steps(self) -> list[tuple[str, Callable[[], str]]]:
        return [
            ("open an encrypted store", self.open_store),
            ("show the main window", self.open_window),
            ("build the first-run wizard and the About dialog", self.build_dialogs),
            ("add a demo case", self.add_case),
            ("issue a letter", self.issue_letter),
            ("read the letter back", self.check_pdf),
            ("render the letter with QtPdf", self.render_pdf),
            ("list the bundled licences", self.check_licences),
        ]

    def open_store(self) -> str:
        self.store = Store.open(self.paths, create=True, passphrase=secrets.token_urlsafe(24), exclusive=True)
        header = self.paths.store_file.read_bytes()[:16]
        if self.store.meta.encryption != "passphrase" or header == SQLITE_PLAIN_HEADER:
            raise SelfTestFailure("the new store is not encrypted")
        if current_revision(self.store) != head_revision():
            raise SelfTestFailure("the store was not migrated to the current schema")
        return f"encrypted store created and migrated (schema {head_revision()})"

    def open_window(self) -> str:
        app = create_application(sys.argv[:1])
        if app_icon().isNull():
            raise SelfTestFailure("the application icon cannot be loaded")
        self.window = MainWindow(self._store())
        self.window.show()
        app.processEvents()
        return f"main window shown on the '{QGuiApplication.platformName()}' platform, icon loaded"

    def build_dialogs(self) -> str:
        wizard = FirstRunWizard(Settings())
        about = AboutDialog()
        libraries = about.ui.librariesTable.rowCount()
        wizard.deleteLater()
        about.deleteLater()
        if libraries == 0:
            raise SelfTestFailure("the About dialog lists no libraries")
        return f"first-run wizard and About dialog built ({libraries} libraries listed)"

    def add_case(self) -> str:
        with self._store().write() as session:
            requester = find_or_create_requester(session, DEMO_EMAIL, DEMO_NAME, "free")
            case = open_case(
                session,
                requester=requester,
                request_types=["access"],
                received_at=datetime.now(UTC),
                jurisdiction="US-CA",
                subject="Self-test request",
            )
            self.case_key = case.key
        return f"demo case {self.case_key} added with its statutory deadlines"

    def issue_letter(self) -> str:
        issued = issue_letter(self._store(), self.case_key, LETTER_KIND, Settings(), today=datetime.now(UTC).date())
        self.pdf = issued.rendered.pdf
        return f"{LETTER_KIND} letter issued and stored ({len(self.pdf) // 1024} KiB)"

    def check_pdf(self) -> str:
        if not self.pdf.startswith(b"%PDF-"):
            raise SelfTestFailure("the letter is not a PDF")
        reader = PdfReader(BytesIO(self.pdf))
        text = "".join(page.extract_text() or "" for page in reader.pages)
        for expected in (self.case_key, "Zoë", "王芳"):
            if expected not in text:
                raise SelfTestFailure(f"the letter does not contain {expected!r}")
        unembedded = sorted(unembedded_fonts(reader))
        if unembedded:
            raise SelfTestFailure(f"the letter uses fonts that are not embedded: {', '.join(unembedded)}")
        return f"letter has {len(reader.pages)} page(s), the case key, accented and CJK text, embedded fonts"

    def render_pdf(self) -> str:
        """The letter preview uses QtPdf; its libraries must be in the build and able to draw a page."""
        buffer = QBuffer()
        buffer.setData(QByteArray(self.pdf))
        buffer.open(QIODevice.OpenModeFlag.ReadOnly)
        document = QPdfDocument()
        document.load(buffer)
        pages = document.pageCount()
        if document.status() != QPdfDocument.Status.Ready or pages < 1:
            raise SelfTestFailure(f"QtPdf could not open the letter ({document.error().name})")
        image = document.render(0, QSize(425, 550))
        document.close()
        if image.isNull() or not has_ink(image):
            raise SelfTestFailure("QtPdf rendered an empty page")
        return f"QtPdf opened the letter ({pages} page(s)) and rendered page 1"

    def check_licences(self) -> str:
        """The About dialog reads library metadata, licence texts and font licences; a build must carry them all,
        and a frozen Linux build also the copyright of every system library it copied in."""
        found = {normal_name(library.name) for library in bundled_libraries()}
        missing = sorted(r for r in runtime_requirements(DISTRIBUTION) if normal_name(r) not in found)
        if not found or missing:
            raise SelfTestFailure(f"no licence metadata for {', '.join(missing) or 'any library'}")
        listed = everything_bundled()
        without_text = [library.name for library in listed if not library.text.strip() or library.text == NO_TEXT]
        if without_text:
            raise SelfTestFailure(f"no licence text for {', '.join(without_text)}")
        system = system_libraries()
        if getattr(sys, "frozen", False) and sys.platform.startswith("linux") and not system:
            raise SelfTestFailure("the build carries no copyright of the system libraries it bundles")
        fonts = bundled_fonts()
        if len(fonts) < 2 or not all(font.licence_text for font in fonts):
            raise SelfTestFailure("the font licences are missing")
        return (
            f"licences of {len(found)} libraries, {len(listed) - len(found) - len(system)} more inside them or "
            f"beside them, {len(system)} system packages and {len(fonts)} fonts found, each with its text"
        )

    def close(self) -> None:
        if self.window is not None:
            self.window.close()
            self.window.deleteLater()
        if self.store is not None:
            self.store.close()

    def _store(self) -> Store:
        if self.store is None:
            raise SelfTestFailure("the store is not open")
        return self.store


def unembedded_fonts(reader: PdfReader) -> set[str]:
    """Names of fonts the pages use without embedding them (another reader would substitute them)."""
    missing: set[str] = set()
    for page in reader.pages:
        resources = page.get("/Resources")
        fonts = resources.get_object().get("/Font") if resources is not None else None
        for ref in fonts.get_object().values() if fonts is not None else ():
            font = ref.get_object()
            descendants = font.get("/DescendantFonts")
            described = descendants.get_object()[0].get_object() if descendants is not None else font
            descriptor = described.get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor.get_object() for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if not embedded:
                missing.add(str(font.get("/BaseFont")))
    return missing


def has_ink(image: QImage) -> bool:
    """True when some pixel is clearly darker than paper (the text was drawn)."""
    gray = image.convertToFormat(QImage.Format.Format_Grayscale8)
    pixels = cast(memoryview, gray.constBits())
    stride, width = gray.bytesPerLine(), gray.width()
    return any(min(pixels[y * stride : y * stride + width]) < 128 for y in range(gray.height()))

"""``lumetra-desk gui --self-test`` from the checkout, and the checks it relies on."""

from __future__ import annotations

import io
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest
from pypdf import PdfReader
from PySide6.QtGui import QColor, QImage
from reportlab.pdfgen.canvas import Canvas

from lumetra_desk import __version__
from lumetra_desk.core.paths import resolve_paths
from lumetra_desk.gui.self_test import SelfTestFailure, _SelfTest, has_ink, run_self_test, unembedded_fonts

pytestmark = pytest.mark.gui


def test_self_test_passes_in_process(qapp: object, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))  # where TemporaryDirectory puts its folder
    out = io.StringIO()
    assert run_self_test(out) == 0
    report = out.getvalue()
    assert report.startswith(f"Lumetra Desk {__version__} self-test passed")
    assert report.count("  ok  ") == 8
    assert not list(tmp_path.iterdir()), "the temporary store was not removed"


def test_cli_flag_runs_it_and_exits_zero(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "lumetra_desk", "gui", "--self-test"],
        capture_output=True,
        text=True,
        timeout=300,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "TMPDIR": str(tmp_path)},
    )
    assert result.returncode == 0, result.stderr
    assert "self-test passed" in result.stdout and "QtPdf" in result.stdout
    assert not list(tmp_path.glob("lumetra-self-test-*"))


def _pdf_with_standard_font() -> bytes:
    buffer = io.BytesIO()
    canvas = Canvas(buffer)
    canvas.setFont("Helvetica", 12)
    canvas.drawString(72, 720, "LD-2026-000001")
    canvas.save()
    return buffer.getvalue()


def test_a_letter_with_a_font_that_is_not_embedded_fails_the_check(qapp: object, tmp_path: Path) -> None:
    pdf = _pdf_with_standard_font()
    assert unembedded_fonts(PdfReader(io.BytesIO(pdf))) == {"/Helvetica"}
    run = _SelfTest(resolve_paths(tmp_path))
    run.case_key, run.pdf = "LD-2026-000001", pdf
    with pytest.raises(SelfTestFailure, match="does not contain 'Zoë'"):
        run.check_pdf()
    run.pdf = b"<html>not a letter</html>"
    with pytest.raises(SelfTestFailure, match="not a PDF"):
        run.check_pdf()


def test_a_blank_page_has_no_ink(qapp: object) -> None:
    page = QImage(425, 550, QImage.Format.Format_ARGB32)
    page.fill(QColor("white"))
    assert not has_ink(page)
    page.setPixelColor(424, 549, QColor("black"))  # the last pixel of the last row counts too
    assert has_ink(page)

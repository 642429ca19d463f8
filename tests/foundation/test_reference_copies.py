"""scripts/check_reference_copies.py: the test data committed here, compared with the reference it came from."""

from __future__ import annotations

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SCRIPT = ROOT / "scripts" / "check_reference_copies.py"


def _copies() -> tuple[tuple[str, str], ...]:
    spec = importlib.util.spec_from_file_location("check_reference_copies", SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module.COPIES  # type: ignore[no-any-return]


def _reference_like_the_copies(folder: Path) -> Path:
    """A reference folder laid out as the shared one, holding exactly what is committed here."""
    for copy, source in _copies():
        target = folder / source
        target.parent.mkdir(parents=True, exist_ok=True)
        if (ROOT / copy).is_dir():
            shutil.copytree(ROOT / copy, target)
        else:
            shutil.copy(ROOT / copy, target)
    return folder


def _check(*argv: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, str(SCRIPT), *argv], capture_output=True, text=True, check=False)


def test_copies_equal_to_their_reference_pass(tmp_path: Path) -> None:
    reference = _reference_like_the_copies(tmp_path / "shared")
    result = _check("--reference", str(reference))
    assert (result.returncode, result.stdout) == (0, f"Every copy matches the reference in {reference}.\n")


def test_each_copy_that_fell_behind_is_named(tmp_path: Path) -> None:
    reference = _reference_like_the_copies(tmp_path / "shared")
    (reference / "reference" / "mail-corpus" / "002_ccpa_rtk_categories_only.eml").write_bytes(b"Subject: edited\r\n")
    (reference / "reference" / "mail-corpus" / "200_new_example.eml").write_bytes(b"Subject: new\r\n")
    (reference / "reference" / "deadline_vectors.json").unlink()
    result = _check("--reference", str(reference))
    assert result.returncode == 1
    assert result.stdout.splitlines() == [
        "tests/rules/deadline_vectors.json: the reference has no reference/deadline_vectors.json",
        "tests/intake/corpus/002_ccpa_rtk_categories_only.eml: differs from the reference",
        "tests/intake/corpus/200_new_example.eml: missing here (new in the reference)",
    ]


def test_no_reference_folder_is_said_plainly(tmp_path: Path) -> None:
    result = _check("--reference", str(tmp_path / "nowhere"))
    assert result.returncode == 2 and "No reference folder at" in result.stderr and result.stdout == ""

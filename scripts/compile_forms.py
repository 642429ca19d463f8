"""Compile ui/*.ui into lumetra_desk/gui/forms/ui_*.py with pyside6-uic (run after editing a form).

``--check`` exits 1 when a compiled module is missing or differs from what its form compiles to.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
FORMS = ROOT / "ui"
OUT = ROOT / "lumetra_desk" / "gui" / "forms"
HEADER = "# Generated from ui/{name} by scripts/compile_forms.py - do not edit; edit the form and recompile.\n"


def compile_form(form: Path) -> str:
    uic = Path(sys.executable).with_name("pyside6-uic")
    generated = subprocess.run(
        [str(uic), "--generator", "python", str(form)], check=True, capture_output=True, text=True
    ).stdout
    body = "\n".join(line.rstrip() for line in generated.splitlines() if not line.startswith("## "))
    return HEADER.format(name=form.name) + body.strip("\n") + "\n"


def target_for(form: Path) -> Path:
    return OUT / f"ui_{form.stem}.py"


def main(argv: list[str]) -> int:
    check = "--check" in argv
    stale = []
    for form in sorted(FORMS.glob("*.ui")):
        expected = compile_form(form)
        target = target_for(form)
        if check:
            if not target.exists() or target.read_text() != expected:
                stale.append(target.relative_to(ROOT))
        else:
            target.write_text(expected)
    if stale:
        print("Compiled forms are out of date; run scripts/compile_forms.py:", *stale, sep="\n  ")
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

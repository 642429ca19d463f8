"""Compare the test data copied from the shared reference with the reference itself, file by file.

The test suite reads only the copies committed in this repository, so it runs the same on a clean clone; this
check, run by hand, says whether a copy has fallen behind the reference it came from. The reference folder is
the ``shared`` folder beside this checkout unless ``--reference DIR`` names another. Exit status: 0 when every
copy matches, 1 when one differs or is missing (each named), 2 when there is no reference folder to compare with.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_REFERENCE = ROOT.parent / "shared"
# Each committed copy (a file or a folder, relative to the checkout) and where it comes from in the reference.
COPIES: tuple[tuple[str, str], ...] = (
    ("tests/rules/deadline_vectors.json", "reference/deadline_vectors.json"),
    ("tests/intake/corpus", "reference/mail-corpus"),
    ("tests/letters/lumetra-privacy-policy.txt", "seed/lumetra-privacy-policy.txt"),
)


def _files(path: Path) -> dict[str, Path]:
    """The files under ``path`` by their name relative to it (a single file is named by itself)."""
    if path.is_file():
        return {path.name: path}
    return {str(file.relative_to(path)): file for file in sorted(path.rglob("*")) if file.is_file()}


def differences(root: Path, reference: Path) -> list[str]:
    """One plain line for each copied file that differs from its reference, or exists on one side only."""
    found = []
    for copy, source in COPIES:
        ours, theirs = root / copy, reference / source
        if not theirs.exists():
            found.append(f"{copy}: the reference has no {source}")
            continue
        if not ours.exists():
            found.append(f"{copy}: missing here (the reference has {source})")
            continue
        our_files, their_files = _files(ours), _files(theirs)
        for name in sorted(our_files.keys() | their_files.keys()):
            label = copy if ours.is_file() else f"{copy}/{name}"
            if name not in their_files:
                found.append(f"{label}: not in the reference")
            elif name not in our_files:
                found.append(f"{label}: missing here (new in the reference)")
            elif our_files[name].read_bytes() != their_files[name].read_bytes():
                found.append(f"{label}: differs from the reference")
    return found


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reference", type=Path, default=DEFAULT_REFERENCE, metavar="DIR", help="the shared folder")
    args = parser.parse_args(argv)
    if not args.reference.is_dir():
        print(f"No reference folder at {args.reference}: nothing to compare (see --reference).", file=sys.stderr)
        return 2
    found = differences(ROOT, args.reference)
    for line in found:
        print(line)
    if not found:
        print(f"Every copy matches the reference in {args.reference}.")
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))

"""The README stays true: it opens with the two commands, and its CLI reference names every command."""

from __future__ import annotations

import argparse
from pathlib import Path

from lumetra_desk.cli.main import build_parser

ROOT = Path(__file__).resolve().parents[2]
README = (ROOT / "README.md").read_text()


def _commands(parser: argparse.ArgumentParser, prefix: str = "") -> list[str]:
    found = []
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                found.append(f"{prefix}{name}")
                found += _commands(sub, f"{prefix}{name} ")
    return found


def test_readme_opens_with_the_two_commands_and_ci_runs_the_test_one() -> None:
    first_block = README.split("```")[1]
    assert "./scripts/start" in first_block and "./scripts/test" in first_block
    assert "./scripts/test" in (ROOT / ".ci" / "run").read_text()


def test_cli_reference_is_one_unbroken_table() -> None:
    """A blank line inside a markdown table ends it: the rows after it would render as plain text."""
    reference = README[README.index("## Command line") : README.index("<!-- cli -->")]
    lines = reference.splitlines()
    first_row = next(i for i, line in enumerate(lines) if line.startswith("| Command |"))
    broken = [line for line in lines[first_row:] if not line.startswith("|")]
    assert not broken, f"the CLI reference table is interrupted by: {broken}"


def test_every_command_is_in_the_cli_reference() -> None:
    reference = README[README.index("## Command line") :]
    missing = [c for c in _commands(build_parser()) if f"lumetra-desk {c}" not in reference and c != "gui"]
    assert not missing, f"commands missing from the README's CLI reference: {missing}"

"""The ``lumetra-desk`` command line.

Each area of the core registers its commands from its own module (``register(subparsers)``); this module
only builds the parser, resolves the data folder and turns core errors into one plain line and exit 1.
Usage errors exit 2 (argparse's convention).
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from lumetra_desk.cli import context
from lumetra_desk.core.errors import LumetraError

COMMAND_MODULES = (
    "gui",
    "version",
    "demo",
    "cases",
    "db",
    "rules",
    "intake",
    "import",
    "fetch",
    "letter",
    "due",
    "calendar",
    "audit",
    "report",
    "retention",
)


def build_parser(commands: Sequence[str] = COMMAND_MODULES) -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="lumetra-desk",
        description="Lumetra Desk: privacy-request case manager. Without a command, opens the window.",
    )
    parser.add_argument(
        "--data-dir",
        metavar="DIR",
        help="folder holding the store, settings and logs (default: the platform data folder, or $LUMETRA_DESK_HOME)",
    )
    subparsers = parser.add_subparsers(dest="command", metavar="COMMAND")
    for name in commands:
        module = __import__(f"lumetra_desk.cli.{name}_cmd", fromlist=["register"])
        module.register(subparsers)
    return parser


def opens_window(argv: Sequence[str]) -> bool:
    """True when the arguments ask for the window (no command, or ``gui``) and not for help."""
    words = iter(argv)
    for word in words:
        if word == "--data-dir":
            next(words, None)
        elif not word.startswith("--data-dir="):
            return word == "gui"
    return True


def main(argv: Sequence[str] | None = None) -> int:
    # The window's start does not wait for every command's imports (the store layer, letters, rules...).
    parser = build_parser(("gui",) if opens_window(sys.argv[1:] if argv is None else argv) else COMMAND_MODULES)
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    ctx = context.CliContext(data_dir=args.data_dir)
    try:
        return int(args.handler(args, ctx) or 0)
    except LumetraError as exc:
        print(f"lumetra-desk: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("lumetra-desk: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        return 0
    finally:
        ctx.close()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

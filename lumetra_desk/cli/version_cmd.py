"""``lumetra-desk version``."""

from __future__ import annotations

import argparse
import platform
from typing import Any

from lumetra_desk import __version__
from lumetra_desk.cli.context import CliContext


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("version", help="print the version")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    print(f"lumetra-desk {__version__} (Python {platform.python_version()})")
    return 0

"""``lumetra-desk gui`` (the default): open the window."""

from __future__ import annotations

import argparse
from typing import Any

from lumetra_desk.cli.context import CliContext


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("gui", help="open the Lumetra Desk window (the default)")
    parser.add_argument("--self-test", action="store_true", help=argparse.SUPPRESS)
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.self_test:  # a temporary store of its own: never the officer's data folder
        from lumetra_desk.gui.self_test import run_self_test

        return run_self_test()
    from lumetra_desk.gui.launch import open_window  # Qt is loaded only when the window is wanted

    return open_window(ctx.paths)

"""``lumetra-desk demo --cases N [--seed S]``: fill the store with synthetic cases."""

from __future__ import annotations

import argparse
import sys
import time
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core import demo


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("demo", help="add realistic synthetic cases (deterministic per seed)")
    parser.add_argument("--cases", type=int, default=200, metavar="N", help="how many cases (default 200)")
    parser.add_argument("--seed", type=int, default=1, metavar="S", help="random seed (default 1)")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.cases < 0:
        print("lumetra-desk: --cases must be zero or more", file=sys.stderr)
        return 2
    started = time.perf_counter()
    summary = demo.fill(ctx.store(), args.cases, seed=args.seed)
    elapsed = time.perf_counter() - started
    print(
        f"Added {summary.cases} demo cases with {summary.messages} messages "
        f"for {summary.requesters} requesters in {elapsed:.1f} s."
    )
    return 0

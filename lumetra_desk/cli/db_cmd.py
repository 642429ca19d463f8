"""``lumetra-desk db backup PATH`` and ``lumetra-desk db check``."""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.store.migrate import current_revision


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser("db", help="look after the store")
    commands = parser.add_subparsers(dest="db_command", metavar="ACTION", required=True)
    backup = commands.add_parser("backup", help="online backup to a new file (still encrypted)")
    backup.add_argument("path", type=Path)
    backup.set_defaults(handler=run_backup)
    check = commands.add_parser("check", help="check the store's integrity")
    check.set_defaults(handler=run_check)
    init = commands.add_parser("init", help="create the store (encrypted unless --unencrypted)")
    init.add_argument("--unencrypted", action="store_true", help="create a store WITHOUT encryption (explicit choice)")
    init.set_defaults(handler=run_init)


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    target: Path = args.path
    ctx.store().backup(target)
    print(f"Backed up the store to {target.expanduser().resolve()} (same key as the store).")
    return 0


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    problems = store.check()
    if problems:
        for problem in problems:
            print(f"problem: {problem}")
        return 1
    print(f"The store is healthy (schema {current_revision(store)}, encryption: {store.meta.encryption}).")
    return 0


def run_init(args: argparse.Namespace, ctx: CliContext) -> int:
    existed = ctx.paths.store_file.exists()
    store = ctx.open_store(encrypted=not args.unencrypted)
    if existed:
        print(f"The store in {ctx.paths.data_dir} already exists (encryption: {store.meta.encryption}).")
    else:
        print(f"Created a new store in {ctx.paths.data_dir} (encryption: {store.meta.encryption}).")
    return 0

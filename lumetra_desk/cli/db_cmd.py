"""``lumetra-desk db backup PATH``, ``db restore PATH``, ``db check``, ``db init`` and ``db export-key`` /
``db import-key``.

A backup keeps the store's key. For a store keyed from the keyring, ``export-key`` prints that key (to keep in
a password manager) and ``import-key`` puts it into the keyring of the computer the backup is restored on.
"""

from __future__ import annotations

import argparse
import getpass
import sys
from pathlib import Path
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.store.migrate import current_revision

SHOWN_PROBLEMS = 10  # SQLite's integrity check can name a hundred pages; the first few tell the story


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
    export = commands.add_parser(
        "export-key", help="print the store's keyring key, to restore backups on another computer"
    )
    export.set_defaults(handler=run_export_key)
    imported = commands.add_parser(
        "import-key", help="save an exported key in this computer's keyring (reads it from standard input)"
    )
    imported.add_argument(
        "--backup", type=Path, metavar="PATH", help="the key of this backup (to restore it on this computer)"
    )
    imported.set_defaults(handler=run_import_key)
    restore = commands.add_parser(
        "restore", help="make a backup the store (checked first; the current store is moved aside, not deleted)"
    )
    restore.add_argument("path", type=Path, metavar="PATH", help="a file written by 'db backup' (with PATH.store.json)")
    restore.set_defaults(handler=run_restore)


def run_backup(args: argparse.Namespace, ctx: CliContext) -> int:
    target: Path = args.path
    ctx.store().backup(target)
    print(f"Backed up the store to {target.expanduser().resolve()} (same key as the store).")
    return 0


def run_check(args: argparse.Namespace, ctx: CliContext) -> int:
    store = ctx.store()
    problems = store.check()
    if problems:
        for problem in problems[:SHOWN_PROBLEMS]:
            print(f"problem: {problem}")
        if len(problems) > SHOWN_PROBLEMS:
            print(f"… and {len(problems) - SHOWN_PROBLEMS} more problems.")
        print("The store is damaged: restore the latest backup with 'lumetra-desk db restore BACKUP'.")
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


def run_export_key(args: argparse.Namespace, ctx: CliContext) -> int:
    from lumetra_desk.core.store.db import export_key  # the store itself is never opened for this

    hex_key = export_key(ctx.paths)
    print(
        "Keep this key in a password manager, apart from the backups: with it, anyone holding a backup can read it.",
        file=sys.stderr,
    )
    print(hex_key)
    return 0


def run_import_key(args: argparse.Namespace, ctx: CliContext) -> int:
    """The key comes from standard input (a prompt on a terminal), never from the command line, which other
    users of the computer can see."""
    from lumetra_desk.core.store.db import import_key  # the store cannot be opened until the key is there

    hex_key = getpass.getpass("Store key: ") if sys.stdin.isatty() else sys.stdin.readline()
    import_key(ctx.paths, hex_key, store_file=args.backup.expanduser().resolve() if args.backup else None)
    which = f"the backup {args.backup}" if args.backup else f"the store in {ctx.paths.data_dir}"
    print(f"Saved the key of {which} in this computer's keyring.")
    return 0


def run_restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from lumetra_desk.core.store.restore import restore_backup

    summary = restore_backup(ctx.paths, args.path)
    print(f"Restored {summary.cases} cases from {args.path} (encryption: {summary.encryption}).")
    if summary.previous_store:
        print(f"The store it replaced was moved, not deleted, to {summary.previous_store}.")
    return 0

"""``lumetra-desk intake classify FILE... [--json]``: how intake would understand mail files (needs no store)."""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.errors import InvalidInputError
from lumetra_desk.core.intake.classify import classify
from lumetra_desk.core.intake.parse import parse_mail

MAX_FILE_BYTES = 200 * 1024 * 1024


def register(subparsers: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    intake = subparsers.add_parser("intake", help="inspect mail without importing it")
    intake_sub = intake.add_subparsers(dest="intake_command", metavar="SUBCOMMAND", required=True)
    parser = intake_sub.add_parser(
        "classify", help="show kind, request types, jurisdiction, agent and language of .eml files"
    )
    parser.add_argument("files", nargs="+", metavar="FILE", help="raw mail files (.eml)")
    parser.add_argument("--json", action="store_true", help="one JSON list, one object per file")
    parser.set_defaults(handler=run_classify)


def _read(path: Path) -> bytes:
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInputError(f"{path} is larger than 200 MB; it is not a single mail.")
        return path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"Cannot read {path}: {exc.strerror or exc}.") from exc


def classify_file(path: Path) -> dict[str, Any]:
    mail = parse_mail(_read(path))
    result = classify(mail)
    return {"file": str(path), **result.as_dict(), "problems": list(mail.problems)}


def run_classify(args: argparse.Namespace, ctx: CliContext) -> int:
    results = [classify_file(Path(name)) for name in args.files]
    if args.json:
        print(json.dumps(results, ensure_ascii=False, indent=2))
        return 0
    for item in results:
        types = ", ".join(item["request_types"]) or "-"
        agent = " (authorized agent)" if item["agent"] else ""
        print(
            f"{item['file']}: {item['kind']}; types: {types}; primary: {item['primary'] or '-'}; "
            f"jurisdiction: {item['jurisdiction']}; language: {item['language']}{agent}; "
            f"confidence {item['confidence']:.2f}"
        )
        for note in item["evidence"]:
            print(f"    {note}")
        for problem in item["problems"]:
            print(f"    problem: {problem}")
    return 0

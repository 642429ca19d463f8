"""``lumetra-desk letter ...``: list the letter kinds, issue a letter for a case, optionally send it."""

from __future__ import annotations

import argparse
import getpass
import mimetypes
import os
from datetime import date
from pathlib import Path
from typing import Any

from lumetra_desk.cli.context import CliContext
from lumetra_desk.core.cases.service import clock_events_of, dates_after_extension, find_case, take_extension
from lumetra_desk.core.errors import InvalidInputError, LumetraError
from lumetra_desk.core.letters.data import Correction
from lumetra_desk.core.letters.issue import LetterExtras, issue_letter, send_letter
from lumetra_desk.core.letters.kinds import APPEAL_OUTCOMES, KINDS
from lumetra_desk.core.mail.smtp import OutgoingAttachment
from lumetra_desk.core.settings import load_settings
from lumetra_desk.core.store.db import Store

PASSWORD_ENV = "LUMETRA_DESK_LETTER_PASSWORD"


def register(subparsers: Any) -> None:
    parser = subparsers.add_parser(
        "letter",
        help="issue a response letter for a case (or `letter kinds` to list them)",
        description="Render a letter for a case, keep it with the case as a new version, and optionally send it.",
    )
    parser.add_argument("case", metavar="CASE", help="case key (LD-2026-000123) or number; or `kinds`")
    parser.add_argument("--kind", choices=sorted(KINDS), metavar="KIND", help="the letter kind (see `letter kinds`)")
    parser.add_argument("-o", "--output", type=Path, metavar="FILE", help="also write the PDF to FILE")
    parser.add_argument("--send", action="store_true", help="mail it to the requester through the SMTP settings")
    parser.add_argument(
        "--protect", action="store_true", help=f"password-protect the PDF (password from ${PASSWORD_ENV} or a prompt)"
    )
    parser.add_argument(
        "--reason",
        action="append",
        default=[],
        metavar="TEXT",
        help="a reason (repeatable): for a denial, an appeal decision, unable-to-verify or an extension",
    )
    parser.add_argument("--basis", default="", metavar="TEXT", help="statutory basis of a denial")
    parser.add_argument(
        "--denied-right",
        action="append",
        default=[],
        metavar="TYPE",
        help="a right the denial refuses (repeatable, e.g. delete); the letter says how the others are answered. "
        "Without it, the rights recorded as denied when the case was answered; else the whole request",
    )
    parser.add_argument("--outcome", choices=APPEAL_OUTCOMES, help="appeal decision outcome")
    parser.add_argument("--customer", default="", metavar="NAME", help="Enterprise customer (processor redirect)")
    parser.add_argument("--corrected", action="append", default=[], metavar="FIELD=VALUE", help="a correction made")
    parser.add_argument(
        "--not-corrected", action="append", default=[], metavar="FIELD=VALUE=WHY", help="a correction declined"
    )
    parser.add_argument(
        "--attach",
        action="append",
        default=[],
        type=Path,
        metavar="FILE",
        help="a further file to send, e.g. an export from another system (the specific-pieces letter always "
        "carries the desk's own JSON and CSV export)",
    )
    parser.add_argument(
        "--ag-contact",
        default="",
        metavar="TEXT",
        help="the Attorney General complaint contact counsel confirmed (appeal decision); "
        "else the one saved in the settings (ag_contacts)",
    )
    parser.add_argument("--note", default="", metavar="TEXT", help="a closing paragraph from the officer")
    parser.set_defaults(handler=run)


def run(args: argparse.Namespace, ctx: CliContext) -> int:
    if args.case == "kinds":
        width = max(len(name) for name in KINDS)
        for kind in KINDS.values():
            print(f"{kind.name:<{width}}  {kind.purpose}")
        return 0
    if not args.kind:
        raise InvalidInputError("Name the letter kind with --kind; `lumetra-desk letter kinds` lists them.")
    attachments = tuple(_attachment(path) for path in args.attach)
    extras = _extras(args, attachments)
    settings = load_settings(ctx.paths)
    store = ctx.store()
    issued = issue_letter(
        store,
        args.case,
        args.kind,
        settings,
        extras,
        today=date.today(),
        password=_password() if args.protect else None,
        templates_override_dir=ctx.paths.templates_override_dir,
    )
    print(
        f"Issued {issued.filename} for {issued.case_key} (version {issued.version}, "
        f"{len(issued.rendered.pdf):,} bytes, sha256 {issued.rendered.sha256[:16]}…); kept with the case."
    )
    if args.output:
        try:
            args.output.write_bytes(issued.rendered.pdf)
        except OSError as exc:
            raise InvalidInputError(f"The PDF could not be written to {args.output} ({exc.strerror}).") from exc
        print(f"Written to {args.output}")
    if args.kind == "extension_notice":
        _record_extension(store, issued.case_key, extras.extension_reason)
    if args.send:
        sent = send_letter(store, issued.letter_id, settings)
        print(f"Sent to {', '.join(sent.recipients)} as {sent.message_id}; kept in the case thread.")
    return 0


def _record_extension(store: Store, case_key: str, reason: str) -> None:
    """The notice is the requester's proof; the case service records the extension and moves the deadlines.

    A notice issued again after the extension (to correct its wording) is a new version of the letter; the
    extension it announces is already recorded and stays as it is.
    """
    try:
        with store.write() as session:
            case = find_case(session, case_key)
            taken = [event.on for event in clock_events_of(session, case.id or 0) if event.kind == "extension_taken"]
            if taken:
                print(f"{case_key} was already extended on {taken[0].isoformat()}; its dates stay as they are.")
                return
            take_extension(session, case, date.today(), reason)
            dates = dates_after_extension(session, case)
    except LumetraError as exc:
        raise InvalidInputError(f"The notice was issued, but the extension was not recorded: {exc}") from exc
    print(f"Extension recorded for {case_key}; {dates}.")


def _extras(args: argparse.Namespace, attachments: tuple[OutgoingAttachment, ...]) -> LetterExtras:
    reasons = tuple(args.reason)
    return LetterExtras(
        extension_reason=" ".join(reasons) if args.kind == "extension_notice" else "",
        denial_reasons=reasons if args.kind in ("denial", "unable_to_verify") else (),
        statutory_basis=args.basis,
        appeal_outcome=args.outcome or "",
        appeal_reasons=reasons if args.kind == "appeal_decision" else (),
        corrections=(
            *(_correction(text, done=True) for text in args.corrected),
            *(_correction(text, done=False) for text in args.not_corrected),
        ),
        enterprise_customer=args.customer,
        officer_note=args.note,
        ag_contact=args.ag_contact,
        denied_rights=tuple(args.denied_right),
        attachments=attachments,
    )


def _correction(text: str, *, done: bool) -> Correction:
    parts = text.split("=", 2)
    if len(parts) < 2 or not parts[0].strip() or (not done and len(parts) < 3):
        shape = "FIELD=VALUE" if done else "FIELD=VALUE=WHY"
        raise InvalidInputError(f"The correction {text!r} is not in the form {shape}.")
    note = parts[2].strip() if len(parts) == 3 else ""
    return Correction(parts[0].strip(), parts[1].strip(), done, note)


def _attachment(path: Path) -> OutgoingAttachment:
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInputError(f"The file {path} cannot be read ({exc.strerror}).") from exc
    known = {".json": "application/json", ".csv": "text/csv"}
    media_type = known.get(path.suffix.lower()) or mimetypes.guess_type(path.name)[0] or "application/octet-stream"
    return OutgoingAttachment(path.name, data, media_type)


def _password() -> str:
    password = os.environ.get(PASSWORD_ENV)
    if password:
        return password
    first = getpass.getpass("Password for the letter: ")
    if not first or getpass.getpass("Repeat the password: ") != first:
        raise InvalidInputError("The two passwords were empty or did not match; the letter was not issued.")
    return first

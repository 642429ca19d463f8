"""Mail import speed against its floor, and memory while importing a large mbox.

Budget 1 (issue 4): importing 10,000 messages runs at >= 50% of the floor's throughput. The floor is the
least any importer must do, measured in the same run on the same messages: stdlib parse (``policy.default``,
headers and body read) plus one insert of the raw message per transaction into the same kind of store. Its
messages belong to one case made beforehand, so each is indexed for search as an imported one is (a message
without a case has no full-text row).

Budget 2: memory stays flat while a large mbox is imported. The mbox import runs in a child process, which
samples its resident memory as it goes and reports the peak; the default size is 1 GB.

    .venv/bin/python benchmarks/bench_import.py                  # both, 10,000 messages and a 1 GB mbox
    .venv/bin/python benchmarks/bench_import.py --messages 2000 --mbox-mb 200
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from email import policy
from email.message import EmailMessage
from email.parser import BytesParser
from pathlib import Path

os.environ.setdefault("LUMETRA_DESK_PASSPHRASE", "benchmark-passphrase")

from lumetra_desk.core.cases import service
from lumetra_desk.core.intake.importer import MailImporter, iter_mbox
from lumetra_desk.core.paths import resolve_paths
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Message

REQUESTS = [
    "Please delete my personal information and my account. I live in {place}.",
    "I would like a copy of all the personal data you hold about me under the GDPR. Address: {place}.",
    "I opt out of the sale and sharing of my personal information. {place}.",
    "Please correct my name on the account; it is misspelled. I am a resident of {place}.",
    "Ich bitte um Auskunft gemäß Art. 15 DSGVO über meine gespeicherten Daten. {place}.",
]
PLACES = ["Austin, TX 78701", "Oakland, CA 94608", "Dublin, Ireland", "Berlin, Germany", "Denver, CO 80202"]
FILLER = "Thank you for handling this. " * 40


def build_messages(count: int, seed: int = 7) -> list[bytes]:
    """A plausible privacy mailbox: new requests, replies in their threads, auto-replies and marketing."""
    rng = random.Random(seed)
    start = datetime(2026, 9, 1, 8, 0, tzinfo=UTC)
    messages: list[bytes] = []
    originals: list[tuple[str, str]] = []
    for n in range(count):
        message = EmailMessage()
        when = start + timedelta(minutes=n)
        message["Received"] = f"from mail.example.net by mx1.lumetra.io; {when.strftime('%a, %d %b %Y %H:%M:%S +0000')}"
        message["To"] = "privacy@lumetra.io"
        message["Date"] = when.strftime("%a, %d %b %Y %H:%M:%S +0000")
        message["Message-ID"] = f"<bench-{n}@example.net>"
        roll = rng.random()
        if roll < 0.6 or not originals:
            sender = f"person{n}@example.net"
            message["From"] = f"Person {n} <{sender}>"
            message["Subject"] = "Privacy request"
            message.set_content(rng.choice(REQUESTS).format(place=rng.choice(PLACES)) + "\n\n" + FILLER)
            originals.append((sender, f"<bench-{n}@example.net>"))
        elif roll < 0.85:
            sender, parent = rng.choice(originals)
            message["From"] = sender
            message["Subject"] = "Re: Privacy request"
            message["In-Reply-To"] = parent
            message["References"] = parent
            message.set_content("Here is the account ID you asked for: LM-" + str(n) + "\n\n" + FILLER)
        elif roll < 0.95:
            message["From"] = f"news{n}@marketing.example.com"
            message["Subject"] = "Register now: privacy webinar"
            message["List-Unsubscribe"] = "<mailto:unsub@marketing.example.com>"
            message.set_content("Join our webinar on GDPR requests. Limited time. Unsubscribe here.\n" + FILLER)
        else:
            sender, parent = rng.choice(originals)
            message["From"] = sender
            message["Subject"] = "Automatic reply: Privacy request"
            message["Auto-Submitted"] = "auto-replied"
            message["In-Reply-To"] = parent
            message.set_content("I am out of the office until next week.")
        messages.append(message.as_bytes())
    return messages


def open_store(folder: Path) -> Store:
    return Store.open(resolve_paths(folder), create=True)


def floor_run(messages: list[bytes], folder: Path) -> float:
    """Stdlib parse plus one insert of the raw message per transaction: the least an importer can do."""
    store = open_store(folder)
    with store.write() as session:
        requester = service.find_or_create_requester(session, "floor@example.org", "Floor")
        case = service.open_case(session, requester=requester, request_types=["access"], received_at=datetime.now(UTC))
        case_id = case.id
    parser = BytesParser(policy=policy.default)
    started = time.perf_counter()
    for raw in messages:
        parsed = parser.parsebytes(raw)
        body = parsed.get_body(preferencelist=("plain", "html"))
        text = body.get_content() if body is not None else ""
        with store.write() as session:
            session.add(
                Message(
                    case_id=case_id,
                    content_sha256=hashlib.sha256(raw).hexdigest(),
                    raw=raw,
                    subject=str(parsed["Subject"] or ""),
                    from_addr=str(parsed["From"] or ""),
                    message_id_header=str(parsed["Message-ID"] or ""),
                    received_at=datetime.now(UTC),
                    body_text=text,
                )
            )
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed


def importer_run(messages: list[bytes], folder: Path) -> tuple[float, dict[str, int]]:
    store = open_store(folder)
    importer = MailImporter(store)
    outcomes: dict[str, int] = {}
    started = time.perf_counter()
    for number, raw in enumerate(messages):
        outcome = importer.import_message(raw, source=f"bench#{number}").outcome
        outcomes[outcome] = outcomes.get(outcome, 0) + 1
    elapsed = time.perf_counter() - started
    store.close()
    return elapsed, outcomes


def throughput_budget(count: int, work: Path) -> None:
    messages = build_messages(count)
    load_before = os.getloadavg()[0]
    floor_seconds = floor_run(messages, work / "floor")
    import_seconds, outcomes = importer_run(messages, work / "import")
    floor_rate, import_rate = count / floor_seconds, count / import_seconds
    ratio = import_rate / floor_rate
    print(f"messages: {count} ({sum(map(len, messages)) / 1e6:.1f} MB), outcomes: {outcomes}")
    print(f"floor (stdlib parse + one insert each): {floor_seconds:.1f} s = {floor_rate:.0f} msg/s")
    print(f"importer (parse, classify, thread, cases, audit): {import_seconds:.1f} s = {import_rate:.0f} msg/s")
    print(f"importer / floor throughput: {ratio:.0%} (budget >= 50%: {'PASS' if ratio >= 0.5 else 'FAIL'})")
    print(f"load average (1 min) before/after: {load_before:.1f}/{os.getloadavg()[0]:.1f} on {os.cpu_count()} CPUs")


def write_mbox(path: Path, megabytes: int) -> int:
    """An mbox of about ``megabytes`` MB: requests carrying a ~200 KB PDF-like attachment each."""
    attachment = b"%PDF-1.4\n" + os.urandom(150_000)
    written, count = 0, 0
    with path.open("wb") as handle:
        while written < megabytes * 1_000_000:
            message = EmailMessage()
            message["From"] = f"person{count}@example.net"
            message["To"] = "privacy@lumetra.io"
            message["Subject"] = "Request with ID document"
            message["Date"] = "Tue, 01 Sep 2026 10:00:00 +0000"
            message["Message-ID"] = f"<mbox-{count}@example.net>"
            message.set_content("Please delete my personal data. My ID is attached. Austin, TX 78701.")
            message.add_attachment(attachment, maintype="application", subtype="pdf", filename=f"id-{count}.pdf")
            data = b"From person@example.net Tue Sep  1 10:00:00 2026\n" + message.as_bytes() + b"\n"
            handle.write(data)
            written += len(data)
            count += 1
    return count


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


def memory_child(mbox: Path, folder: Path) -> None:
    """Runs in its own process so the peak RSS is the import's alone; prints one JSON line."""
    store = open_store(folder)
    importer = MailImporter(store)
    baseline = rss_mb()
    samples: list[float] = []
    started = time.perf_counter()
    count = 0
    with mbox.open("rb") as handle:
        for count, raw in enumerate(iter_mbox(handle), start=1):
            importer.import_message(raw, source=f"{mbox}#{count}")
            if count % 250 == 0:
                samples.append(rss_mb())
    elapsed = time.perf_counter() - started
    store.close()
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"messages": count, "seconds": elapsed, "baseline_mb": baseline, "samples_mb": samples,
                      "peak_mb": peak}))  # fmt: skip


def memory_budget(megabytes: int, work: Path) -> None:
    mbox = work / "big.mbox"
    count = write_mbox(mbox, megabytes)
    size = mbox.stat().st_size
    child = subprocess.run(
        [sys.executable, __file__, "--memory-child", str(mbox), str(work / "mbox-store")],
        capture_output=True, text=True, check=True,
    )  # fmt: skip
    result = json.loads(child.stdout.strip().splitlines()[-1])
    samples = result["samples_mb"] or [result["peak_mb"]]
    first, last = samples[0], samples[-1]
    print(f"mbox: {size / 1e6:.0f} MB, {count} messages of ~{size / count / 1e3:.0f} KB")
    print(f"import: {result['seconds']:.0f} s = {size / 1e6 / result['seconds']:.1f} MB/s")
    print(f"RSS after store open {result['baseline_mb']:.0f} MB; at 250 msgs {first:.0f} MB; at the end {last:.0f} MB;"
          f" peak {result['peak_mb']:.0f} MB")  # fmt: skip
    print(f"growth first->last sample: {last - first:+.0f} MB over {size / 1e6:.0f} MB of mail (flat = PASS if < 50 MB:"
          f" {'PASS' if last - first < 50 else 'FAIL'})")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--messages", type=int, default=10_000)
    parser.add_argument("--mbox-mb", type=int, default=1000)
    parser.add_argument("--skip-throughput", action="store_true")
    parser.add_argument("--skip-memory", action="store_true")
    parser.add_argument("--memory-child", nargs=2, metavar=("MBOX", "STORE_DIR"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.memory_child:
        memory_child(Path(args.memory_child[0]), Path(args.memory_child[1]))
        return
    work = Path(tempfile.mkdtemp(prefix="bench-import-"))
    try:
        if not args.skip_throughput:
            throughput_budget(args.messages, work)
        if not args.skip_memory:
            memory_budget(args.mbox_mb, work)
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()

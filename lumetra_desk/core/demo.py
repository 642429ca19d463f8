"""Deterministic synthetic cases for trying the app and for every benchmark.

Same ``seed`` and ``today``, same store contents. Requesters carry names in many scripts, cases cover every
jurisdiction and request type, threads hold a request and often our acknowledgement and a follow-up, and
received dates are spread so that deadlines fall on both sides of today. Deadlines come from the statute
engine like any real case; rows go in with bulk inserts and the full-text index is rebuilt once at the end.
"""

from __future__ import annotations

import hashlib
import random
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from typing import Any

from sqlmodel import Session, SQLModel, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases.service import compute_case_deadlines, format_case_key, governing_deadline
from lumetra_desk.core.store import bulk
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import (
    AuditEvent,
    Case,
    CaseCounter,
    CaseRequestType,
    ClockEvent,
    Deadline,
    Message,
    Requester,
    utcnow,
)

# (given names, family names, mail domain) per script or language.
NAME_POOLS: tuple[tuple[tuple[str, ...], tuple[str, ...], str], ...] = (
    (
        ("Zoë", "Chloé", "José", "Renée", "Noël", "Inés"),
        ("Ibáñez", "Müller", "Lefèvre", "Gonçalves", "Núñez"),
        "example.org",
    ),
    (("Łukasz", "Agnieszka", "Michał", "Zofia"), ("Wiśniewski", "Dąbrowska", "Kowalczyk", "Łapińska"), "example.pl"),
    (("Διονύσης", "Ελένη", "Γιώργος", "Αθηνά"), ("Παπαδόπουλος", "Νικολάου", "Γεωργίου"), "example.gr"),
    (("Дмитрий", "Анна", "Сергей", "Ольга"), ("Иванов", "Смирнова", "Кузнецов", "Попова"), "example.net"),
    (("芳", "伟", "娜", "强"), ("王", "李", "张", "刘"), "example.cn"),
    (("Jürgen", "Bärbel", "Søren", "Åsa", "Björn"), ("Weiß", "Köhler", "Ångström", "Østergaard"), "example.de"),
    (("أحمد", "فاطمة", "ليلى"), ("الحسيني", "منصور", "حداد"), "example.com"),
    (("Nguyễn", "Trần", "Phạm"), ("Thị Hương", "Văn Minh", "Đức Anh"), "example.vn"),
    (
        ("Keisha", "Aoife", "Liam", "Maya", "Carmen", "Darnell"),
        ("Montgomery", "Brennan", "O'Connor", "Sandoval"),
        "example.com",
    ),
    (("अनन्या", "राहुल"), ("शर्मा", "पटेल"), "example.in"),
)

REQUEST_PHRASES: dict[str, str] = {
    "access": "Please give me a copy of the personal information you hold about me.",
    "access_categories": "Please tell me the categories of personal information you have collected about me.",
    "delete": "Please delete my personal information and my Engram account data.",
    "correct": "The billing address on my account is wrong; please correct it.",
    "portability": "Please send my data in a portable, machine-readable format.",
    "opt_out_sale_share": "Do not sell or share my personal information.",
    "opt_out_targeted_ads": "I opt out of targeted advertising.",
    "opt_out_profiling": "I opt out of profiling in furtherance of decisions that affect me.",
    "limit_sensitive": "Limit the use of my sensitive personal information.",
    "withdraw_consent": "I withdraw my consent to the processing of my data.",
    "object": "I object to the processing of my personal data under Art. 21.",
    "restrict": "Please restrict the processing of my data while accuracy is checked.",
    "appeal": "I appeal your decision on my earlier request.",
}
LAW_WORDS: dict[str, str] = {"EU": "GDPR", "UK": "UK GDPR", "US-CA": "CCPA"}
STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("new", 18),
    ("acknowledged", 14),
    ("verifying", 14),
    ("awaiting_requester", 8),
    ("in_progress", 16),
    ("extended", 5),
    ("responded", 10),
    ("closed", 15),
)
TIERS: tuple[tuple[str, int], ...] = (("free", 60), ("paid", 30), ("enterprise", 10))
BATCH = 2000


@dataclass(frozen=True)
class DemoSummary:
    cases: int
    messages: int
    requesters: int


def fill(
    store: Store,
    cases: int,
    seed: int = 1,
    today: date | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> DemoSummary:
    """Add ``cases`` synthetic cases to the store in one transaction (all or nothing)."""
    if cases <= 0:
        return DemoSummary(0, 0, 0)
    message_count = 0
    with store.write() as session, bulk.fts_deferred(session), ThreadPoolExecutor(max_workers=1) as producer:
        builder = _Builder(session, random.Random(seed), today or date.today())
        # The next batch is generated on a worker thread while SQLite stores this one (it releases the GIL),
        # one batch at a time and in order, so the result stays deterministic.
        starts = list(range(0, cases, BATCH))
        pending = producer.submit(builder.batch, starts[0], min(cases, starts[0] + BATCH))
        for position in range(len(starts)):
            prepared, messages = pending.result()
            if position + 1 < len(starts):
                start = starts[position + 1]
                pending = producer.submit(builder.batch, start, min(cases, start + BATCH))
            for table_rows in prepared:
                bulk.insert_prepared(session, table_rows)
            message_count += messages
            if progress:
                progress(min(cases, starts[position] + BATCH), cases)
        builder.key_numbers.save()
        if builder.audit_prev:
            audit.remember_head(session, builder.audit_prev)
    return DemoSummary(cases=cases, messages=message_count, requesters=cases)


TABLE_ORDER: tuple[type[SQLModel], ...] = (Requester, Case, CaseRequestType, ClockEvent, Message, Deadline, AuditEvent)


class _Builder:
    """Makes the rows of one synthetic case at a time, with ids and audit hashes that follow the store's own."""

    def __init__(self, session: Session, rng: random.Random, today: date) -> None:
        self.rng = rng
        self.today = today
        self.now = utcnow()
        self.ids = _IdAllocator(session)
        self.key_numbers = _KeyNumbers(session)
        self.jurisdictions = [*rules.load_rulebook().jurisdictions(), rules.UNKNOWN_JURISDICTION]
        self.request_types = sorted(REQUEST_PHRASES.keys() - {"appeal"})
        self.audit_prev = audit.chain_head(session)

    def batch(self, start: int, stop: int) -> tuple[list[bulk.PreparedRows | None], int]:
        """Cases ``start``..``stop`` as rows ready to insert, table by table, and how many messages they hold."""
        rows: dict[type[SQLModel], list[dict[str, Any]]] = {table: [] for table in TABLE_ORDER}
        for index in range(start, stop):
            self.add_case(index, rows)
        return [bulk.prepare_rows(table, rows[table]) for table in TABLE_ORDER], len(rows[Message])

    def add_case(self, index: int, rows: dict[type[SQLModel], list[dict[str, Any]]]) -> None:
        rng = self.rng
        tier = rng.choices([t for t, _ in TIERS], [w for _, w in TIERS])[0]
        requester_id = self.ids.next("requester")
        given, family, domain = _person(rng)
        name = f"{given} {family}"
        email = f"{_ascii_handle(given, family, requester_id)}@{domain}"
        rows[Requester].append(
            {
                "id": requester_id,
                "email": email,
                "name": name,
                "tier": tier,
                "account_ref": f"ENG-{requester_id:07d}",
                "postal_address": "",
                "created_at": self.now,
            }
        )
        # Cycling the first jurisdiction and request type guarantees every one appears in a small demo.
        jurisdiction = self.jurisdictions[index % len(self.jurisdictions)]
        first_type = self.request_types[index % len(self.request_types)]
        others = rng.sample([t for t in self.request_types if t != first_type], k=rng.choice((0, 0, 0, 1, 2)))
        types = (first_type, *others)
        received_day = self.today - timedelta(days=rng.randint(0, 120))
        received_at = datetime.combine(received_day, time(rng.randint(0, 23), rng.randint(0, 59)), UTC)
        status = rng.choices([s for s, _ in STATUS_WEIGHTS], [w for _, w in STATUS_WEIGHTS])[0]
        pairs = _deadlines(jurisdiction, types, received_day)
        events: tuple[rules.ClockEvent, ...] = ()
        if status == "extended":
            # An extended case carries its extension, taken well inside the window; where the law allows none
            # (e.g. CCPA opt-outs) the case is simply being worked.
            notice_by = [d.due for _, d in pairs if d.event == "extension_notice_by"]
            taken_on = min(received_day + timedelta(days=5), self.today)
            if notice_by and taken_on <= min(notice_by):
                events = (rules.ClockEvent(kind="extension_taken", on=taken_on),)
            else:
                status = "in_progress"
        governing = governing_deadline(pairs, events, status)
        case_id = self.ids.next("case")
        for clock_event in events:
            rows[ClockEvent].append(
                {
                    "case_id": case_id,
                    "kind": clock_event.kind,
                    "occurred_on": clock_event.on,
                    "reason": "complex request (demo)",
                    "recorded_by": "demo",
                    "recorded_at": self.now,
                }
            )
        key = format_case_key(received_day.year, self.key_numbers.next(received_day.year))
        subject = f"{LAW_WORDS.get(jurisdiction, 'Privacy')} request: {first_type.replace('_', ' ')}"
        rows[Case].append(
            {
                "id": case_id,
                "key": key,
                "requester_id": requester_id,
                "status": status,
                "jurisdiction": jurisdiction,
                "jurisdiction_assumed": jurisdiction == rules.UNKNOWN_JURISDICTION,
                "tier": tier,
                "channel": "email",
                "capacity": "consumer",
                "language": "en",
                "subject": subject,
                "received_at": received_at,
                "due_date": governing.due if governing else None,
                "due_event": governing.event if governing else "",
                "agent_name": "",
                "agent_email": "",
                "outcome": "complied" if status in ("responded", "closed") else "",
                "outcome_reason": "",
                "parent_case_id": None,
                "merged_into_id": None,
                "responded_at": _answered_at(index, received_at, self.now)
                if status in ("responded", "closed")
                else None,
                "closed_at": self.now if status == "closed" else None,
                "created_at": self.now,
                "updated_at": self.now,
            }
        )
        rows[CaseRequestType].extend(
            {"case_id": case_id, "request_type": t, "is_primary": i == 0, "outcome": "", "outcome_reason": ""}
            for i, t in enumerate(types)
        )
        rows[Deadline].extend(
            {
                "case_id": case_id,
                "request_type": t,
                "event": d.event,
                "due": d.due,
                "basis": d.basis,
                "confirmed": d.confirmed,
                "assumed": d.assumed,
                "note": d.note,
                "computed_at": self.now,
                "superseded_at": None,
            }
            for t, d in pairs
        )
        thread = rows[Message]
        body = "\n\n".join(REQUEST_PHRASES[t] for t in types)
        thread.append(self._message(case_id, "in", email, name, subject, body, received_at, key))
        if status != "new" and rng.random() < 0.6:
            ack = f"Dear {name},\n\nWe received your request {key} and will verify your identity."
            thread.append(
                self._message(
                    case_id,
                    "out",
                    "privacy@lumetra.io",
                    "Lumetra Privacy",
                    f"[{key}] {subject}",
                    ack,
                    received_at + timedelta(days=rng.randint(1, 5)),
                    key,
                )
            )
        if rng.random() < 0.3:
            follow_up = f"Following up on {key}: my account number is ENG-{requester_id:07d}."
            thread.append(
                self._message(
                    case_id,
                    "in",
                    email,
                    name,
                    f"Re: [{key}] {subject}",
                    follow_up,
                    received_at + timedelta(days=rng.randint(2, 20)),
                    key,
                )
            )
        event: dict[str, Any] = {
            "case_id": case_id,
            "at": self.now,
            "actor": "demo",
            "action": "case.opened",
            "entity": "case",
            "entity_id": case_id,
            "before": audit.encode(None),
            "after": audit.encode(
                {
                    "key": key,
                    "requester": email,
                    "jurisdiction": jurisdiction,
                    "request_types": list(types),
                    "received_at": received_at,
                }
            ),
        }
        self.audit_prev = audit.seal_row(event, self.audit_prev)
        rows[AuditEvent].append(event)

    def _message(
        self, case_id: int, direction: str, address: str, name: str, subject: str, body: str, at: datetime, key: str
    ) -> dict[str, Any]:
        message_id = self.ids.next("message")
        host = "lumetra.io" if direction == "out" else "example.org"
        header_id = f"<demo.{message_id}.{key.lower()}@{host}>"
        to = "privacy@lumetra.io" if direction == "in" else address
        raw = (
            f"From: {name} <{address}>\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Date: {at.strftime('%a, %d %b %Y %H:%M:%S +0000')}\r\nMessage-ID: {header_id}\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            f"{body}\r\n"
        ).encode()
        return {
            "id": message_id,
            "case_id": case_id,
            "direction": direction,
            "message_id_header": header_id,
            "content_sha256": hashlib.sha256(raw).hexdigest(),
            "raw": raw,
            "source": "demo",
            "subject": subject,
            "from_name": name,
            "from_addr": address,
            "to_addrs": to,
            "date_header": at,
            "received_at": at,
            "in_reply_to": "",
            "references": "",
            "body_text": body,
            "kind": "request" if direction == "in" else "outgoing",
            "classification": "{}",
            "override": "{}",
            "review_state": "attached",
            "parse_problems": "",
            "created_at": at,
        }


class _IdAllocator:
    """Hands out primary keys above what the store already holds, so bulk rows can refer to each other."""

    def __init__(self, session: Session) -> None:
        self._next = {
            "requester": bulk.max_id(session, Requester),
            "case": bulk.max_id(session, Case),
            "message": bulk.max_id(session, Message),
        }

    def next(self, table: str) -> int:
        self._next[table] += 1
        return self._next[table]


class _KeyNumbers:
    """Case-key counters per year, read once up front and written back once (``next`` never touches the store,
    so batches can be built on a worker thread)."""

    def __init__(self, session: Session) -> None:
        self._session = session
        self._last: dict[int, int] = {c.year: c.last_number for c in session.exec(select(CaseCounter)).all()}

    def next(self, year: int) -> int:
        self._last[year] = self._last.get(year, 0) + 1
        return self._last[year]

    def save(self) -> None:
        for year, number in self._last.items():
            counter = self._session.get(CaseCounter, year) or CaseCounter(year=year)
            counter.last_number = number
            self._session.add(counter)
        self._session.flush()


def _person(rng: random.Random) -> tuple[str, str, str]:
    given_names, family_names, domain = rng.choice(NAME_POOLS)
    return rng.choice(given_names), rng.choice(family_names), domain


def _ascii_handle(given: str, family: str, number: int) -> str:
    digest = hashlib.blake2s(f"{given}{family}".encode(), digest_size=3).hexdigest()
    return f"requester{number}.{digest}"


@lru_cache(maxsize=65536)
def _answered_at(index: int, received_at: datetime, now: datetime) -> datetime:
    """A response 3 to 44 days after receipt, never after now; drawn without the generator so the seeds' cases stay
    the same."""
    return min(received_at + timedelta(days=3 + index % 42), now)


def _deadlines(jurisdiction: str, types: tuple[str, ...], received: date) -> tuple[tuple[str, rules.Deadline], ...]:
    return tuple(compute_case_deadlines(jurisdiction, types, received, ()))

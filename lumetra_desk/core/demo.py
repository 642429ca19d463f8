"""Deterministic synthetic cases for trying the app and for every benchmark.

Same ``seed`` and ``today``, same store contents. Requesters carry names in many scripts, each written in its
own order (王芳, 山田太郎, 김민준; Zofia Wiśniewska); every jurisdiction appears, each case asks only for rights
its law grants, and together the cases exercise every right, appeals included. Each case carries the moves
that brought it to its status, as the case service would have recorded them: the audit events, the clock event
of an extension, and the thread (the request, our acknowledgement, our question, the extension notice,
sometimes a follow-up). Nothing is dated after the demo's now. Receipt dates follow the status: answered and
closed cases are older, new ones from the last days, and the deadlines of the cases being worked fall where a
diligent officer's do: a few overdue, a handful due today, a fair number this week. Deadlines come from the
statute engine like any real case; rows go in with bulk inserts and the full-text index is rebuilt once.
"""

from __future__ import annotations

import hashlib
import random
from bisect import bisect
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from datetime import UTC, date, datetime, time, timedelta
from functools import lru_cache
from itertools import accumulate
from typing import Any, Literal

from sqlmodel import Session, SQLModel, select

from lumetra_desk.core import audit, rules
from lumetra_desk.core.cases import verification
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
    VerificationStep,
    utcnow,
)

NameOrder = Literal["given_family", "family_given", "family_given_joined"]


@dataclass(frozen=True)
class NamePool:
    """The names of one script or language: given names of women and men, family names as the forms a man
    and a woman carry (Wiśniewski, Wiśniewska), and the order they are written in (Chinese, Japanese and
    Korean put the family name first with no space, Vietnamese first with one)."""

    women: tuple[str, ...]
    men: tuple[str, ...]
    families: tuple[tuple[str, str], ...]
    domain: str
    order: NameOrder = "given_family"

    def full_name(self, given: str, family: str) -> str:
        if self.order == "family_given_joined":
            return f"{family}{given}"
        if self.order == "family_given":
            return f"{family} {given}"
        return f"{given} {family}"


def _same(*families: str) -> tuple[tuple[str, str], ...]:
    """Family names a man and a woman carry alike."""
    return tuple((family, family) for family in families)


NAME_POOLS: tuple[NamePool, ...] = (
    NamePool(
        ("Zoë", "Chloé", "Renée", "Inés"),
        ("José", "Noël", "Andrés"),
        _same("Ibáñez", "Lefèvre", "Gonçalves", "Núñez"),
        "example.org",
    ),
    NamePool(
        ("Agnieszka", "Zofia"),
        ("Łukasz", "Michał"),
        (("Wiśniewski", "Wiśniewska"), ("Dąbrowski", "Dąbrowska"), ("Łapiński", "Łapińska"), *_same("Kowalczyk")),
        "example.pl",
    ),
    NamePool(
        ("Ελένη", "Αθηνά"),
        ("Διονύσης", "Γιώργος"),
        (("Παπαδόπουλος", "Παπαδοπούλου"), *_same("Νικολάου", "Γεωργίου")),
        "example.gr",
    ),
    NamePool(
        ("Анна", "Ольга"),
        ("Дмитрий", "Сергей"),
        (("Иванов", "Иванова"), ("Смирнов", "Смирнова"), ("Кузнецов", "Кузнецова"), ("Попов", "Попова")),
        "example.net",
    ),
    NamePool(
        ("芳", "娜", "秀英"), ("伟", "强", "建国"), _same("王", "李", "张", "刘"), "example.cn", "family_given_joined"
    ),
    NamePool(
        ("花子", "美咲", "陽菜"),
        ("太郎", "翔太", "健一"),
        _same("山田", "佐藤", "鈴木", "高橋"),
        "example.jp",
        "family_given_joined",
    ),
    NamePool(
        ("서연", "지우", "민서"),
        ("민준", "서준", "도윤"),
        _same("김", "이", "박", "최"),
        "example.kr",
        "family_given_joined",
    ),
    NamePool(
        ("Bärbel", "Åsa", "Ingrid"),
        ("Jürgen", "Søren", "Björn"),
        _same("Weiß", "Köhler", "Müller", "Ångström", "Østergaard"),
        "example.de",
    ),
    NamePool(("فاطمة", "ليلى"), ("أحمد", "يوسف"), _same("الحسيني", "منصور", "حداد"), "example.com"),
    NamePool(
        ("Thị Hương", "Ngọc Lan"),
        ("Văn Minh", "Đức Anh"),
        _same("Nguyễn", "Trần", "Phạm"),
        "example.vn",
        "family_given",
    ),
    NamePool(
        ("Keisha", "Aoife", "Maya", "Carmen"),
        ("Liam", "Darnell", "Mateo"),
        _same("Montgomery", "Brennan", "O'Connor", "Sandoval"),
        "example.com",
    ),
    NamePool(("अनन्या", "प्रिया"), ("राहुल", "अमित"), _same("शर्मा", "पटेल"), "example.in"),
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
# How often each right is asked for once every jurisdiction and right has appeared (the demo's own mix, not a
# rule): deletion and access lead, as in most privacy offices.
REQUEST_WEIGHTS: dict[str, int] = {
    "delete": 30,
    "access": 22,
    "opt_out_sale_share": 14,
    "opt_out_targeted_ads": 8,
    "access_categories": 6,
    "correct": 6,
    "portability": 4,
    "opt_out_profiling": 3,
    "withdraw_consent": 3,
    "limit_sensitive": 2,
    "object": 2,
    "restrict": 1,
}
# Where requesters live once every jurisdiction has appeared; a state not named here weighs 2.
JURISDICTION_WEIGHTS: dict[str, int] = {"EU": 22, "US-CA": 20, "UK": 10, rules.UNKNOWN_JURISDICTION: 3}
LAW_WORDS: dict[str, str] = {"EU": "GDPR", "UK": "UK GDPR", "US-CA": "CCPA"}
EXTENSION_REASON = "complex request (demo)"
STATUS_WEIGHTS: tuple[tuple[str, int], ...] = (
    ("new", 10),
    ("acknowledged", 11),
    ("verifying", 14),
    ("awaiting_requester", 8),
    ("in_progress", 19),
    ("extended", 6),
    ("responded", 11),
    ("closed", 21),
)
STATUS_NAMES = [status for status, _ in STATUS_WEIGHTS]
STATUS_CUM_WEIGHTS = list(accumulate(weight for _, weight in STATUS_WEIGHTS))
ANSWERED = frozenset({"responded", "closed"})
NO_OUTCOME = ("", "")
TIERS: tuple[tuple[str, int], ...] = (("free", 60), ("paid", 30), ("enterprise", 10))
TIER_NAMES = [tier for tier, _ in TIERS]
TIER_WEIGHTS = list(accumulate(weight for _, weight in TIERS))
BATCH = 2000
# Where the governing deadline of a case being worked falls, counted from today: a diligent officer has a
# few cases overdue, a handful due today and a fair number due this week (the demo's choice).
OVERDUE_SHARE = 0.07
DUE_TODAY_SHARE = 0.02
DUE_WEEK_SHARE = 0.2
OVERDUE_DAYS = (1, 1, 1, 2, 2, 3, 4, 6, 9)
RESPONDED_AGO_DAYS = 14  # a case answered in the last two weeks is not closed yet
CLOSED_AGO_DAYS = 170  # closed cases go back about half a year
# The moves that brought a demo case to its status, each allowed by the state machine (cases.workflow), with
# the reason the audit trail records. A wait on the requester is for "other" information: the demo records no
# ID or clarification request, so no clock stops. A case becomes appealed when its appeal arrives
# (service.open_appeal), after an answer the requester contests.
HISTORY: dict[str, tuple[str, ...]] = {
    "new": (),
    "acknowledged": ("acknowledged",),
    "verifying": ("acknowledged", "verifying"),
    "awaiting_requester": ("acknowledged", "awaiting_requester"),
    "in_progress": ("acknowledged", "in_progress"),
    "extended": ("acknowledged", "in_progress", "extended"),
    "responded": ("acknowledged", "in_progress", "responded"),
    "closed": ("acknowledged", "in_progress", "responded", "closed"),
    "appealed": ("acknowledged", "verifying", "responded", "appealed"),
}
MOVE_EVERY = timedelta(days=3)  # the longest time between two moves of a demo case before its answer
MOVE_REASONS: dict[str, str] = {
    "acknowledged": "receipt confirmed (demo)",
    "verifying": "identity check started (demo)",
    "awaiting_requester": "asked which account the request is about (demo)",
    "in_progress": "request being worked on (demo)",
    "closed": "nothing more to do (demo)",
}
# The moves made through ``workflow.transition``, whose status change also says what the requester is waited on
# for; an extension, an answer, a closing and an appeal record their status change through their own step.
PLAIN_MOVES = frozenset({"acknowledged", "verifying", "awaiting_requester", "in_progress"})
ANSWER_REASONS: dict[str, str] = {
    "complied": "answered in full (demo)",
    "we_do_not_sell": "answered: the account's data is never sold or shared (demo)",
    "unable_to_verify": "the requester's identity could not be verified (demo)",
}
# Every APPEAL_EVERY cases, once every jurisdiction and right has appeared, a requester whose identity could not
# be verified appeals that answer (where the law gives an appeal): the answered case and its appeal, linked.
APPEAL_EVERY = 50
APPEAL_AGO_DAYS = 30  # appeals arrived within the last month
OFFICE = ("privacy@lumetra.io", "Lumetra Privacy")
NOTHING = audit.encode(None)  # the 'before' of an event that creates something
ACKNOWLEDGED_BY_MAIL = 0.6  # how often receipt is confirmed by e-mail in the thread (else by letter or phone)
FOLLOW_UP_SHARE = 0.3  # how often the requester writes again before the answer


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
    """Add ``cases`` synthetic cases to the store in one transaction (all or nothing).

    ``today`` is the demo's day (default: today, in UTC, as receipts are dated); nothing is dated after the
    same time of day on it."""
    if cases <= 0:
        return DemoSummary(0, 0, 0)
    message_count = 0
    with store.write() as session, bulk.fts_deferred(session):
        builder = _Builder(session, random.Random(seed), _demo_now(today))
        # Batches are built and stored in turn. Building the next one on a worker thread while SQLite stored
        # this one was slower: each row executemany binds needs the GIL back from the builder (at 20k cases the
        # inserts took 3.1 s in turn and 8.2 s beside the builder; a 100k demo is about 8% faster in turn).
        for start in range(0, cases, BATCH):
            prepared, messages = builder.batch(start, min(cases, start + BATCH))
            for table_rows in prepared:
                bulk.insert_prepared(session, table_rows)
            message_count += messages
            if progress:
                progress(min(cases, start + BATCH), cases)
        builder.key_numbers.save()
        if builder.audit_prev:
            audit.remember_head(session, builder.audit_prev)
    for kept in (_engine, _right_deadlines, _response_days, _answer, _verification_plan, _planned):
        kept.cache_clear()  # the next demo may be for another day or rulebook; and a window keeps running
    return DemoSummary(cases=cases, messages=message_count, requesters=builder.requesters)


def _demo_now(today: date | None) -> datetime:
    """The demo's clock: now, or the time of day it is now on the given day."""
    now = utcnow()
    return now if today is None else datetime.combine(today, now.timetz())


TABLE_ORDER: tuple[type[SQLModel], ...] = (
    Requester,
    Case,
    CaseRequestType,
    VerificationStep,
    ClockEvent,
    Message,
    Deadline,
    AuditEvent,
)
Rows = dict[type[SQLModel], list[dict[str, Any]]]


@dataclass(slots=True)  # made for every case: a plain slotted class is the quickest to build
class _Dated:
    """When a case was received and what the statute engine gives it from that day."""

    received_day: date
    pairs: tuple[tuple[str, rules.Deadline], ...]
    governing: rules.Deadline | None  # the deadline that governs now (the extended one once extended)
    initial_due: date | None  # the governing deadline before any extension: the one the case opened with
    extended_on: date | None = None
    answer_days: int | None = None  # an answered case: how many days after receipt the answer went out


@dataclass(slots=True)
class _Person:
    requester_id: int
    name: str
    email: str
    tier: str


@dataclass(slots=True)
class _Timeline:
    """The moments of a case's life, none after now, each after the one before."""

    received_at: datetime
    moves: tuple[tuple[str, datetime], ...]  # (status reached, when), in order
    reached: dict[str, datetime] = field(init=False)  # when each status was reached

    def __post_init__(self) -> None:
        self.reached = dict(self.moves)

    def at(self, status: str) -> datetime | None:
        return self.reached.get(status)

    @property
    def last(self) -> datetime:
        return self.moves[-1][1] if self.moves else self.received_at


@dataclass(slots=True)
class _Plan:
    """One case as it will be written."""

    case_id: int
    key: str
    person: _Person
    jurisdiction: str
    types: tuple[str, ...]
    status: str
    dated: _Dated
    timeline: _Timeline
    outcomes: dict[str, tuple[str, str]] = field(default_factory=dict)  # once answered: (outcome, reason code)
    parent: tuple[int, str] | None = None  # an appeal: the id and key of the case it contests
    appeal_key: str = ""  # an appealed case: the key of its appeal


class _Builder:
    """Makes the rows of one synthetic case at a time, with ids and audit hashes that follow the store's own."""

    def __init__(self, session: Session, rng: random.Random, now: datetime) -> None:
        self.rng = rng
        self.now = now
        self.today = now.date()
        self.ids = _IdAllocator(session)
        self.key_numbers = _KeyNumbers(session)
        book = rules.load_rulebook()
        self.jurisdictions = [*book.jurisdictions(), rules.UNKNOWN_JURISDICTION]
        self.jurisdiction_weights = list(accumulate(JURISDICTION_WEIGHTS.get(code, 2) for code in self.jurisdictions))
        self.rights = _rights_by_jurisdiction(book, self.jurisdictions)
        self.right_weights = {
            code: list(accumulate(REQUEST_WEIGHTS[t] for t in granted)) for code, granted in self.rights.items()
        }
        # The first cases cycle through the jurisdictions, each through its rights, rarest first, so a small
        # demo already shows every jurisdiction and every right; later ones follow the weights.
        self.covering = len(self.jurisdictions) * max(len(granted) for granted in self.rights.values())
        self.appealable = [law.code for law in book.all() if law.appeal.exists and law.grants("appeal")]
        self.requesters = 0
        self.audit_prev = audit.chain_head(session)

    def batch(self, start: int, stop: int) -> tuple[list[bulk.PreparedRows | None], int]:
        """Cases ``start``..``stop`` as rows ready to insert, table by table, and how many messages they hold."""
        rows: Rows = {table: [] for table in TABLE_ORDER}
        index = start
        while index < stop:
            if index >= self.covering and index % APPEAL_EVERY == APPEAL_EVERY - 2 and index + 1 < stop:
                self.add_appealed_pair(index, rows)
                index += 2
            else:
                self.add_case(index, rows)
                index += 1
        return [bulk.prepare_rows(table, rows[table]) for table in TABLE_ORDER], len(rows[Message])

    def _jurisdiction_and_rights(self, index: int) -> tuple[str, tuple[str, ...]]:
        rng = self.rng
        if index < self.covering:
            jurisdiction = self.jurisdictions[index % len(self.jurisdictions)]
            granted = self.rights[jurisdiction]
            first = granted[(index // len(self.jurisdictions)) % len(granted)]
        else:
            jurisdiction = _pick(rng, self.jurisdictions, self.jurisdiction_weights)
            granted = self.rights[jurisdiction]
            first = _pick(rng, granted, self.right_weights[jurisdiction])
        more = rng.choice((0, 0, 0, 1, 2))
        if not more:
            return jurisdiction, (first,)
        others = [t for t in granted if t != first]
        return jurisdiction, (first, *rng.sample(others, k=min(len(others), more)))

    def add_case(self, index: int, rows: Rows) -> None:
        rng = self.rng
        person = self._person()
        jurisdiction, types = self._jurisdiction_and_rights(index)
        status = _pick(rng, STATUS_NAMES, STATUS_CUM_WEIGHTS)
        if status == "extended" and _response_days(jurisdiction, types, True, self.today) is None:
            status = "in_progress"  # the law allows no extension here (e.g. CCPA opt-outs): simply being worked
        dated = self._dated(status, jurisdiction, types)
        if status == "extended" and dated.extended_on is None:
            status = "in_progress"
        timeline = self._timeline(status, dated)
        answered = timeline.at("responded") is not None
        outcomes = {t: (_answer(jurisdiction, person.tier, t), "") for t in types} if answered else {}
        key = self._key(dated)
        self._write(
            rows, _Plan(self.ids.next("case"), key, person, jurisdiction, types, status, dated, timeline, outcomes)
        )

    def add_appealed_pair(self, index: int, rows: Rows) -> None:
        """A case answered 'unable to verify' and the requester's appeal of it, received within the last month
        and being handled: two linked cases, as ``service.open_appeal`` makes them."""
        rng, today = self.rng, self.today
        person = self._person()
        jurisdiction = self.appealable[(index // APPEAL_EVERY) % len(self.appealable)]
        granted = self.rights[jurisdiction]
        types = (_pick(rng, granted, self.right_weights[jurisdiction]),)
        appeal_age = rng.randint(0, APPEAL_AGO_DAYS)
        appeal_status = "new" if appeal_age < 1 else "acknowledged" if appeal_age < 4 else "in_progress"
        appeal_dated = self._on(today - timedelta(days=appeal_age), jurisdiction, ("appeal",))
        appeal_timeline = self._timeline(appeal_status, appeal_dated)
        initial = _response_days(jurisdiction, types, False, today) or 45
        took = rng.randint(max(2, initial // 3), max(2, initial - 1))
        after_answer = rng.randint(2, 20)  # days from our answer to the appeal
        received = today - timedelta(days=appeal_age + after_answer + took)
        dated = replace(self._on(received, jurisdiction, types), answer_days=took)
        timeline = self._timeline("appealed", dated, appealed_at=appeal_timeline.received_at)
        original = _Plan(
            self.ids.next("case"), self._key(dated), person, jurisdiction, types, "appealed", dated, timeline
        )
        appeal = _Plan(
            self.ids.next("case"),
            self._key(appeal_dated),
            person,
            jurisdiction,
            ("appeal",),
            appeal_status,
            appeal_dated,
            appeal_timeline,
            parent=(original.case_id, original.key),
        )
        unverified = ("unable_to_verify", "unable_to_verify")
        self._write(rows, replace(original, outcomes=dict.fromkeys(types, unverified), appeal_key=appeal.key))
        self._write(rows, appeal)

    def _person(self) -> _Person:
        """A requester: a name of one pool in its own order, an ASCII address, an account tier."""
        rng = self.rng
        tier = _pick(rng, TIER_NAMES, TIER_WEIGHTS)
        requester_id = self.ids.next("requester")
        pool = rng.choice(NAME_POOLS)
        woman = rng.random() < 0.5
        given = rng.choice(pool.women if woman else pool.men)
        family = rng.choice(pool.families)[1 if woman else 0]
        email = f"{_ascii_handle(given, family, requester_id)}@{pool.domain}"
        return _Person(requester_id, pool.full_name(given, family), email, tier)

    def _key(self, dated: _Dated) -> str:
        year = dated.received_day.year
        return format_case_key(year, self.key_numbers.next(year))

    def _write(self, rows: Rows, plan: _Plan) -> None:
        """The rows of one planned case: its requester (for its first case), the case, its rights, deadlines,
        clock event, thread and audit events."""
        person, dated, timeline = plan.person, plan.dated, plan.timeline
        received_at, case_id, key = timeline.received_at, plan.case_id, plan.key
        if plan.parent is None:
            rows[Requester].append(
                {
                    "id": person.requester_id,
                    "email": person.email,
                    "name": person.name,
                    "tier": person.tier,
                    "account_ref": f"ENG-{person.requester_id:07d}",
                    "postal_address": "",
                    "created_at": received_at,
                }
            )
            self.requesters += 1
        if timeline.at("verifying") is not None:  # the move wrote the plan the law asks for; nothing is decided yet
            rows[VerificationStep].extend(
                {
                    "case_id": case_id,
                    "code": step.code,
                    "description": step.description,
                    "required": step.required,
                    "status": "pending",
                    "evidence_attachment_id": None,
                    "evidence_note": "",
                    "decided_by": "",
                    "decided_at": None,
                    "position": position,
                }
                for position, step in enumerate(_verification_plan(plan.jurisdiction, plan.types).steps)
            )
        extended_at = timeline.at("extended")
        if dated.extended_on is not None and extended_at is not None:
            rows[ClockEvent].append(
                {
                    "case_id": case_id,
                    "kind": "extension_taken",
                    "occurred_on": dated.extended_on,
                    "reason": EXTENSION_REASON,
                    "recorded_by": "demo",
                    "recorded_at": extended_at,
                }
            )
        if plan.parent is not None:
            subject = f"Appeal of {plan.parent[1]}"
            request = f"{REQUEST_PHRASES['appeal'][:-1]} {plan.parent[1]}: I can prove who I am."
        else:
            subject = f"{LAW_WORDS.get(plan.jurisdiction, 'Privacy')} request: {plan.types[0].replace('_', ' ')}"
            request = "\n\n".join(REQUEST_PHRASES[t] for t in plan.types)
        answered_at = timeline.at("responded")
        outcome, outcome_reason = _case_outcome(plan.outcomes)
        governing = dated.governing if answered_at is None else None
        rows[Case].append(
            {
                "id": case_id,
                "key": key,
                "requester_id": person.requester_id,
                "status": plan.status,
                "jurisdiction": plan.jurisdiction,
                "jurisdiction_assumed": plan.jurisdiction == rules.UNKNOWN_JURISDICTION,
                "tier": person.tier,
                "channel": "email",
                "capacity": "consumer",
                "language": "en",
                "subject": subject,
                "received_at": received_at,
                "due_date": governing.due if governing else None,
                "due_event": governing.event if governing else "",
                "agent_name": "",
                "agent_email": "",
                "outcome": outcome,
                "outcome_reason": outcome_reason,
                "parent_case_id": plan.parent[0] if plan.parent else None,
                "merged_into_id": None,
                "responded_at": answered_at,
                "closed_at": timeline.at("closed"),
                "created_at": received_at,
                "updated_at": timeline.last,
            }
        )
        for position, right in enumerate(plan.types):
            right_outcome, right_code = plan.outcomes.get(right, NO_OUTCOME)
            rows[CaseRequestType].append(
                {
                    "case_id": case_id,
                    "request_type": right,
                    "is_primary": position == 0,
                    "outcome": right_outcome,
                    "outcome_reason": right_code,
                }
            )
        rows[Deadline] += [
            {
                "case_id": case_id,
                "request_type": t,
                "event": d.event,
                "due": d.due,
                "basis": d.basis,
                "confirmed": d.confirmed,
                "assumed": d.assumed,
                "note": d.note,
                "computed_at": received_at,
                "superseded_at": None,
            }
            for t, d in dated.pairs
        ]
        thread = _Thread(self, case_id, key, subject, person.email, person.name)
        thread.add("in", request, received_at, reply=False)
        notice = self._thread_of_moves(thread, timeline, dated, person.requester_id)
        rows[Message].extend(thread.messages)
        self._record_history(rows, plan, notice)

    def _dated(self, status: str, jurisdiction: str, types: tuple[str, ...]) -> _Dated:
        """The receipt day that puts the case where its status says: answered ones older, new ones from the
        last days, and the deadline of one being worked overdue, due today, this week or later (the shares
        above), counted back from that deadline through the statute engine."""
        rng, today = self.rng, self.today
        initial = _response_days(jurisdiction, types, False, today) or 45
        if status in ("new", "acknowledged"):
            return self._on(today - timedelta(days=rng.randint(0, 1 if status == "new" else 5)), jurisdiction, types)
        if status in ANSWERED:
            took = rng.randint(max(2, initial // 3), max(2, initial - 1))  # answered in the later part of the time
            ago = rng.randint(0, RESPONDED_AGO_DAYS) if status == "responded" else rng.randint(1, CLOSED_AGO_DAYS)
            return replace(self._on(today - timedelta(days=took + ago), jurisdiction, types), answer_days=took)
        extended = status == "extended"
        period = (_response_days(jurisdiction, types, True, today) or initial) if extended else initial
        # An extension is decided near the end of the initial period, so its case is at least that old.
        latest = period - initial + 3 if extended else period - 1
        left = _days_left(rng, latest)
        target = today + timedelta(days=left)
        ahead = rng.randint(0, 10)  # days before the last day for it that the extension is taken
        day = today - timedelta(days=max(1, period - left))
        dated = self._on(day, jurisdiction, types, ahead if extended else None)
        due = dated.governing.due if dated.governing else target
        if due != target and left < 7:  # months and working days vary: move the receipt once by the difference
            shifted = min(day + (target - due), today - timedelta(days=1))
            dated = self._on(shifted, jurisdiction, types, ahead if extended else None)
        return dated

    def _on(self, day: date, jurisdiction: str, types: tuple[str, ...], ahead: int | None = None) -> _Dated:
        """The engine's deadlines for a receipt on ``day``; with ``ahead``, the extension taken that many days
        before its last day (never before the day after receipt, never after today)."""
        pairs, governing, initial_due = _engine(jurisdiction, types, day, None)
        last_days = [d.due for _, d in pairs if d.event == "extension_notice_by"]
        if ahead is None or not last_days:
            return _Dated(day, pairs, governing, initial_due)
        notice_by = min(last_days)
        on = min(max(notice_by - timedelta(days=ahead), day + timedelta(days=1)), self.today, notice_by)
        extended_pairs, extended_governing, _ = _engine(jurisdiction, types, day, on)
        return _Dated(day, extended_pairs, extended_governing, initial_due, extended_on=on)

    def _timeline(self, status: str, dated: _Dated, *, appealed_at: datetime | None = None) -> _Timeline:
        """When the case arrived and when each move of its history happened: the working moves every few
        days as the time up to the next fixed moment allows, the extension on its day, the answer some days
        before its deadline, the closing some days after the answer, the appeal when it arrived; never after
        now."""
        rng, now = self.rng, self.now
        day = dated.received_day
        minutes = 24 * 60 if day < now.date() else now.hour * 60 + now.minute + 1
        received_at = datetime.combine(day, time(), UTC) + timedelta(minutes=rng.randrange(minutes))
        moves = HISTORY[status]
        fixed: dict[str, datetime] = {}
        if dated.extended_on is not None:
            fixed["extended"] = min(datetime.combine(dated.extended_on, received_at.timetz()), now)
        if dated.answer_days is not None:
            # Answered on its day, before the deadline (the day before it at the latest), some hours into it.
            due = dated.initial_due
            days = min(dated.answer_days, (due - day).days - 1) if due else dated.answer_days
            answered = received_at + timedelta(days=max(days, 0), hours=rng.uniform(1, 8))
            fixed["responded"] = min(answered, now)
            if status == "closed":
                fixed["closed"] = min(fixed["responded"] + timedelta(days=rng.uniform(0.5, 7)), now)
        if appealed_at is not None:
            fixed["appealed"] = max(appealed_at, fixed["responded"])
        working = [m for m in moves if m not in fixed]
        until = min(fixed.values(), default=now)
        step = min((until - received_at) / (len(working) + 1), MOVE_EVERY)
        timeline: list[tuple[str, datetime]] = []
        for position, move in enumerate(working):
            timeline.append((move, received_at + step * (position + 1)))
        timeline.extend((move, fixed[move]) for move in moves if move in fixed)
        return _Timeline(received_at, tuple(timeline))

    def _thread_of_moves(self, thread: _Thread, timeline: _Timeline, dated: _Dated, requester_id: int) -> str:
        """Our messages at the moves that send one (the answer itself is a letter, which the demo does not
        write) and sometimes the requester's follow-up with their account number before our answer, in the
        order they were written; returns the Message-ID of the extension notice."""
        rng, name, key = self.rng, thread.name, thread.key
        written: list[tuple[datetime, str, str]] = []
        for move, at in timeline.moves:
            if move == "acknowledged" and rng.random() < ACKNOWLEDGED_BY_MAIL:
                due = f" and will answer it by {dated.initial_due.isoformat()}" if dated.initial_due else ""
                written.append((at, "out", f"Dear {name},\n\nWe received your request {key}{due}."))
            elif move == "awaiting_requester":
                written.append((at, "out", f"Dear {name},\n\nWhich Engram account is your request {key} about?"))
            elif move == "extended":
                written.append((at, "extension", f"Dear {name},\n\n{_extension_words(key, dated.pairs)}"))
        if rng.random() < FOLLOW_UP_SHARE and timeline.at("awaiting_requester") is None:  # else it would answer us
            until = timeline.at("responded") or self.now
            at = timeline.received_at + (until - timeline.received_at) * rng.uniform(0.2, 0.9)
            written.append((at, "in", f"Following up on {key}: my account number is ENG-{requester_id:07d}."))
        notice = ""
        for at, kind, body in sorted(written, key=lambda message: message[0]):
            header_id = thread.add("in" if kind == "in" else "out", body, at)
            notice = header_id if kind == "extension" else notice
        return notice

    def _record_history(self, rows: Rows, plan: _Plan, notice: str) -> None:
        """The audit events of the case's opening and of each move, as the case service records them."""
        case_id, dated, timeline = plan.case_id, plan.dated, plan.timeline
        self._record(
            rows,
            case_id,
            timeline.received_at,
            "case.opened",
            {
                "key": plan.key,
                "requester": plan.person.email,
                "jurisdiction": plan.jurisdiction,
                "request_types": list(plan.types),
                "received_at": timeline.received_at.isoformat(),  # as audit.encode writes them, without its hook
                "due_date": dated.initial_due.isoformat() if dated.initial_due else None,
            },
        )
        previous = "new"
        for move, at in timeline.moves:
            if move == "extended":
                extended_due = dated.governing.due if dated.governing else None
                told = {"notice_message": notice}
                moved = {"status": move, "reason": EXTENSION_REASON} | told
                self._record(rows, case_id, at, "case.status_changed", moved, _status(previous))
                after = {"due_date": extended_due, "on": dated.extended_on, "reason": EXTENSION_REASON} | told
                self._record(rows, case_id, at, "case.extended", after, audit.encode({"due_date": dated.initial_due}))
            elif move == "responded":
                outcome, outcome_reason = _case_outcome(plan.outcomes)
                reason = ANSWER_REASONS[outcome]
                answer = {
                    "outcome": outcome,
                    "outcome_reason": outcome_reason,
                    "per_type": plan.outcomes,
                    "reason": reason,
                }
                self._record(rows, case_id, at, "case.responded", answer, _unanswered(previous))
                self._record_encoded(rows, case_id, at, "case.status_changed", *_status_change(previous, move, reason))
            elif move == "appealed":
                moved = {"status": move, "reason": f"appeal {plan.appeal_key} received"}
                self._record(rows, case_id, at, "case.status_changed", moved, _status(previous))
            else:
                reason = MOVE_REASONS[move]
                self._record_encoded(rows, case_id, at, "case.status_changed", *_status_change(previous, move, reason))
                if move == "verifying":
                    self._record_encoded(
                        rows, case_id, at, "verification.planned", *_planned(plan.jurisdiction, plan.types)
                    )
            previous = move

    def _record(
        self, rows: Rows, case_id: int, at: datetime, action: str, after: dict[str, Any], before: str = NOTHING
    ) -> None:
        """One audit event of the case, chained after the one before (as ``audit.record`` would write it)."""
        self._record_encoded(rows, case_id, at, action, before, audit.encode(after))

    def _record_encoded(self, rows: Rows, case_id: int, at: datetime, action: str, before: str, after: str) -> None:
        event: dict[str, Any] = {
            "case_id": case_id,
            "at": at,
            "actor": "demo",
            "action": action,
            "entity": "case",
            "entity_id": case_id,
            "before": before,
            "after": after,
        }
        self.audit_prev = audit.seal_row(event, self.audit_prev)
        rows[AuditEvent].append(event)


class _Thread:
    """The messages of one case: the requester's and ours, each a reply to the one before."""

    def __init__(self, builder: _Builder, case_id: int, key: str, subject: str, email: str, name: str) -> None:
        self.builder, self.case_id, self.key, self.subject = builder, case_id, key, subject
        self.email, self.name = email, name
        self.hosts = {True: OFFICE[0].rsplit("@", 1)[1], False: email.rsplit("@", 1)[1]}  # ours or theirs
        self.messages: list[dict[str, Any]] = []

    def add(self, direction: str, body: str, at: datetime, *, reply: bool = True) -> str:
        """Add one message; returns its Message-ID."""
        message_id = self.builder.ids.next("message")
        ours = direction == "out"
        address, name = OFFICE if ours else (self.email, self.name)
        to = self.email if ours else OFFICE[0]
        subject = self.subject if not reply else f"{'' if ours else 'Re: '}[{self.key}] {self.subject}"
        header_id = f"<demo.{message_id}.{self.key.lower()}@{self.hosts[ours]}>"
        raw = (
            f"From: {name} <{address}>\r\nTo: {to}\r\nSubject: {subject}\r\n"
            f"Date: {_mail_date(at)}\r\nMessage-ID: {header_id}\r\n"
            "MIME-Version: 1.0\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Transfer-Encoding: 8bit\r\n\r\n"
            f"{body}\r\n"
        ).encode()
        self.messages.append(
            {
                "id": message_id,
                "case_id": self.case_id,
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
                "kind": "outgoing" if ours else "request",
                "classification": "{}",
                "override": "{}",
                "review_state": "attached",
                "parse_problems": "",
                "created_at": at,
            }
        )
        return header_id


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
    """Case-key counters per year, read once up front and written back once (``next`` never touches the store)."""

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


def _rights_by_jurisdiction(book: rules.Rulebook, codes: list[str]) -> dict[str, tuple[str, ...]]:
    """The rights a demo case may ask for under each jurisdiction: those its law grants (any law's, where the
    jurisdiction is unknown), rarest first. An appeal is made with the answered case it contests
    (``add_appealed_pair``), never as a first request."""
    asked = [t for t in rules.REQUEST_TYPES if t in REQUEST_WEIGHTS]
    granted = {law.code: [t for t in asked if law.grants(t)] for law in book.all()}
    anywhere = [t for t in asked if any(t in rights for rights in granted.values())]
    granted[rules.UNKNOWN_JURISDICTION] = anywhere
    rarity = {t: sum(t in rights for rights in granted.values()) for t in anywhere}
    return {code: tuple(sorted(granted[code], key=lambda t: (rarity[t], asked.index(t)))) for code in codes}


def _extension_words(key: str, pairs: tuple[tuple[str, rules.Deadline], ...]) -> str:
    """The extension notice in a sentence or two: the new date of the rights whose law allows more time, and
    the date each other right keeps (e.g. a Connecticut consent withdrawal: 15 days, no extension)."""
    extended = {t: d.due for t, d in pairs if d.event == "respond_extended"}
    kept = {t: d.due for t, d in pairs if d.event == "respond" and t not in extended}
    words = f"Your request {key} is complex, so we need more time: we will answer it by {max(extended.values())}."
    for right, due in kept.items():
        words += f" Your {right.replace('_', ' ')} request keeps its date: {due.isoformat()}."
    return words


WEEKDAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")


def _mail_date(at: datetime) -> str:
    """A UTC moment as an RFC 5322 Date header ("Tue, 01 Dec 2026 09:53:00 +0000"), in English whatever the
    locale, as strftime would not be."""
    return (
        f"{WEEKDAYS[at.weekday()]}, {at.day:02d} {MONTHS[at.month - 1]} {at.year} "
        f"{at.hour:02d}:{at.minute:02d}:{at.second:02d} +0000"
    )


def _pick(rng: random.Random, population: Sequence[str], cum_weights: list[int]) -> str:
    """``rng.choices(population, cum_weights=cum_weights)[0]``, the same draw without its list and checks."""
    return population[bisect(cum_weights, rng.random() * cum_weights[-1], 0, len(population) - 1)]


def _days_left(rng: random.Random, latest: int) -> int:
    """Days from today to the deadline of a case being worked (negative: overdue)."""
    roll = rng.random()
    if roll < OVERDUE_SHARE:
        return -rng.choice(OVERDUE_DAYS)
    if roll < OVERDUE_SHARE + DUE_TODAY_SHARE:
        return 0
    if roll < OVERDUE_SHARE + DUE_TODAY_SHARE + DUE_WEEK_SHARE:
        return rng.randint(1, 6)
    return rng.randint(7, max(7, latest))


@lru_cache(maxsize=8192)
def _response_days(jurisdiction: str, types: tuple[str, ...], extended: bool, today: date) -> int | None:
    """About how many days the law gives to answer (extended: once the extension is taken), measured on a
    request received some weeks ago; None when an extension is asked for and the law allows none."""
    received = today - timedelta(days=40)
    pairs, governing, _ = _engine(jurisdiction, types, received, None)
    if extended:
        notice_by = [d.due for _, d in pairs if d.event == "extension_notice_by"]
        if not notice_by:
            return None
        governing = _engine(jurisdiction, types, received, min(notice_by))[1]
    return (governing.due - received).days if governing else None


@lru_cache(maxsize=4096)
def _answer(jurisdiction: str, tier: str, request_type: str) -> str:
    """The outcome of an answered demo right: complied, or 'we do not sell' where the account's data never is."""
    return (
        "we_do_not_sell"
        if rules.rights_check(jurisdiction, tier, request_type).answer == "we_do_not_sell"
        else "complied"
    )


def _case_outcome(outcomes: dict[str, tuple[str, str]]) -> tuple[str, str]:
    """The case's outcome and reason code from its rights': one shared by every right, else complied."""
    answers = set(outcomes.values())
    if len(answers) == 1:
        return answers.pop()
    return ("complied", "") if answers else ("", "")


def _ascii_handle(given: str, family: str, number: int) -> str:
    digest = hashlib.blake2s(f"{given}{family}".encode(), digest_size=3).hexdigest()
    return f"requester{number}.{digest}"


@lru_cache(maxsize=64)
def _status_change(previous: str, status: str, reason: str) -> tuple[str, str]:
    """The encoded before and after of a move, the same for every case (encoded once), as ``service.set_status``
    records it; a plain transition also says what the requester is waited on for."""
    moved: dict[str, Any] = {"status": status, "reason": reason}
    if status in PLAIN_MOVES:
        moved["waiting_for"] = "other" if status == "awaiting_requester" else None
    return _status(previous), audit.encode(moved)


@lru_cache(maxsize=16)
def _status(status: str) -> str:
    """The encoded 'before' of a status change."""
    return audit.encode({"status": status})


@lru_cache(maxsize=16)
def _unanswered(status: str) -> str:
    """The encoded 'before' of an answer, as ``workflow.respond`` records it for a case not answered before."""
    return audit.encode({"status": status, "outcome": "", "outcome_reason": ""})


@lru_cache(maxsize=4096)
def _verification_plan(jurisdiction: str, types: tuple[str, ...]) -> verification.VerificationPlan:
    """What must be verified before acting on these rights; every demo requester holds an Engram account (their
    tier is known), as ``verification.has_account`` reads it."""
    return verification.plan_for(jurisdiction, list(types), has_account=True)


@lru_cache(maxsize=4096)
def _planned(jurisdiction: str, types: tuple[str, ...]) -> tuple[str, str]:
    """The encoded before and after of ``verification.planned`` for a case without earlier steps."""
    plan = _verification_plan(jurisdiction, types)
    after = {"level": plan.level, "steps": [step.code for step in plan.steps], "citation": plan.citation}
    return audit.encode({"steps": []}), audit.encode(after)


@lru_cache(maxsize=65536)
def _right_deadlines(
    jurisdiction: str, right: str, received: date, extended_on: date | None
) -> tuple[tuple[str, rules.Deadline], ...]:
    """One right's deadlines, kept: cases asking for several rights share each right's with many others (and an
    unknown jurisdiction's are the earliest of every law's, the dearest to compute)."""
    events = (rules.ClockEvent(kind="extension_taken", on=extended_on),) if extended_on else ()
    return tuple(compute_case_deadlines(jurisdiction, (right,), received, events))


@lru_cache(maxsize=65536)
def _engine(
    jurisdiction: str, types: tuple[str, ...], received: date, extended_on: date | None
) -> tuple[tuple[tuple[str, rules.Deadline], ...], rules.Deadline | None, date | None]:
    """The statute engine's deadlines of a case received on ``received`` (extended on ``extended_on``), the one
    that governs and the governing date before any extension; many demo cases share them, so they are kept."""
    events = (rules.ClockEvent(kind="extension_taken", on=extended_on),) if extended_on else ()
    pairs = tuple(pair for right in types for pair in _right_deadlines(jurisdiction, right, received, extended_on))
    initial = governing_deadline(pairs, (), "new")
    governing = governing_deadline(pairs, events, "extended") if events else initial
    return pairs, governing, initial.due if initial else None

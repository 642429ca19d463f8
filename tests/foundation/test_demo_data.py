"""The demo is believable: rights the law grants, names written as their owners write them, and a desk a
diligent officer keeps (a few cases overdue, a handful due today, a fair number due this week)."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime
from statistics import median

import pytest
from sqlmodel import col, select

from lumetra_desk.core import demo, rules
from lumetra_desk.core.cases.service import OPEN_STATUSES, current_deadlines, request_types_of
from lumetra_desk.core.dashboard import dashboard_counts
from lumetra_desk.core.paths import resolve_paths
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, CaseRequestType, ClockEvent, Requester
from lumetra_desk.core.store.queries import CaseFilter, count_cases

POOLS = {pool.domain: pool for pool in demo.NAME_POOLS if pool.domain != "example.com"}


@pytest.fixture(scope="module")
def thousand(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    store = Store.open(resolve_paths(tmp_path_factory.mktemp("demo") / "desk"), create=True, encrypted=False)
    demo.fill(store, 1000, seed=1)
    try:
        yield store
    finally:
        store.close()


def test_each_case_asks_only_for_rights_its_law_grants_and_together_they_cover_every_one(store: Store) -> None:
    demo.fill(store, 320, seed=2)
    book = rules.load_rulebook()
    with store.read() as session:
        cases = session.exec(select(Case)).all()
        asked = {case.key: (case.jurisdiction, request_types_of(session, case.id or 0)) for case in cases}
    for key, (jurisdiction, types) in asked.items():
        law = book.find(jurisdiction)
        if law is None:  # unknown: handled as if the right applied, so some law must grant it
            assert all(any(other.grants(t) for other in book.all()) for t in types), key
        else:
            assert all(law.grants(t) for t in types), f"{key}: {jurisdiction} grants no {types}"
    assert {j for j, _ in asked.values()} == {*book.jurisdictions(), rules.UNKNOWN_JURISDICTION}
    granted_somewhere = {t for law in book.all() for t in law.rights}
    assert {t for _, types in asked.values() for t in types} == granted_somewhere == set(rules.REQUEST_TYPES)


def test_appeals_contest_an_answer_where_the_law_gives_an_appeal(thousand: Store) -> None:
    book = rules.load_rulebook()
    with thousand.read() as session:
        appeals = session.exec(select(Case).where(col(Case.parent_case_id).is_not(None))).all()
        assert len(appeals) >= 10
        for appeal in appeals:
            original = session.get(Case, appeal.parent_case_id)
            assert original is not None and original.status == "appealed", appeal.key
            law = book.get(appeal.jurisdiction)
            assert law.appeal.exists and request_types_of(session, appeal.id or 0) == ["appeal"], appeal.key
            assert appeal.subject == f"Appeal of {original.key}" and appeal.due_event == "appeal_decision"
            assert appeal.status in ("new", "acknowledged", "in_progress") and appeal.due_date is not None
            assert original.due_date is None and original.responded_at is not None
            assert original.responded_at < appeal.received_at <= datetime.now(UTC)


def test_names_are_written_in_their_own_order_and_addresses_stay_ascii(thousand: Store) -> None:
    with thousand.read() as session:
        requesters = session.exec(select(Requester.name, Requester.email)).all()
    seen: set[str] = set()
    for name, email in requesters:
        assert email.isascii(), email
        pool = POOLS.get(email.rsplit("@", 1)[1])
        if pool is None:
            continue
        seen.add(pool.domain)
        if pool.order == "family_given_joined":  # 王芳, 山田太郎, 김민준
            assert " " not in name
            family = next(f for f, _ in pool.families if name.startswith(f))
            assert name[len(family) :] in pool.women + pool.men, name
        elif pool.order == "family_given":  # Nguyễn Thị Hương
            family, given = name.split(" ", 1)
            assert given in pool.women + pool.men and family in {f for f, _ in pool.families}, name
        else:  # given name first; a woman carries the feminine form of her family name (Zofia Wiśniewska)
            given, family = name.split(" ", 1)
            forms = {her for _, her in pool.families} if given in pool.women else {his for his, _ in pool.families}
            assert given in pool.women + pool.men and family in forms, name
    assert {"example.cn", "example.jp", "example.kr", "example.pl"} <= seen


def test_a_thousand_cases_keep_the_desk_of_a_diligent_officer(thousand: Store) -> None:
    today = date.today()
    with thousand.read() as session:
        counts = dashboard_counts(session, today)
        being_worked = count_cases(session, CaseFilter(statuses=tuple(OPEN_STATUSES)))
        cases = session.exec(select(Case)).all()
        session.expunge_all()
    assert 0.03 <= counts.overdue / being_worked <= 0.08, counts
    assert 2 <= counts.due_today <= 25, counts
    assert 0.08 <= counts.due_week / being_worked <= 0.3, counts
    age = {status: median((datetime.now(UTC) - c.received_at).days for c in cases if c.status == status)
           for status in demo.HISTORY}  # fmt: skip
    assert age["new"] <= 1 and age["acknowledged"] <= 3, age
    assert age["closed"] > age["responded"] > age["in_progress"] > age["acknowledged"], age
    assert all(c.responded_at is None or c.due_date is None for c in cases), "an answered case has nothing due"


def test_answers_fit_the_account_and_every_extension_is_one_the_law_allows(thousand: Store) -> None:
    with thousand.read() as session:
        rows = session.exec(select(CaseRequestType, Case).where(CaseRequestType.case_id == Case.id)).all()
        extended = session.exec(select(Case).where(Case.status == "extended")).all()
        for case in extended:  # one extension, where the law allows one, decided within the initial period
            (taken,) = session.exec(select(ClockEvent).where(ClockEvent.case_id == case.id)).all()
            last_day = [d.due for d in current_deadlines(session, case.id or 0) if d.event == "extension_notice_by"]
            assert taken.kind == "extension_taken" and last_day, case.key
            assert case.received_at.date() < taken.occurred_on <= min(min(last_day), datetime.now(UTC).date()), case.key
            assert case.due_event in ("respond_extended", "respond") and case.due_date is not None, case.key
        session.expunge_all()
    for right, case in rows:
        if case.status in ("responded", "closed"):
            expected = rules.rights_check(case.jurisdiction, case.tier, right.request_type).answer
            assert right.outcome == ("we_do_not_sell" if expected == "we_do_not_sell" else "complied"), case.key
        elif case.status == "appealed":  # no identity was verified (the demo records no verification steps)
            assert (right.outcome, right.outcome_reason) == ("unable_to_verify", "unable_to_verify"), case.key
        else:
            assert right.outcome == "", case.key
    assert extended

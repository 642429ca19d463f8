"""The case list's queries: every sort order and filter gives the documented order, page by page, from an index.

The reference order is computed here in Python from plain rows: the sort column (cases with nothing due last
either way), then the id, both in the chosen direction. The query plans are checked too, because the speed of
a 100k-case list rests on them: each sort order is read from its covering index, with no sort step.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlmodel import col, select

from lumetra_desk.core import demo
from lumetra_desk.core.cases import service
from lumetra_desk.core.store import case_list
from lumetra_desk.core.store.case_list import _list_sql, _parts
from lumetra_desk.core.store.db import Store
from lumetra_desk.core.store.models import Case, CaseRequestType, Note, Requester
from lumetra_desk.core.store.queries import (
    OPEN_STATUSES_EXCLUDED,
    SORT_KEYS,
    CaseFilter,
    SortKey,
    case_ids,
    case_page,
    count_cases,
    iter_case_rows,
)

TODAY = date(2026, 11, 30)
FILTERS = (
    CaseFilter(),
    CaseFilter(open_only=True),
    CaseFilter(open_only=True, jurisdiction="EU"),
    CaseFilter(statuses=("verifying", "in_progress")),
    CaseFilter(open_only=True, tier="paid"),
    CaseFilter(open_only=True, request_type="delete"),
    CaseFilter(open_only=True, due_from=TODAY, due_to=TODAY + timedelta(days=29)),
)


@pytest.fixture(scope="module")
def filled(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Store]:
    from lumetra_desk.core.paths import resolve_paths

    paths = resolve_paths(tmp_path_factory.mktemp("case-list") / "desk")
    store = Store.open(paths, create=True, encrypted=False)
    demo.fill(store, 400, seed=5, today=TODAY)
    try:
        yield store
    finally:
        store.close()


def _reference(store: Store, flt: CaseFilter, sort: SortKey, descending: bool) -> list[int]:
    """The list order worked out in Python from every case row."""
    with store.read() as session:
        columns = (Case.id, Case.status, Case.jurisdiction, Case.tier, Case.due_date, Case.received_at, Case.key)
        rows = [
            {**row._asdict(), "requester": row.email}
            for row in session.exec(
                select(*columns, Requester.email).join(Requester, col(Requester.id) == col(Case.requester_id))
            )
        ]
        typed = set(
            session.exec(
                select(CaseRequestType.case_id).where(col(CaseRequestType.request_type) == flt.request_type)
            ).all()
        )

    def keep(case: dict[str, Any]) -> bool:
        due = case["due_date"]
        return (
            (not flt.statuses or case["status"] in flt.statuses)
            and (not flt.open_only or case["status"] not in OPEN_STATUSES_EXCLUDED)
            and (not flt.jurisdiction or case["jurisdiction"] == flt.jurisdiction)
            and (not flt.tier or case["tier"] == flt.tier)
            and (not flt.request_type or case["id"] in typed)
            and (flt.due_from is None or (due is not None and due >= flt.due_from))
            and (flt.due_to is None or (due is not None and due <= flt.due_to))
        )

    kept = [case for case in rows if keep(case)]
    dated = sorted((c for c in kept if c[sort] is not None), key=lambda c: (c[sort], c["id"]), reverse=descending)
    undated = sorted((c for c in kept if c[sort] is None), key=lambda c: c["id"], reverse=descending)
    return [case["id"] for case in dated + undated]


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_every_sort_order_and_filter_lists_the_cases_in_the_documented_order(
    filled: Store, sort: SortKey, descending: bool
) -> None:
    for flt in FILTERS:
        expected = _reference(filled, flt, sort, descending)
        with filled.read() as session:
            assert case_ids(session, flt, sort, descending) == expected, flt
            assert count_cases(session, flt) == len(expected), flt


@pytest.mark.parametrize("sort", ["due_date", "received_at", "requester"])
def test_pages_read_by_position_join_up_into_the_whole_list(filled: Store, sort: SortKey) -> None:
    for flt in (CaseFilter(open_only=True), CaseFilter(open_only=True, jurisdiction="US-CA")):
        for descending in (False, True):
            with filled.read() as session:
                whole = case_ids(session, flt, sort, descending)
                pages = [case_page(session, flt, sort, descending, offset, 37) for offset in range(0, len(whole), 37)]
                beyond = case_page(session, flt, sort, descending, len(whole) + 5, 37)
            assert [case_id for page in pages for case_id in page] == whole
            assert all(len(page) == 37 for page in pages[:-1]) and beyond == []


def test_a_text_search_finds_words_in_messages_and_requester_addresses(filled: Store) -> None:
    word = "delete"
    by_message = _found_by_text(filled, word)
    with filled.read() as session:
        conn = session.connection()
        email = conn.exec_driver_sql("SELECT email FROM requester ORDER BY id LIMIT 1").scalar_one()
        owner = (
            conn.exec_driver_sql(
                'SELECT "case".id FROM "case" JOIN requester ON requester.id = "case".requester_id '
                "WHERE requester.email = ?",
                (email,),
            )
            .scalars()
            .all()
        )
        found = case_ids(session, CaseFilter(text=word), "received_at", False)
        by_address = case_ids(session, CaseFilter(text=email.split("@")[0]), "due_date", False)
        listed = [row.id for row in iter_case_rows(session, CaseFilter(text=word))]
        nothing = case_ids(session, CaseFilter(text="%_"), "due_date", False)
    assert by_message and set(found) == by_message
    assert sorted(listed) == sorted(found)
    assert set(owner) <= set(by_address)
    assert nothing == [], "LIKE wildcards in what the officer typed match only themselves"


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
def test_each_sort_order_reads_its_covering_index_without_a_sort_step(
    filled: Store, sort: SortKey, descending: bool
) -> None:
    flt = CaseFilter(open_only=True, jurisdiction="EU", tier="free", due_to=TODAY)
    with filled.read() as session:
        conn = session.connection()
        for part in _parts(sort, descending, follow_index=True):
            sql, params = _list_sql(flt, sort, part, indexed=True)
            plan = " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(params)))
            assert f"COVERING INDEX ix_case_list_{sort}" in plan, plan
            assert "TEMP B-TREE" not in plan, plan


def test_full_text_hits_are_cases_read_from_the_index_alone(filled: Store) -> None:
    """A hit names its case in its rowid: no message or note row is read to find it."""
    with filled.read() as session:
        conn = session.connection()
        (part,) = _parts("due_date", False, follow_index=False)
        sql, params = _list_sql(CaseFilter(open_only=True, text="access"), "due_date", part, indexed=False)
        plan = " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(params)))
    assert "SCAN message_fts VIRTUAL TABLE" in plan and "SCAN note_fts VIRTUAL TABLE" in plan, plan
    read = set(plan.replace("|", " ").split())
    assert "message" not in read and "note" not in read, plan


def _found_by_text(store: Store, word: str) -> set[int]:
    """The cases a word finds, worked out here: messages and notes by full text in tables of their own, named by
    the message and note ids (not by case), and requester addresses by LIKE."""
    with store.write() as session:
        conn = session.connection()
        conn.exec_driver_sql("DROP TABLE IF EXISTS temp.oracle_fts")
        conn.exec_driver_sql(
            "CREATE VIRTUAL TABLE temp.oracle_fts USING fts5(subject, body_text, from_name, from_addr,"
            " tokenize='unicode61 remove_diacritics 2')"
        )
        conn.exec_driver_sql(  # even rowids are messages, odd ones notes
            "INSERT INTO temp.oracle_fts(rowid, subject, body_text, from_name, from_addr)"
            " SELECT id * 2, subject, body_text, from_name, from_addr FROM message"
            " UNION ALL SELECT id * 2 + 1, body, '', '', '' FROM note"
        )
        match = f'"{word}"*'
        found = {
            case_id
            for (case_id,) in conn.exec_driver_sql(
                "SELECT message.case_id FROM temp.oracle_fts JOIN message ON message.id * 2 = oracle_fts.rowid"
                " WHERE oracle_fts MATCH ? AND message.case_id IS NOT NULL"
                " UNION SELECT note.case_id FROM temp.oracle_fts JOIN note ON note.id * 2 + 1 = oracle_fts.rowid"
                " WHERE oracle_fts MATCH ?"
                ' UNION SELECT "case".id FROM "case" JOIN requester ON requester.id = "case".requester_id'
                " WHERE requester.email LIKE ?",
                (match, match, f"%{word}%"),
            )
        }
        conn.exec_driver_sql("DROP TABLE temp.oracle_fts")
        return found


@pytest.mark.parametrize("sort", SORT_KEYS)
@pytest.mark.parametrize("descending", [False, True])
@pytest.mark.parametrize("lookups_max", [0, 1_000_000], ids=["hits-picked-from-the-index", "hits-looked-up"])
def test_a_text_search_lists_its_cases_in_the_list_order_however_its_hits_are_put_in_order(
    filled: Store, sort: SortKey, descending: bool, lookups_max: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Many hits are picked out while the sort order's index is read, a few are looked up one by one: either
    way the list is the filter's list order, keeping only the cases the words find."""
    monkeypatch.setattr(case_list, "SEARCH_LOOKUPS_MAX", lookups_max)
    with filled.read() as session:
        email = session.connection().exec_driver_sql("SELECT email FROM requester ORDER BY id LIMIT 1").scalar_one()
    for word in ("delete", "access", email.split("@")[0]):
        found = _found_by_text(filled, word)
        assert found, word
        for flt in (CaseFilter(), CaseFilter(open_only=True, jurisdiction="EU"), CaseFilter(request_type="delete")):
            expected = [case_id for case_id in _reference(filled, flt, sort, descending) if case_id in found]
            searched = replace(flt, text=word)
            with filled.read() as session:
                assert case_ids(session, searched, sort, descending) == expected, (word, flt)
                assert case_page(session, searched, sort, descending, 3, 5) == expected[3:8], (word, flt)


@pytest.mark.parametrize("lookups_max", [0, 1_000_000])
def test_a_word_only_a_note_holds_and_a_case_key_each_find_their_case(
    filled: Store, lookups_max: int, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(case_list, "SEARCH_LOOKUPS_MAX", lookups_max)
    with filled.write() as session:
        case = session.exec(select(Case).order_by(col(Case.id).desc())).first()
        assert case is not None
        if "quokka" not in {note.body for note in session.exec(select(Note).where(col(Note.case_id) == case.id))}:
            service.add_note(session, case, "quokka", actor=None)
        noted, key = case.id, case.key
    with filled.read() as session:
        for sort in SORT_KEYS:
            assert case_ids(session, CaseFilter(text="quokka"), sort, False) == [noted]
            assert case_ids(session, CaseFilter(text=key.lower()), sort, True) == [noted]
        assert case_ids(session, CaseFilter(text="quokka", jurisdiction="no-such-place"), "due_date", False) == []


@pytest.mark.parametrize("sort", SORT_KEYS)
def test_many_search_hits_are_put_in_order_by_the_sort_orders_covering_index(
    filled: Store, sort: SortKey, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Putting thousands of hits in order must not read their table rows (a cold page cache decrypts each page
    they are on), nor look every hit up again for each requester of the requester order."""
    hits = list(range(1, 401))
    with filled.read() as session:
        conn = session.connection()
        for part in _parts(sort, False, follow_index=True):
            sql, params = _list_sql(CaseFilter(open_only=True), sort, part, indexed=True, among=hits)
            plan = " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(params)))
            assert f"COVERING INDEX ix_case_list_{sort}" in plan, plan
            assert "TEMP B-TREE" not in plan and "rowid=?" not in plan, plan
        (part,) = _parts(sort, False, follow_index=False)
        sql, params = _list_sql(CaseFilter(open_only=True), sort, part, indexed=False, among=hits[:5])
        plan = " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", tuple(params)))
    assert "SEARCH case USING INTEGER PRIMARY KEY" in plan, plan


def test_a_search_finds_part_of_an_address_through_the_trigram_index_as_like_would(filled: Store) -> None:
    """Three characters or more, without wildcards, are looked up in the trigram index of addresses; the cases
    found are those a LIKE over every address finds, and shorter or wildcard text still reads every address."""
    with filled.read() as session:
        conn = session.connection()
        emails = [email for (email,) in conn.exec_driver_sql("SELECT email FROM requester ORDER BY id")]
        fragments = {email[start : start + size] for email in emails[::37] for start, size in ((0, 3), (4, 7), (9, 5))}
        for fragment in sorted(fragments | {"example", ".org", "@e", "zz", "q"}):
            by_like = {
                i for (i,) in conn.exec_driver_sql("SELECT id FROM requester WHERE email LIKE ?", (f"%{fragment}%",))
            }
            sql, like = case_list._address_sql(fragment)
            assert {i for (i,) in conn.exec_driver_sql(sql, (like,))} == by_like, fragment
        sql, like = case_list._address_sql("example")
        plan = " | ".join(row[3] for row in conn.exec_driver_sql(f"EXPLAIN QUERY PLAN {sql}", (like,)))
        assert "requester_fts VIRTUAL TABLE INDEX 0:L" in plan, plan
        assert "requester_fts" not in case_list._address_sql("ab")[0]
        assert "requester_fts" not in case_list._address_sql("a_b")[0]


def test_the_address_index_follows_bulk_loads_new_requesters_and_migrations(filled: Store) -> None:
    from alembic import command

    from lumetra_desk.core.store.migrate import alembic_config

    def index_is_whole() -> None:  # FTS5 compares its index with the requester rows, and raises if they differ
        with filled.write() as session:
            session.connection().exec_driver_sql(
                "INSERT INTO requester_fts(requester_fts, rank) VALUES ('integrity-check', 1)"
            )

    index_is_whole()
    with filled.write() as session:
        requester = service.find_or_create_requester(session, "Zoe.Quillfeather@example.net", "Zoë Quill")
        received = datetime(2026, 11, 20, 9, 0, tzinfo=UTC)
        case = service.open_case(session, requester=requester, request_types=["access"], received_at=received)
        found_case = case.id
    index_is_whole()
    with filled.read() as session:
        assert case_ids(session, CaseFilter(text="quillfeather"), "due_date", False) == [found_case]
    config = alembic_config()
    for target in ("0006", "head"):  # down and up again: the upgrade indexes the addresses already there
        with filled.engine.connect() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if target != "head" else command.upgrade)(config, target)
            conn.commit()
    index_is_whole()
    with filled.read() as session:
        assert case_ids(session, CaseFilter(text="quillfeather"), "received_at", True) == [found_case]


def _index_is_whole(store: Store) -> None:
    """FTS5 checks its own index of messages and notes, and raises if it is damaged."""
    with store.write() as session:
        conn = session.connection()
        for table in ("message_fts", "note_fts"):
            conn.exec_driver_sql(f"INSERT INTO {table}({table}) VALUES ('integrity-check')")


def test_a_messages_full_text_row_follows_it_to_its_case_and_out_of_the_store(filled: Store) -> None:
    """Stored without a case (as the importer first stores a mail), a message is found by no search; once it
    has a case, it finds that case; moved to another case, it finds that one; deleted, it finds none."""
    from lumetra_desk.core.store.models import Message

    with filled.write() as session:
        first, second = session.exec(select(Case).order_by(col(Case.id)).limit(2)).all()
        message = Message(
            content_sha256="sha-of-the-marmoset-mail",
            raw=b"Subject: marmoset\r\n\r\nmarmoset",
            subject="About the marmoset",
            body_text="Please erase the marmoset photos.",
            from_addr="keeper@example.org",
            received_at=datetime(2026, 11, 25, 8, 0, tzinfo=UTC),
        )
        session.add(message)
        session.flush()
        message_id = message.id

    def found() -> list[int]:
        with filled.read() as session:
            return case_ids(session, CaseFilter(text="marmoset"), "due_date", False)

    def move(case_id: int | None, **changes: str) -> None:
        with filled.write() as session:
            stored = session.get(Message, message_id)
            assert stored is not None
            stored.case_id = case_id
            for name, value in changes.items():
                setattr(stored, name, value)

    assert found() == []
    move(first.id)
    assert found() == [first.id]
    move(second.id)
    assert found() == [second.id]
    move(second.id, body_text="Please erase the photos.", subject="About the photos")
    assert found() == []
    move(second.id, subject="About the marmoset")
    assert found() == [second.id]
    _index_is_whole(filled)
    with filled.write() as session:
        session.connection().exec_driver_sql("DELETE FROM message WHERE id = ?", (message_id,))
    assert found() == []
    _index_is_whole(filled)


def test_a_notes_full_text_row_follows_its_edits(filled: Store) -> None:
    with filled.write() as session:
        case = session.exec(select(Case).order_by(col(Case.id))).first()
        assert case is not None
        note = service.add_note(session, case, "the axolotl called", actor=None)
        note_id, case_id = note.id, case.id

    def found(word: str) -> list[int]:
        with filled.read() as session:
            return case_ids(session, CaseFilter(text=word), "key", False)

    assert found("axolotl") == [case_id]
    with filled.write() as session:
        session.connection().exec_driver_sql("UPDATE note SET body = 'the okapi called' WHERE id = ?", (note_id,))
    assert (found("axolotl"), found("okapi")) == ([], [case_id])
    with filled.write() as session:
        session.connection().exec_driver_sql("DELETE FROM note WHERE id = ?", (note_id,))
    assert found("okapi") == []
    _index_is_whole(filled)


def test_the_full_text_index_comes_through_a_migration_down_and_up_and_a_bulk_load(filled: Store) -> None:
    """0008 names the full-text rows by case: going back to 0007 and forward again, and refilling the index
    after a bulk load, a search finds the same cases as before."""
    from alembic import command

    from lumetra_desk.core.store import bulk
    from lumetra_desk.core.store.migrate import alembic_config

    words = ("delete", "access", "portable")
    with filled.read() as session:
        before = {word: case_ids(session, CaseFilter(text=word), "due_date", False) for word in words}
    assert all(before.values())
    config = alembic_config()
    for target in ("0007", "head"):
        with filled.engine.connect() as conn:
            config.attributes["connection"] = conn
            (command.downgrade if target != "head" else command.upgrade)(config, target)
            conn.commit()
        with filled.read() as session:
            conn = session.connection()
            if target == "0007":  # 0001's tables again, named by message and note ids
                for word in words:
                    by_ids = conn.exec_driver_sql(
                        "SELECT case_id FROM message WHERE id IN (SELECT rowid FROM message_fts WHERE message_fts"
                        " MATCH ?) UNION SELECT case_id FROM note WHERE id IN (SELECT rowid FROM note_fts"
                        " WHERE note_fts MATCH ?)",
                        (f'"{word}"*', f'"{word}"*'),
                    )
                    assert set(by_ids.scalars()) == set(before[word]), word
            else:
                assert {word: case_ids(session, CaseFilter(text=word), "due_date", False) for word in words} == before
    with filled.write() as session, bulk.fts_deferred(session):
        pass
    _index_is_whole(filled)
    with filled.read() as session:
        assert {word: case_ids(session, CaseFilter(text=word), "due_date", False) for word in words} == before

"""Full-text rows of messages and notes named by their case: a search's hits are cases without a lookup.

The full-text tables of 0001 named each row by its message or note id, so a search turned every hit into its
case by looking it up (``ix_message_id_case``, dropped here): 67k lookups, most of a search's time, for a word
in a third of 195k messages. The tables are now contentless, and a row's rowid is its case id in the high 32
bits and its message or note id in the low 32 (``rowid >> 32`` is the case): the hits come out of the index
already as cases, in case order. ``contentless_delete`` lets the triggers remove a row by its rowid alone.

A message without a case yet (new mail waiting for review) has no row: the case list cannot list it, and the
importer, which stores a mail before it gives it a case, indexes each mail once, when its case is written.

Revision ID: 0008
Revises: 0007
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0008"
down_revision: str | None = "0007"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

MESSAGE_COLUMNS = "subject, body_text, from_name, from_addr"
MESSAGE_CHANGED = " OR ".join(f"old.{c} IS NOT new.{c}" for c in ("case_id", *MESSAGE_COLUMNS.split(", ")))
TOKENIZE = "tokenize='unicode61 remove_diacritics 2'"

CREATE = (
    f"""CREATE VIRTUAL TABLE message_fts USING fts5(
        {MESSAGE_COLUMNS}, content='', contentless_delete=1, {TOKENIZE})""",
    f"""CREATE TRIGGER message_fts_ai AFTER INSERT ON message WHEN new.case_id IS NOT NULL BEGIN
        INSERT INTO message_fts(rowid, {MESSAGE_COLUMNS})
        VALUES ((new.case_id << 32) | new.id, new.subject, new.body_text, new.from_name, new.from_addr); END""",
    """CREATE TRIGGER message_fts_ad AFTER DELETE ON message WHEN old.case_id IS NOT NULL BEGIN
        DELETE FROM message_fts WHERE rowid = (old.case_id << 32) | old.id; END""",
    f"""CREATE TRIGGER message_fts_au AFTER UPDATE OF case_id, {MESSAGE_COLUMNS} ON message
        WHEN {MESSAGE_CHANGED} BEGIN
        DELETE FROM message_fts WHERE rowid = (old.case_id << 32) | old.id;
        INSERT INTO message_fts(rowid, {MESSAGE_COLUMNS})
        SELECT (new.case_id << 32) | new.id, new.subject, new.body_text, new.from_name, new.from_addr
        WHERE new.case_id IS NOT NULL; END""",
    f"""INSERT INTO message_fts(rowid, {MESSAGE_COLUMNS})
        SELECT (case_id << 32) | id, {MESSAGE_COLUMNS} FROM message WHERE case_id IS NOT NULL""",
    f"""CREATE VIRTUAL TABLE note_fts USING fts5(body, content='', contentless_delete=1, {TOKENIZE})""",
    """CREATE TRIGGER note_fts_ai AFTER INSERT ON note BEGIN
        INSERT INTO note_fts(rowid, body) VALUES ((new.case_id << 32) | new.id, new.body); END""",
    """CREATE TRIGGER note_fts_ad AFTER DELETE ON note BEGIN
        DELETE FROM note_fts WHERE rowid = (old.case_id << 32) | old.id; END""",
    """CREATE TRIGGER note_fts_au AFTER UPDATE OF case_id, body ON note
        WHEN old.case_id IS NOT new.case_id OR old.body IS NOT new.body BEGIN
        DELETE FROM note_fts WHERE rowid = (old.case_id << 32) | old.id;
        INSERT INTO note_fts(rowid, body) VALUES ((new.case_id << 32) | new.id, new.body); END""",
    "INSERT INTO note_fts(rowid, body) SELECT (case_id << 32) | id, body FROM note",
)

# 0001's tables, named by message and note ids and read from the rows themselves.
CREATE_BEFORE = (
    f"""CREATE VIRTUAL TABLE message_fts USING fts5(
        {MESSAGE_COLUMNS}, content='message', content_rowid='id', {TOKENIZE})""",
    f"""CREATE TRIGGER message_fts_ai AFTER INSERT ON message BEGIN
        INSERT INTO message_fts(rowid, {MESSAGE_COLUMNS})
        VALUES (new.id, new.subject, new.body_text, new.from_name, new.from_addr); END""",
    f"""CREATE TRIGGER message_fts_ad AFTER DELETE ON message BEGIN
        INSERT INTO message_fts(message_fts, rowid, {MESSAGE_COLUMNS})
        VALUES ('delete', old.id, old.subject, old.body_text, old.from_name, old.from_addr); END""",
    f"""CREATE TRIGGER message_fts_au AFTER UPDATE OF {MESSAGE_COLUMNS} ON message BEGIN
        INSERT INTO message_fts(message_fts, rowid, {MESSAGE_COLUMNS})
        VALUES ('delete', old.id, old.subject, old.body_text, old.from_name, old.from_addr);
        INSERT INTO message_fts(rowid, {MESSAGE_COLUMNS})
        VALUES (new.id, new.subject, new.body_text, new.from_name, new.from_addr); END""",
    "INSERT INTO message_fts(message_fts) VALUES ('rebuild')",
    f"""CREATE VIRTUAL TABLE note_fts USING fts5(body, content='note', content_rowid='id', {TOKENIZE})""",
    """CREATE TRIGGER note_fts_ai AFTER INSERT ON note BEGIN
        INSERT INTO note_fts(rowid, body) VALUES (new.id, new.body); END""",
    """CREATE TRIGGER note_fts_ad AFTER DELETE ON note BEGIN
        INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.id, old.body); END""",
    """CREATE TRIGGER note_fts_au AFTER UPDATE OF body ON note BEGIN
        INSERT INTO note_fts(note_fts, rowid, body) VALUES ('delete', old.id, old.body);
        INSERT INTO note_fts(rowid, body) VALUES (new.id, new.body); END""",
    "INSERT INTO note_fts(note_fts) VALUES ('rebuild')",
)
DROP = tuple(
    f"DROP {kind} IF EXISTS {table}{suffix}"
    for table in ("message_fts", "note_fts")
    for kind, suffix in (("TRIGGER", "_ai"), ("TRIGGER", "_ad"), ("TRIGGER", "_au"), ("TABLE", ""))
)


def upgrade() -> None:
    for statement in (*DROP, *CREATE):
        op.execute(statement)
    op.drop_index("ix_message_id_case", table_name="message")


def downgrade() -> None:
    op.create_index("ix_message_id_case", "message", ["id", "case_id"], unique=False)
    for statement in (*DROP, *CREATE_BEFORE):
        op.execute(statement)

"""A trigram index of requester addresses, so a search finds part of an address without reading every address.

A case list search matches what the officer typed inside requester addresses (``LIKE '%text%'``). Without an
index that read all of them, every search: 1,100 pages at 100k requesters, each decrypted again after a write
on another connection. This external-content FTS5 table with the trigram tokenizer answers the same ``LIKE``
from its index when the text has three characters or more (``case_list`` keeps the plain ``LIKE`` otherwise);
triggers keep it in step with ``requester``, like the full-text tables of 0001.

Revision ID: 0007
Revises: 0006
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0007"
down_revision: str | None = "0006"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

CREATE = (
    """CREATE VIRTUAL TABLE requester_fts USING fts5(
        email, content='requester', content_rowid='id', tokenize='trigram')""",
    """CREATE TRIGGER requester_fts_ai AFTER INSERT ON requester BEGIN
        INSERT INTO requester_fts(rowid, email) VALUES (new.id, new.email); END""",
    """CREATE TRIGGER requester_fts_ad AFTER DELETE ON requester BEGIN
        INSERT INTO requester_fts(requester_fts, rowid, email) VALUES ('delete', old.id, old.email); END""",
    """CREATE TRIGGER requester_fts_au AFTER UPDATE OF email ON requester BEGIN
        INSERT INTO requester_fts(requester_fts, rowid, email) VALUES ('delete', old.id, old.email);
        INSERT INTO requester_fts(rowid, email) VALUES (new.id, new.email); END""",
    "INSERT INTO requester_fts(requester_fts) VALUES ('rebuild')",
)
DROP = (
    "DROP TRIGGER IF EXISTS requester_fts_ai",
    "DROP TRIGGER IF EXISTS requester_fts_ad",
    "DROP TRIGGER IF EXISTS requester_fts_au",
    "DROP TABLE IF EXISTS requester_fts",
)


def upgrade() -> None:
    for statement in CREATE:
        op.execute(statement)


def downgrade() -> None:
    for statement in DROP:
        op.execute(statement)

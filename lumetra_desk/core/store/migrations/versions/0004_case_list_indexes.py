"""One covering index per case-list sort order, and message ids to case ids for full-text hits.

Replaces the indexes of 0003, which SQLite did not use (the plain received_at index already gave the order
with its id tie-break), with indexes of (sort column, id, every filtered column): a page of the case list, or
its whole ordered id list, is read from one index without touching the table rows.

Revision ID: 0004
Revises: 0003
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0004"
down_revision: str | None = "0003"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

FILTERED = ("status", "jurisdiction", "tier", "due_date")
CASE_LIST_INDEXES = {
    f"ix_case_list_{sort}": [column, "id", *(c for c in FILTERED if c != column)]
    for sort, column in (
        ("due_date", "due_date"),
        ("received_at", "received_at"),
        ("key", "key"),
        ("status", "status"),
        ("jurisdiction", "jurisdiction"),
        ("tier", "tier"),
        ("requester", "requester_id"),
    )
}
REPLACED = {
    "ix_case_received_status": ["received_at", "status"],
    "ix_case_tier_status": ["tier", "status"],
    "ix_case_key_status": ["key", "status"],
}


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name in REPLACED:
            batch_op.drop_index(name)
        for name, columns in CASE_LIST_INDEXES.items():
            batch_op.create_index(name, columns, unique=False)
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.create_index("ix_message_id_case", ["id", "case_id"], unique=False)


def downgrade() -> None:
    with op.batch_alter_table("message", schema=None) as batch_op:
        batch_op.drop_index("ix_message_id_case")
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name in CASE_LIST_INDEXES:
            batch_op.drop_index(name)
        for name, columns in REPLACED.items():
            batch_op.create_index(name, columns, unique=False)

"""Covering indexes for the case list's sort orders (received, tier, key) with the status filter.

Revision ID: 0003
Revises: 0002
"""

from collections.abc import Sequence

from alembic import op

revision: str = "0003"
down_revision: str | None = "0002"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None

INDEXES = {
    "ix_case_received_status": ["received_at", "status"],
    "ix_case_tier_status": ["tier", "status"],
    "ix_case_key_status": ["key", "status"],
}


def upgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name, columns in INDEXES.items():
            batch_op.create_index(name, columns, unique=False)


def downgrade() -> None:
    with op.batch_alter_table("case", schema=None) as batch_op:
        for name in INDEXES:
            batch_op.drop_index(name)

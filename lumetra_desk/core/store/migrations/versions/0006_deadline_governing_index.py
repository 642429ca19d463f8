"""The current deadlines by case and event, with their date and rule: the reminders read them from this index.

Finding the rule behind each due case's deadline read the deadline table's rows (27k pages at 100k cases, each
decrypted); this partial index holds the current rows only, with every column that lookup needs, so the rows
are not read. ``superseded_at`` is one of its columns (always empty) so that SQLite sees the lookup covered, and
``id`` follows the date so that, of several rows for one date (one per right), the first found is the first
computed, as the case list reads it.

Revision ID: 0006
Revises: 0005
"""

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0006"
down_revision: str | None = "0005"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_index(
        "ix_deadline_governing",
        "deadline",
        ["case_id", "event", "superseded_at", "due", "id", "basis"],
        unique=False,
        sqlite_where=sa.text("superseded_at IS NULL"),
    )


def downgrade() -> None:
    op.drop_index("ix_deadline_governing", table_name="deadline")

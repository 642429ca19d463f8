"""Alembic environment: always run by lumetra_desk.core.store.migrate on an already-keyed connection."""

from alembic import context
from sqlmodel import SQLModel

from lumetra_desk.core.store import models  # noqa: F401  (registers the tables)
from lumetra_desk.core.store.migrate import include_name

connection = context.config.attributes["connection"]
context.configure(
    connection=connection,
    target_metadata=SQLModel.metadata,
    render_as_batch=True,
    compare_type=True,
    include_name=include_name,
)
with context.begin_transaction():
    context.run_migrations()

"""the metadata cache: one service's answer per work

Revision ID: 0002
Revises: 0001
Create Date: 2026-05-11 00:00:00

"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

from bot.store.tables import UTCDateTime

revision: str = "0002"
down_revision: str | Sequence[str] | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    """Create the work_metadata table."""
    op.create_table(
        "work_metadata",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=True),
        sa.Column("service", sa.String(20), nullable=False),
        sa.Column("key", sa.String(400), nullable=False),
        sa.Column("record", sa.JSON(), nullable=True),
        sa.Column("fetched_at", UTCDateTime(), nullable=False),
        sa.Column("expires_at", UTCDateTime(), nullable=True),
        sa.PrimaryKeyConstraint("id", name="pk_work_metadata"),
        sa.UniqueConstraint("service", "key", name="uq_work_metadata_service"),
    )


def downgrade() -> None:
    """Drop the work_metadata table."""
    op.drop_table("work_metadata")

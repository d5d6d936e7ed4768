"""Agreements carry the terms an extract under them follows; disclosures get an index for
the scoped, newest-first lists every page of the API asks for.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-25
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0002"
down_revision: str | None = "0001"
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.add_column(
            sa.Column("extract_terms", sa.JSON(), nullable=False, server_default="{}")
        )
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.create_index(
            "ix_disclosures_organization_id_id", ["organization_id", "id"], unique=False
        )


def downgrade() -> None:
    with op.batch_alter_table("disclosures", schema=None) as batch_op:
        batch_op.drop_index("ix_disclosures_organization_id_id")
    with op.batch_alter_table("agreements", schema=None) as batch_op:
        batch_op.drop_column("extract_terms")

"""Evidence kept once per content: files move from each report's and appeal's rows into
``evidence_files`` keyed by SHA-256, and the rows keep the hash and the time of receipt.

Revision ID: 0008_evidence
Revises: 0007_outbox
Create Date: 2026-12-03 02:50:00
"""

import sqlalchemy as sa
from alembic import op

revision = "0008_evidence"
down_revision = "0007_outbox"
branch_labels = None
depends_on = None

_OWNERS = (("attachments", "reports", "report_id"), ("appeal_files", "appeals", "appeal_id"))


def upgrade() -> None:
    op.create_table(
        "evidence_files",
        sa.Column("sha256", sa.String(length=64), primary_key=True),
        sa.Column("content_type", sa.String(length=100), nullable=False),
        sa.Column("size", sa.Integer(), nullable=False),
        sa.Column("content", sa.LargeBinary(), nullable=False),
        sa.Column("received_at", sa.DateTime(timezone=True), nullable=False),
    )
    db = op.get_bind()
    for table, owner, key in _OWNERS:
        with op.batch_alter_table(table) as batch:
            batch.add_column(sa.Column("received_at", sa.DateTime(timezone=True)))
            batch.alter_column("content", existing_type=sa.LargeBinary(), nullable=True)
        op.create_index(f"ix_{table}_sha256", table, ["sha256"])
        # One row per content: the first file with each hash, unless kept already.
        db.execute(
            sa.text(
                f"INSERT INTO evidence_files (sha256, content_type, size, content, received_at) "
                f"SELECT a.sha256, a.content_type, a.size, a.content, o.created_at "
                f"FROM {table} a JOIN {owner} o ON o.id = a.{key} "
                f"WHERE a.content IS NOT NULL AND a.id = (SELECT min(b.id) FROM {table} b "
                f"WHERE b.sha256 = a.sha256 AND b.content IS NOT NULL) AND NOT EXISTS "
                f"(SELECT 1 FROM evidence_files e WHERE e.sha256 = a.sha256)"
            )
        )
        db.execute(
            sa.text(
                f"UPDATE {table} SET received_at = (SELECT created_at FROM {owner} o "
                f"WHERE o.id = {table}.{key}), content = NULL"
            )
        )


def downgrade() -> None:
    for table, _owner, _key in _OWNERS:
        op.execute(
            f"UPDATE {table} SET content = (SELECT content FROM evidence_files e "
            f"WHERE e.sha256 = {table}.sha256)"
        )
        op.drop_index(f"ix_{table}_sha256", table_name=table)
        with op.batch_alter_table(table) as batch:
            batch.drop_column("received_at")
    op.drop_table("evidence_files")

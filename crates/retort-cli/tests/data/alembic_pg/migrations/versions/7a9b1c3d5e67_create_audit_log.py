"""create audit log

Revision ID: 7a9b1c3d5e67
Revises: 2b4c6d8e0f12
Create Date: 2024-03-07 10:00:00.000007

"""
from alembic import op
import sqlalchemy as sa

revision = "7a9b1c3d5e67"
down_revision = "2b4c6d8e0f12"
branch_labels = ("audit",)
depends_on = None


def upgrade():
    op.create_table(
        "audit_log",
        sa.Column("id", sa.BigInteger, sa.Identity(), primary_key=True),
        sa.Column("at", sa.DateTime(timezone=True), server_default=sa.func.now(), nullable=False),
        sa.Column("what", sa.Text, nullable=False),
    )


def downgrade():
    op.drop_table("audit_log")

"""create users

Revision ID: 1f3a5b7c9d01
Revises:
Create Date: 2024-03-01 10:00:00.000001

"""
from alembic import op
import sqlalchemy as sa
from sqlalchemy.dialects import postgresql

revision = "1f3a5b7c9d01"
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "users",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("email", sa.String(100), nullable=False),
        sa.Column("status", sa.Enum("active", "disabled", name="user_status"), nullable=False),
        sa.UniqueConstraint("email", name="uq_users_email"),
        sa.CheckConstraint("length(email) > 3", name="ck_users_email_len"),
    )


def downgrade():
    op.drop_table("users")
    # The usual way to drop a named enum, and one that needs the connection.
    postgresql.ENUM(name="user_status").drop(op.get_bind())

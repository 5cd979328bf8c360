"""alter users: longer names, required, renamed email

Revision ID: 3c5d7e9f1a23
Revises: 2b4c6d8e0f12
Create Date: 2024-03-03 10:00:00.000003

"""
from alembic import op
import sqlalchemy as sa

revision = "3c5d7e9f1a23"
down_revision = "2b4c6d8e0f12"
branch_labels = None
depends_on = None


def upgrade():
    op.alter_column(
        "users",
        "name",
        type_=sa.String(200),
        existing_type=sa.String(50),
        nullable=False,
        server_default="anon",
    )
    op.alter_column("users", "email", new_column_name="email_address")


def downgrade():
    op.alter_column("users", "email_address", new_column_name="email")
    op.alter_column(
        "users",
        "name",
        type_=sa.String(50),
        existing_type=sa.String(200),
        nullable=True,
        server_default=None,
    )

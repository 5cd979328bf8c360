"""add user name

Revision ID: 2b4c6d8e0f12
Revises: 1f3a5b7c9d01
Create Date: 2024-03-02 10:00:00.000002

"""
from alembic import op
import sqlalchemy as sa

revision = "2b4c6d8e0f12"
down_revision = "1f3a5b7c9d01"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("name", sa.String(50), nullable=True))
    op.create_index("ix_users_name", "users", ["name"])


def downgrade():
    op.drop_index("ix_users_name", table_name="users")
    op.drop_column("users", "name")

"""create tags, a second root

Revision ID: 3d4e5f607182
Revises:
Create Date: 2024-04-04 09:00:00.000004

"""
from alembic import op
import sqlalchemy as sa

revision = "3d4e5f607182"
down_revision = None
branch_labels = ("tags",)
depends_on = "1b2c3d4e5f60"


def upgrade():
    op.create_table("tags", sa.Column("name", sa.String(20), primary_key=True))


def downgrade():
    op.drop_table("tags")

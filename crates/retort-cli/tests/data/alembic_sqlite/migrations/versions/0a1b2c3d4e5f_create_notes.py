"""create notes

Revision ID: 0a1b2c3d4e5f
Revises:
Create Date: 2024-04-01 09:00:00.000001

"""
from alembic import op
import sqlalchemy as sa

revision = "0a1b2c3d4e5f"
down_revision = None
branch_labels = ("notes",)
depends_on = None


def upgrade():
    op.create_table(
        "notes",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("title", sa.String(50), nullable=False),
        sa.Column("body", sa.Text),
        sa.CheckConstraint("length(title) > 0", name="ck_notes_title"),
    )
    op.create_index("ix_notes_title", "notes", ["title"])


def downgrade():
    op.drop_index("ix_notes_title", table_name="notes")
    op.drop_table("notes")

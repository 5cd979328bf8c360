"""add note tag

Revision ID: 1b2c3d4e5f60
Revises: 0a1b2c3d4e5f
Create Date: 2024-04-02 09:00:00.000002

"""
from alembic import op
import sqlalchemy as sa

revision = "1b2c3d4e5f60"
down_revision = "0a1b2c3d4e5f"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("notes", sa.Column("tag", sa.String(20), nullable=True))
    notes = sa.table("notes", sa.column("title", sa.String), sa.column("body", sa.Text), sa.column("tag", sa.String))
    op.bulk_insert(notes, [{"title": "first", "body": "it's here", "tag": "a"}, {"title": "second", "body": None, "tag": "b"}])


def downgrade():
    op.execute("DELETE FROM notes")
    op.drop_column("notes", "tag")

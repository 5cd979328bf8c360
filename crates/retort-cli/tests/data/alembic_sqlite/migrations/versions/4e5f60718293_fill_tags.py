"""fill tags from notes

Revision ID: 4e5f60718293
Revises: 3d4e5f607182, 2c3d4e5f6071
Create Date: 2024-04-05 09:00:00.000005

"""
from alembic import op
import sqlalchemy as sa

revision = "4e5f60718293"
down_revision = ("3d4e5f607182", "2c3d4e5f6071")
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("notes", sa.Column("slug", sa.String(60)))
    bind = op.get_bind()
    for note_id, title in bind.execute(sa.text("SELECT id, title FROM notes ORDER BY id")):
        bind.execute(sa.text("UPDATE notes SET slug = :slug WHERE id = :id"), {"slug": title.lower(), "id": note_id})
    op.execute("INSERT INTO tags (name) SELECT DISTINCT tag FROM notes WHERE tag IS NOT NULL")


def downgrade():
    op.execute("DELETE FROM tags")
    with op.batch_alter_table("notes") as batch:
        batch.drop_column("slug")

"""batch alter notes

Revision ID: 2c3d4e5f6071
Revises: 1b2c3d4e5f60
Create Date: 2024-04-03 09:00:00.000003

"""
from alembic import op
import sqlalchemy as sa

revision = "2c3d4e5f6071"
down_revision = "1b2c3d4e5f60"
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table("notes") as batch:
        batch.alter_column("title", type_=sa.String(200), existing_type=sa.String(50), existing_nullable=False)
        batch.alter_column("body", new_column_name="content", existing_type=sa.Text)
        batch.create_unique_constraint("uq_notes_title", ["title"])


def downgrade():
    with op.batch_alter_table("notes") as batch:
        batch.drop_constraint("uq_notes_title", type_="unique")
        batch.alter_column("content", new_column_name="body", existing_type=sa.Text)
        batch.alter_column("title", type_=sa.String(50), existing_type=sa.String(200), existing_nullable=False)

"""fill user domain from email

Revision ID: 6f8a0b2c4d56
Revises: 5e7f9a1b3c45
Create Date: 2024-03-06 10:00:00.000006

"""
from alembic import op
import sqlalchemy as sa

revision = "6f8a0b2c4d56"
down_revision = "5e7f9a1b3c45"
branch_labels = None
depends_on = None


def upgrade():
    op.add_column("users", sa.Column("domain", sa.String(100)))
    bind = op.get_bind()
    rows = bind.execute(sa.text("SELECT id, email_address FROM users ORDER BY id")).fetchall()
    for user_id, email in rows:
        bind.execute(
            sa.text("UPDATE users SET domain = :domain WHERE id = :id"),
            {"domain": email.split("@")[1], "id": user_id},
        )


def downgrade():
    op.drop_column("users", "domain")

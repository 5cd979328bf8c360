"""create orders

Revision ID: 4d6e8f0a2b34
Revises: 3c5d7e9f1a23
Create Date: 2024-03-04 10:00:00.000004

"""
from alembic import op
import sqlalchemy as sa

revision = "4d6e8f0a2b34"
down_revision = "3c5d7e9f1a23"
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        "orders",
        sa.Column("id", sa.Integer, primary_key=True),
        sa.Column("user_id", sa.Integer, nullable=False),
        sa.Column("amount", sa.Numeric(10, 2), nullable=False, server_default="0"),
        sa.Column("reference", sa.String(20)),
    )
    op.create_foreign_key("fk_orders_user", "orders", "users", ["user_id"], ["id"], ondelete="CASCADE")
    op.create_unique_constraint("uq_orders_reference", "orders", ["reference"])
    op.create_check_constraint("ck_orders_amount", "orders", "amount >= 0")
    users = sa.table(
        "users", sa.column("email_address", sa.String), sa.column("name", sa.String), sa.column("status", sa.String)
    )
    op.bulk_insert(
        users,
        [
            {"email_address": "ada@example.org", "name": "Ada", "status": "active"},
            {"email_address": "bob@example.com", "name": "O'Brien", "status": "disabled"},
        ],
    )


def downgrade():
    op.execute("DELETE FROM users")
    op.drop_constraint("ck_orders_amount", "orders", type_="check")
    op.drop_constraint("uq_orders_reference", "orders", type_="unique")
    op.drop_constraint("fk_orders_user", "orders", type_="foreignkey")
    op.drop_table("orders")

"""index orders concurrently

Revision ID: 5e7f9a1b3c45
Revises: 4d6e8f0a2b34
Create Date: 2024-03-05 10:00:00.000005

"""
from alembic import op
import sqlalchemy as sa

revision = "5e7f9a1b3c45"
down_revision = "4d6e8f0a2b34"
branch_labels = None
depends_on = None


def upgrade():
    op.execute("COMMENT ON TABLE orders IS 'what users bought'")
    with op.get_context().autocommit_block():
        op.create_index("ix_orders_user_id", "orders", ["user_id"], postgresql_concurrently=True)
    op.create_index("ix_orders_amount", "orders", ["amount"])


def downgrade():
    op.drop_index("ix_orders_amount", table_name="orders")
    with op.get_context().autocommit_block():
        op.drop_index("ix_orders_user_id", table_name="orders", postgresql_concurrently=True)
    op.execute("COMMENT ON TABLE orders IS NULL")

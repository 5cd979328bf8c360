"""audit orders

Revision ID: 8b0c2d4e6f78
Revises: 7a9b1c3d5e67
Create Date: 2024-03-08 10:00:00.000008

"""
from alembic import op
import sqlalchemy as sa

revision = "8b0c2d4e6f78"
down_revision = "7a9b1c3d5e67"
branch_labels = None
depends_on = "4d6e8f0a2b34"


def upgrade():
    op.add_column("audit_log", sa.Column("order_id", sa.Integer, sa.ForeignKey("orders.id", name="fk_audit_order")))


def downgrade():
    op.drop_column("audit_log", "order_id")

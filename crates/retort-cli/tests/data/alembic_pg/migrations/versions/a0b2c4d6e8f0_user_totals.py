"""user totals view

Revision ID: a0b2c4d6e8f0
Revises: 9c1d3e5f7a89
Create Date: 2024-03-10 10:00:00.000010

"""
from alembic import op

revision = "a0b2c4d6e8f0"
down_revision = "9c1d3e5f7a89"
branch_labels = None
depends_on = None


def upgrade():
    op.execute(
        """
        CREATE FUNCTION order_total(uid integer) RETURNS numeric
        LANGUAGE sql STABLE AS $$
            SELECT coalesce(sum(amount), 0) FROM orders WHERE user_id = uid
        $$
        """
    )
    op.execute("CREATE VIEW user_totals AS SELECT id, order_total(id) AS total FROM users")


def downgrade():
    op.execute("DROP VIEW user_totals")
    op.execute("DROP FUNCTION order_total(integer)")

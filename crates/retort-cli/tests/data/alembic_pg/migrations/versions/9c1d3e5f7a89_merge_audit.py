"""merge audit into main

Revision ID: 9c1d3e5f7a89
Revises: 6f8a0b2c4d56, 8b0c2d4e6f78
Create Date: 2024-03-09 10:00:00.000009

"""
revision = "9c1d3e5f7a89"
down_revision = ("6f8a0b2c4d56", "8b0c2d4e6f78")
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass

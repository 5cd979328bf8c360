"""Models covering what a PostgreSQL project's SQLAlchemy metadata holds."""
import enum

from sqlalchemy import (
    Boolean, CheckConstraint, Column, Computed, DateTime, Enum, ForeignKey,
    ForeignKeyConstraint, Identity, Index, Integer, MetaData, Numeric, Sequence,
    String, Table, Text, UniqueConstraint, func, text,
)
from sqlalchemy.dialects import postgresql
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    metadata = MetaData(naming_convention=convention)


class Status(enum.Enum):
    active = "active"
    closed = "closed"


# A type the models use but do not create: types.sql creates it.
mood = postgresql.ENUM("happy", "sad", name="mood", create_type=False)
order_number = Sequence("order_number_seq", start=1000, increment=5, metadata=Base.metadata)


class Account(Base):
    __tablename__ = "accounts"
    __table_args__ = {"comment": "customer accounts"}
    id: Mapped[int] = mapped_column(Integer, Identity(start=10, increment=2), primary_key=True)
    email: Mapped[str] = mapped_column(String(200), unique=True, comment="where mail goes")
    status: Mapped[Status] = mapped_column(
        Enum(Status, name="account_status"), server_default="active"
    )
    mood = mapped_column(mood)
    created = mapped_column(DateTime(timezone=True), nullable=False, server_default=func.now())
    tags = mapped_column(postgresql.ARRAY(Text), server_default=text("'{}'"))
    # Half of a foreign-key cycle: rendered as ALTER TABLE ... ADD CONSTRAINT.
    best_order_id = mapped_column(ForeignKey("billing.orders.id"))


class Order(Base):
    __tablename__ = "orders"
    __table_args__ = (
        CheckConstraint("total >= 0", name="positive_total"),
        UniqueConstraint("account_id", "number"),
        Index(
            "ix_orders_open", "account_id",
            postgresql_where=text("NOT closed"), postgresql_include=["total"],
        ),
        {"schema": "billing", "comment": "orders placed"},
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    number = mapped_column(Integer, order_number, server_default=order_number.next_value())
    account_id = mapped_column(
        ForeignKey("accounts.id", ondelete="CASCADE"), nullable=False
    )
    total = mapped_column(Numeric(12, 2), nullable=False, server_default=text("0"))
    tax = mapped_column(Numeric(12, 2), Computed("total * 0.2", persisted=True))
    closed = mapped_column(Boolean, nullable=False, server_default=text("false"))
    note = mapped_column(Text, comment="free text")


lines = Table(
    "order_lines",
    Base.metadata,
    Column("order_id", Integer, primary_key=True),
    Column("line", Integer, Identity(always=True), primary_key=True),
    Column("sku", String(40), nullable=False),
    Column("qty", Integer, nullable=False, server_default="1"),
    ForeignKeyConstraint(["order_id"], ["billing.orders.id"]),
    schema="billing",
)

Index("ix_accounts_email_lower", func.lower(Account.email), postgresql_concurrently=True)
Index("ix_accounts_tags", Account.tags, postgresql_using="gin")
Index("ix_order_lines_sku", lines.c.sku, unique=True)

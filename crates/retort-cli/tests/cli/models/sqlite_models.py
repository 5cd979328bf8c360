"""Models for a SQLite project."""
from sqlalchemy import (
    CheckConstraint, Column, Computed, ForeignKey, Index, Integer, MetaData,
    String, Table, Text, UniqueConstraint, text, Enum, func,
)
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


class Author(Base):
    __tablename__ = "authors"
    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(100), unique=True)
    kind = mapped_column(
        Enum("person", "group", name="author_kind", create_constraint=True),
        nullable=False, server_default="person",
    )


class Book(Base):
    __tablename__ = "books"
    __table_args__ = (
        CheckConstraint("pages > 0", name="positive_pages"),
        UniqueConstraint("author_id", "title"),
        Index("ix_books_long", "pages", sqlite_where=text("pages > 500")),
    )
    id: Mapped[int] = mapped_column(primary_key=True)
    author_id = mapped_column(ForeignKey("authors.id", ondelete="CASCADE"), nullable=False)
    title = mapped_column(String(200), nullable=False)
    pages = mapped_column(Integer, nullable=False, server_default=text("1"))
    words = mapped_column(Integer, Computed("pages * 300"))


tags = Table(
    "book_tags",
    Base.metadata,
    Column("book_id", ForeignKey("books.id"), primary_key=True),
    Column("tag", Text, primary_key=True),
)

Index("ix_books_title_lower", func.lower(Book.title))

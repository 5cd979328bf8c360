-- PostgreSQL 18: a NOT NULL constraint inherited (INHERITS) or copied (LIKE)
-- has its parent's name; renaming the parent's renames the inherited one.
CREATE TABLE p (a integer NOT NULL, b integer);
CREATE TABLE c (x integer) INHERITS (p);
CREATE TABLE l (LIKE p);

CREATE EXTENSION pg_trgm;
CREATE TABLE t (a int, j jsonb, s text, ts timestamptz);

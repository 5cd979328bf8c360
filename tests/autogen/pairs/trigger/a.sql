CREATE TABLE t (a int, updated timestamptz);

CREATE TYPE st AS ENUM ('a', 'b');
CREATE TABLE t (s st, x int);
CREATE INDEX t_active ON t (x) WHERE s = 'a';

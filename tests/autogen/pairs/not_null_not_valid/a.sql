-- PostgreSQL 18: a NOT NULL constraint added NOT VALID holds for new rows
-- only; validating it, or making it so, is a change.
CREATE TABLE t (a integer NOT NULL, b integer, c integer, d integer CONSTRAINT d_checked NOT NULL);
ALTER TABLE t ADD CONSTRAINT c_later NOT NULL c NOT VALID;

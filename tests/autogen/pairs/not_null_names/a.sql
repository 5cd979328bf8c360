-- PostgreSQL 18 names NOT NULL constraints; the names are part of the schema.
CREATE TABLE base (a integer NOT NULL, b integer);
-- LIKE copies the constraint with base's name: the same on both sides, no change.
CREATE TABLE copy (LIKE base);
CREATE TABLE t (x integer CONSTRAINT x_required NOT NULL, y integer, z integer NOT NULL);
CREATE TABLE m (k integer NOT NULL, v text) PARTITION BY LIST (k);
-- Attached with a name of its own, which it keeps.
CREATE TABLE m1 (k integer NOT NULL, v text);
ALTER TABLE m ATTACH PARTITION m1 FOR VALUES IN (1);
COMMENT ON CONSTRAINT x_required ON t IS 'x is required';

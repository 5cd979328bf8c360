CREATE TABLE base (a integer NOT NULL, b integer NOT NULL);
-- b becomes NOT NULL here too, named after base (LIKE copies base's name).
CREATE TABLE copy (LIKE base);
CREATE TABLE copy2 (LIKE base);
-- Renamed, made NOT NULL under a chosen name, kept; and a new column named.
CREATE TABLE t (
    x integer CONSTRAINT x_must NOT NULL,
    y integer CONSTRAINT y_required NOT NULL,
    z integer NOT NULL,
    w integer CONSTRAINT w_present NOT NULL DEFAULT 0
);
CREATE TABLE m (k integer NOT NULL, v text) PARTITION BY LIST (k);
-- Made by PARTITION OF: m's name.
CREATE TABLE m1 PARTITION OF m FOR VALUES IN (1);
CREATE TABLE m2 (k integer CONSTRAINT m2_own NOT NULL, v text);
ALTER TABLE m ATTACH PARTITION m2 FOR VALUES IN (2);
COMMENT ON CONSTRAINT x_must ON t IS 'x is required';

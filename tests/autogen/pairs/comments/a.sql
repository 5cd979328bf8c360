CREATE TABLE t (a int, b int);
COMMENT ON COLUMN t.b IS 'old';

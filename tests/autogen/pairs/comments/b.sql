CREATE TABLE t (a int, b int);
COMMENT ON TABLE t IS 'the t';
COMMENT ON COLUMN t.a IS 'it''s a';

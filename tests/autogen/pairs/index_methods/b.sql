CREATE EXTENSION pg_trgm;
CREATE TABLE t (a int, j jsonb, s text, ts timestamptz);
CREATE INDEX t_j ON t USING gin (j jsonb_path_ops);
CREATE INDEX t_s ON t USING gist (s gist_trgm_ops);
CREATE INDEX t_ts ON t USING brin (ts);
CREATE INDEX t_h ON t USING hash (a);
CREATE INDEX t_desc ON t (a DESC NULLS LAST);

CREATE TABLE t (id bigint, v text, n bigint DEFAULT 2);

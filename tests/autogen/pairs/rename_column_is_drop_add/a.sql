CREATE TABLE t (old_name text);

CREATE TABLE t (new_name text);

CREATE TABLE t (a int, code text, b int);

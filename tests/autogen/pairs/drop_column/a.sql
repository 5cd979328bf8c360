CREATE TABLE t (id int, gone text, also int DEFAULT 3);

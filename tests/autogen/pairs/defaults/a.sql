CREATE TABLE t (a int DEFAULT 1, b timestamp, c text DEFAULT 'x');

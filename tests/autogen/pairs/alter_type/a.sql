CREATE TABLE t (id int, v varchar(10), n int DEFAULT 1);

CREATE TABLE t (id int, name varchar(40) NOT NULL DEFAULT 'x', n numeric(10,2));

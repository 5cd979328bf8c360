CREATE TABLE p (a integer CONSTRAINT p_a_nn NOT NULL, b integer);
CREATE TABLE c (x integer) INHERITS (p);
CREATE TABLE l (LIKE p);

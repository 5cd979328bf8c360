CREATE TABLE t (a int CHECK (a > 1), b int, CONSTRAINT b_pos CHECK (b >= 0) NOT VALID);

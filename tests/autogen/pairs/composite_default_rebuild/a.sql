CREATE TYPE point2 AS (x int, y int);
CREATE TABLE shapes (id int PRIMARY KEY, origin point2 DEFAULT ROW(0, 0), corner point2);
INSERT INTO shapes VALUES (1, ROW(1, 2), NULL);

CREATE TYPE point2 AS (x bigint, y int);
CREATE TABLE shapes (id int PRIMARY KEY, origin point2 DEFAULT ROW(0, 0), corner point2);

CREATE TYPE address AS (street text, city text, zip varchar(10));
CREATE TYPE gone AS (a int);
CREATE TABLE places (id int PRIMARY KEY, location address);

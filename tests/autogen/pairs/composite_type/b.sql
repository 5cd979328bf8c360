CREATE TYPE address AS (street text, city varchar(80), country text COLLATE "C");
CREATE TYPE money_amount AS (currency char(3), cents bigint);
CREATE TABLE places (id int PRIMARY KEY, location address, fee money_amount);

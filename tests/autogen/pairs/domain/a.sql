CREATE DOMAIN email AS text CHECK (VALUE ~ '@');
CREATE DOMAIN positive AS integer DEFAULT 1 CONSTRAINT positive_check CHECK (VALUE > 0);
CREATE DOMAIN old_code AS varchar(10);
CREATE DOMAIN widened AS varchar(10);
CREATE TABLE users (id integer PRIMARY KEY, address email, score positive);

CREATE DOMAIN email AS text NOT NULL CHECK (VALUE ~ '@') CONSTRAINT email_length CHECK (length(VALUE) < 320);
CREATE DOMAIN positive AS integer DEFAULT 10 CONSTRAINT positive_check CHECK (VALUE >= 1);
CREATE DOMAIN widened AS varchar(20) COLLATE "C";
CREATE DOMAIN percent AS numeric(5,2) CHECK (VALUE BETWEEN 0 AND 100);
CREATE TABLE users (id integer PRIMARY KEY, address email, score positive, share percent);

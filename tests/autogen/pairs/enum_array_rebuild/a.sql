CREATE TYPE role AS ENUM ('admin', 'user', 'guest');
CREATE TABLE members (id int PRIMARY KEY, roles role[] DEFAULT '{user}', main role DEFAULT 'user');
INSERT INTO members VALUES (1, '{admin,user}', 'admin');

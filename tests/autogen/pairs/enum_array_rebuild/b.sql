CREATE TYPE role AS ENUM ('user', 'admin');
CREATE TABLE members (id int PRIMARY KEY, roles role[] DEFAULT '{user}', main role DEFAULT 'user');

CREATE SCHEMA app;
CREATE TABLE app.things (id int PRIMARY KEY);
CREATE TYPE app.kind AS ENUM ('x');

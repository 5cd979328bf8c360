CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('a', 'b');
CREATE TABLE app.t (s app.st DEFAULT 'b');

CREATE SCHEMA app;
CREATE TYPE app.st AS ENUM ('a');
CREATE TABLE app.t (s app.st DEFAULT 'a');

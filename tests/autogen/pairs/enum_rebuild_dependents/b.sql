CREATE TYPE status AS ENUM ('done', 'new');
CREATE TABLE jobs (id int PRIMARY KEY, state status NOT NULL DEFAULT 'new', CONSTRAINT not_old CHECK (state <> 'done'));
CREATE INDEX jobs_open ON jobs (id) WHERE state = 'new';
CREATE INDEX jobs_state ON jobs (state);
CREATE VIEW open_jobs AS SELECT id, state FROM jobs WHERE state <> 'done';
CREATE FUNCTION is_done(s status) RETURNS boolean LANGUAGE sql IMMUTABLE AS $$ SELECT s = 'done' $$;

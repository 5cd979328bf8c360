CREATE TYPE state AS ENUM ('new', 'queued');
CREATE TABLE job (s state NOT NULL DEFAULT 'queued');

CREATE TYPE state AS ENUM ('new');
CREATE TABLE job (s state NOT NULL DEFAULT 'new');

-- create notes
--
-- Revision ID: 1a0c2e4b6d8f
-- Revises:
-- Create Date: 2026-01-10 09:00:00.000000

-- retort:upgrade
CREATE TABLE notes (
    id INTEGER PRIMARY KEY,
    body TEXT NOT NULL
);

-- retort:downgrade
DROP TABLE notes;

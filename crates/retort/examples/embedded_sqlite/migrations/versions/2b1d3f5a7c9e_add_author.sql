-- add author
--
-- Revision ID: 2b1d3f5a7c9e
-- Revises: 1a0c2e4b6d8f
-- Create Date: 2026-01-11 09:00:00.000000

-- retort:upgrade
ALTER TABLE notes ADD COLUMN author TEXT NOT NULL DEFAULT 'anonymous';

-- retort:downgrade
ALTER TABLE notes DROP COLUMN author;

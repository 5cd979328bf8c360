CREATE TABLE users (id bigint PRIMARY KEY, email text NOT NULL UNIQUE, created_at timestamptz DEFAULT now());

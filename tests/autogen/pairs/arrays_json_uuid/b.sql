CREATE TABLE t (id uuid, tags text[] NOT NULL DEFAULT '{}', data jsonb DEFAULT '{}'::jsonb, at timestamp(3) with time zone);

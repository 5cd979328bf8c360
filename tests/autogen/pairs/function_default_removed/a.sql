CREATE FUNCTION next_code() RETURNS text LANGUAGE sql AS $$ SELECT md5(random()::text) $$;
CREATE FUNCTION twice(x int) RETURNS int LANGUAGE sql IMMUTABLE AS $$ SELECT x * 2 $$;
CREATE TABLE t (a int, code text DEFAULT next_code(), b int GENERATED ALWAYS AS (twice(a)) STORED);

CREATE FUNCTION total(a int, b int) RETURNS int LANGUAGE sql AS 'SELECT a + b';
CREATE FUNCTION greet(name text DEFAULT 'you') RETURNS text LANGUAGE sql AS $$ SELECT 'hi ' || name $$;
CREATE FUNCTION pair(x int, OUT doubled int, OUT tripled int) LANGUAGE sql AS 'SELECT x * 2, x * 3';
CREATE FUNCTION same(x int) RETURNS int LANGUAGE sql AS 'SELECT x';

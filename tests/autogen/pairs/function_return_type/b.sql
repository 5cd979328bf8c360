CREATE FUNCTION total(a int, b int) RETURNS bigint LANGUAGE sql AS 'SELECT (a + b)::bigint';
CREATE FUNCTION greet(who text) RETURNS text LANGUAGE sql AS $$ SELECT 'hello ' || who $$;
CREATE FUNCTION pair(x int, OUT doubled int, OUT tripled int, OUT squared int) LANGUAGE sql AS 'SELECT x * 2, x * 3, x * x';
CREATE FUNCTION same(x int) RETURNS int LANGUAGE sql AS 'SELECT x + 0';

-- PostgreSQL 18: generated columns computed when read (VIRTUAL, the default).
CREATE TABLE g (
    n integer,
    doubled integer GENERATED ALWAYS AS (n * 2) VIRTUAL,
    tripled integer GENERATED ALWAYS AS (n * 3) STORED,
    halved integer GENERATED ALWAYS AS (n / 2),
    kept integer GENERATED ALWAYS AS (n + 1)
);

CREATE TABLE g (
    n integer,
    doubled integer GENERATED ALWAYS AS (n * 4) VIRTUAL,
    tripled integer GENERATED ALWAYS AS (n * 3) VIRTUAL,
    halved integer GENERATED ALWAYS AS (n / 2) STORED,
    kept integer GENERATED ALWAYS AS (n + 1),
    squared integer GENERATED ALWAYS AS (n * n)
);

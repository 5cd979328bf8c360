CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner integer,
    body jsonb,
    tag_ids integer[],
    score bigint,
    label integer
);

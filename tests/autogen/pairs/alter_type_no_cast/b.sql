CREATE TABLE documents (
    id integer PRIMARY KEY,
    owner uuid,
    body bytea,
    tag_ids jsonb,
    score integer,
    label integer[]
);

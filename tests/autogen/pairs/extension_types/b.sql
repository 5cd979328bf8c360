-- Columns of extension types, as pgvector's vector(1536) would be: contrib's
-- citext, cube and hstore stand in where pgvector is not installed.
CREATE EXTENSION citext;
CREATE EXTENSION cube;
CREATE EXTENSION hstore;
CREATE TABLE docs (id int PRIMARY KEY, email citext NOT NULL, embedding cube, attrs hstore, tags citext[]);
CREATE INDEX docs_embedding ON docs USING gist (embedding);
CREATE INDEX docs_attrs ON docs USING gin (attrs);

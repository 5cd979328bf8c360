CREATE TYPE color AS ENUM ('red', 'grene', 'blue');
CREATE TYPE size AS ENUM ('S', 'M', 'L');
CREATE TABLE items (id int PRIMARY KEY, color color DEFAULT 'grene', size size);
CREATE INDEX green_items ON items (id) WHERE color = 'grene';
INSERT INTO items VALUES (1, 'grene', 'M');

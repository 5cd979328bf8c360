CREATE TYPE color AS ENUM ('red', 'green', 'blue');
CREATE TYPE size AS ENUM ('small', 'medium', 'large');
CREATE TABLE items (id int PRIMARY KEY, color color DEFAULT 'green', size size);
CREATE INDEX green_items ON items (id) WHERE color = 'green';

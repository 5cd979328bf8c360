CREATE TABLE readings (id int, at date NOT NULL, value int);
CREATE TABLE parent (id int PRIMARY KEY, note text);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));

CREATE TABLE readings (id int, at date NOT NULL, value int) PARTITION BY RANGE (at);
CREATE TABLE readings_all PARTITION OF readings FOR VALUES FROM (MINVALUE) TO (MAXVALUE);
CREATE TABLE parent (id int, note text, PRIMARY KEY (id)) PARTITION BY HASH (id);
CREATE TABLE parent_0 PARTITION OF parent FOR VALUES WITH (MODULUS 1, REMAINDER 0);
CREATE TABLE child (id int PRIMARY KEY, parent_id int REFERENCES parent (id));

CREATE TABLE a (id int PRIMARY KEY, b_id int);
CREATE TABLE b (id int PRIMARY KEY, a_id int REFERENCES a(id));
ALTER TABLE a ADD FOREIGN KEY (b_id) REFERENCES b(id);
CREATE TABLE keep (x int);

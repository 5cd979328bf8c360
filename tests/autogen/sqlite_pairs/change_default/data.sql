INSERT INTO jobs (id) VALUES (1), (2);

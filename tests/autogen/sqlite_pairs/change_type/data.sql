INSERT INTO measurements VALUES (1, '1.5', 'today'), (2, 'n/a', NULL);
INSERT INTO readings VALUES ('a', '1'), ('b', '2'), ('c', '3');
DELETE FROM readings WHERE sensor = 'a';

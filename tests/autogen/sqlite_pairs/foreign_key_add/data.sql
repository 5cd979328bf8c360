INSERT INTO authors VALUES (1, 'Ann');
INSERT INTO books VALUES (1, 1, 'First'), (2, NULL, 'Anonymous');

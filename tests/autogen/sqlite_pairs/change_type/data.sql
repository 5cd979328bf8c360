INSERT INTO measurements VALUES (1, '1.5', 'today'), (2, 'n/a', NULL);

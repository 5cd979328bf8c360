INSERT INTO items VALUES (1, 'first', 'x', 1), (2, 'second', NULL, 2);

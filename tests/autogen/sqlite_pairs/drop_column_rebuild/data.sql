INSERT INTO items VALUES (1, 'first', 'a', NULL), (2, 'second', 'b', 1);

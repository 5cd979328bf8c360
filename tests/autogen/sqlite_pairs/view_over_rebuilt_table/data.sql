INSERT INTO orders VALUES (1, '150', 0), (2, '20', 1);

INSERT INTO parents VALUES (1, 'Ann'), (2, 'Bob');
INSERT INTO children VALUES (10, 1, 'Cy'), (11, 2, 'Di');
INSERT INTO pets VALUES (20, 1);

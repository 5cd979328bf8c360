INSERT INTO users VALUES (1, 'a@example.com');
INSERT INTO sessions VALUES (1, 1, 'tok');
INSERT INTO audit VALUES (1, 1);

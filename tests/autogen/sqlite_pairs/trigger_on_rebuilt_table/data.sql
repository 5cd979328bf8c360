INSERT INTO notes VALUES (1, 'hello'), (2, 'world');

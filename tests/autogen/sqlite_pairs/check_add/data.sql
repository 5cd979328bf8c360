INSERT INTO prices VALUES (1, 10, 'EUR'), (2, 0, 'USD');

INSERT INTO documents (title, body) VALUES ('one', 'running text'), ('two', 'more words');

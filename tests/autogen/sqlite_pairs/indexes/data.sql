INSERT INTO people VALUES (1, 'Ann', 'ann@example.com', NULL), (2, 'Bob', 'bob@example.com', '2024-01-01');

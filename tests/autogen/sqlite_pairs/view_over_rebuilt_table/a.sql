CREATE TABLE orders (id INTEGER PRIMARY KEY, total TEXT, paid INTEGER DEFAULT 0);
CREATE VIEW unpaid AS SELECT id, total FROM orders WHERE paid = 0;
CREATE VIEW big_unpaid AS SELECT * FROM unpaid WHERE total > 100;
CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT);
CREATE VIEW customer_names AS SELECT name FROM customers;

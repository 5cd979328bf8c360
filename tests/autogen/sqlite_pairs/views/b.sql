CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER, paid INTEGER DEFAULT 0);
CREATE VIEW unpaid AS SELECT id, total, paid FROM orders WHERE paid = 0;
CREATE VIEW big_unpaid AS SELECT * FROM unpaid WHERE total > 100;

CREATE TABLE orders (id INTEGER PRIMARY KEY, total INTEGER, paid INTEGER DEFAULT 0);
CREATE VIEW unpaid AS SELECT id, total FROM orders WHERE paid = 0;
CREATE VIEW gone AS SELECT count(*) AS n FROM orders;

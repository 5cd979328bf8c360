INSERT INTO "Order Items" VALUES (1, 5), (2, 7);

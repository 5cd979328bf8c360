CREATE TABLE "Order Items" ("Item Id" INTEGER PRIMARY KEY, "Qty" INTEGER);
CREATE INDEX "Order Items by qty" ON "Order Items" ("Qty");

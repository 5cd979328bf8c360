CREATE TABLE "Order Items" ("Item Id" INTEGER PRIMARY KEY, "Qty" INTEGER NOT NULL DEFAULT 1, "Note" TEXT);
CREATE INDEX "Order Items by qty" ON "Order Items" ("Qty");

CREATE TABLE "Mixed Case" ("Id" int PRIMARY KEY, "select" text);
CREATE INDEX "Idx Name" ON "Mixed Case" ("select");

CREATE SCHEMA billing;
CREATE TYPE billing.state AS ENUM ('open', 'paid');
CREATE SEQUENCE billing.inv_no;
CREATE TABLE billing.invoice (id bigint DEFAULT nextval('billing.inv_no') PRIMARY KEY, s billing.state NOT NULL DEFAULT 'open');
CREATE INDEX inv_s ON billing.invoice (s);
CREATE VIEW billing.open_invoices AS SELECT id FROM billing.invoice WHERE s = 'open';

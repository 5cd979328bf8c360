CREATE TABLE accounts (id int PRIMARY KEY, plan text NOT NULL, region text NOT NULL DEFAULT 'eu', n int GENERATED ALWAYS AS IDENTITY);

CREATE TABLE prices (id INTEGER PRIMARY KEY, amount INTEGER CHECK (amount >= 0), currency TEXT, CHECK (currency IN ('EUR', 'USD')));

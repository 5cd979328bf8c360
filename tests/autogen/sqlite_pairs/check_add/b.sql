CREATE TABLE prices (
    id INTEGER PRIMARY KEY,
    amount INTEGER CHECK (amount >= 0),
    currency TEXT,
    CONSTRAINT currency_code CHECK (length(currency) = 3)
);

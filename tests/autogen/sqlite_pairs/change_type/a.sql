CREATE TABLE measurements (id INTEGER PRIMARY KEY, value TEXT, taken TEXT);
CREATE TABLE readings (sensor TEXT, value TEXT);

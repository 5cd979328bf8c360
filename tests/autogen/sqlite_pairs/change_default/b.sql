CREATE TABLE jobs (id INTEGER PRIMARY KEY, state TEXT DEFAULT 'pending', attempts INTEGER);

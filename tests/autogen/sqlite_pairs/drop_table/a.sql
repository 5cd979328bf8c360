CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL);
CREATE TABLE sessions (id INTEGER PRIMARY KEY, user_id INTEGER REFERENCES users (id), token TEXT);
CREATE INDEX sessions_token ON sessions (token);
CREATE TABLE audit (id INTEGER PRIMARY KEY, session_id INTEGER REFERENCES sessions (id));

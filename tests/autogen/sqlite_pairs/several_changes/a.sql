CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT, legacy TEXT);
CREATE TABLE old_stuff (id INTEGER PRIMARY KEY);
CREATE INDEX users_email ON users (email);
CREATE VIEW user_emails AS SELECT email FROM users;

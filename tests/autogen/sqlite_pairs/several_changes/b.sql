CREATE TABLE users (id INTEGER PRIMARY KEY, email TEXT NOT NULL, display_name TEXT);
CREATE TABLE teams (id INTEGER PRIMARY KEY, name TEXT UNIQUE);
CREATE TABLE memberships (
    user_id INTEGER REFERENCES users (id),
    team_id INTEGER REFERENCES teams (id),
    PRIMARY KEY (user_id, team_id)
) WITHOUT ROWID;
CREATE UNIQUE INDEX users_email ON users (email);
CREATE VIEW user_emails AS SELECT email FROM users;
CREATE TRIGGER teams_cleanup AFTER DELETE ON teams BEGIN
    DELETE FROM memberships WHERE team_id = old.id;
END;
